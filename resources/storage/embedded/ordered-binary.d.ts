/**
 * ordered-binary (lmdb-js's key encoding) ships typings, but its package.json `exports` has no `types` condition,
 * so node16 module resolution does not find them. This declares the one function the store uses, as typed there.
 */
declare module 'ordered-binary' {
  type Key = Key[] | null | string | symbol | number | bigint | boolean | Uint8Array;
  /** The key's bytes, as lmdb-js writes them. */
  export function toBufferKey(key: Key): Buffer;
}
