import { toBufferKey } from 'ordered-binary';
import type { IndexSpec } from '../port';

export type Scalar = string | number | boolean;
export type IndexValue = Scalar | null;

/**
 * Index keys are LMDB keys, limited to ~2 KB in all, so long strings are cut to a prefix. Truncation keeps
 * order (a prefix sorts before or with the whole), so a lookup by the truncated value still finds a superset of
 * matches, and the full filter is re-checked on every candidate document.
 */
export const MAX_INDEXED_STRING = 120;

export function indexable(value: Scalar): Scalar {
  return typeof value === 'string' && value.length > MAX_INDEXED_STRING ? value.slice(0, MAX_INDEXED_STRING) : value;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The value tuples a document contributes to an index: one per combination of the values of its key paths
 * (multikey). A path with no scalar value contributes null, as MongoDB indexes a missing field as null; a sparse
 * index leaves out documents that have none of its fields (MongoDB's rule for sparse indexes).
 */
export function indexTuples(doc: unknown, spec: IndexSpec): IndexValue[][] {
  return indexEntriesOf(doc, spec).tuples;
}

/** The tuples, and whether a key path crossed an array (which makes the index multikey). */
export function indexEntriesOf(doc: unknown, spec: IndexSpec): { tuples: IndexValue[][]; crossedArray: boolean } {
  const paths = compiledPaths(spec);
  const walk: Walk = { out: [], crossedArray: false };
  if (paths.length === 1) {
    const column = scalarsAt(doc, paths[0], walk);
    if (column.length === 0) return { tuples: spec.sparse ? [] : [[null]], crossedArray: walk.crossedArray };
    return { tuples: column.map((v) => [v]), crossedArray: walk.crossedArray };
  }
  let tuples: IndexValue[][] = [[]];
  let present = false;
  for (const segments of paths) {
    const values = scalarsAt(doc, segments, walk);
    if (values.length > 0) present = true;
    const column: IndexValue[] = values.length > 0 ? values : [null];
    if (column.length === 1) {
      for (const t of tuples) t.push(column[0]);
    } else {
      const next: IndexValue[][] = [];
      for (const t of tuples) for (const v of column) next.push([...t, v]);
      tuples = next;
    }
  }
  return { tuples: spec.sparse && !present ? [] : tuples, crossedArray: walk.crossedArray };
}

interface Walk {
  out: Scalar[];
  crossedArray: boolean;
}

/**
 * Key paths split once per index spec object (specs live as long as the store's catalog; documents are many),
 * without building a lookup key on every call: this runs for every index of every written document.
 */
const PATHS = new WeakMap<IndexSpec, readonly string[][]>();

function compiledPaths(spec: IndexSpec): readonly string[][] {
  let paths = PATHS.get(spec);
  if (!paths) {
    paths = spec.keys.map(([path]) => path.split('.'));
    PATHS.set(spec, paths);
  }
  return paths;
}

/** Distinct indexable scalars at a path, walking arrays element by element (MongoDB's multikey rule). */
function scalarsAt(doc: unknown, segments: readonly string[], walk: Walk): Scalar[] {
  walk.out = [];
  collectScalars(doc, segments, 0, walk);
  const out = walk.out;
  return out.length > 1 ? [...new Set(out)] : out;
}

function collectScalars(value: unknown, segments: readonly string[], depth: number, walk: Walk): void {
  if (Array.isArray(value)) {
    walk.crossedArray = true;
    for (const element of value) collectScalars(element, segments, depth, walk);
    return;
  }
  if (depth === segments.length) {
    if (isScalar(value)) walk.out.push(indexable(value));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  collectScalars((value as Record<string, unknown>)[segments[depth]], segments, depth + 1, walk);
}


/**
 * Index values go into LMDB keys as (type tag, value) pairs. The tags order types as MongoDB does (null, then
 * numbers, then strings, then booleans; LMDB's own order puts booleans first), and no key part is ever null:
 * lmdb-js reads `[..., null, null, id]` back as `[..., null, id]`, which would corrupt compound keys.
 */
const TAG_NULL = 0;
const TAG_NUMBER = 1;
const TAG_STRING = 2;
const TAG_BOOLEAN = 3;

export function typeTag(value: IndexValue): number {
  if (value === null) return TAG_NULL;
  if (typeof value === 'number') return TAG_NUMBER;
  if (typeof value === 'string') return TAG_STRING;
  return TAG_BOOLEAN;
}

type KeyPart = Uint8Array | string | number;

/** Appends a value's (type tag, value) pair to a key being built. */
function pushEncoded(key: KeyPart[], value: IndexValue): void {
  if (value === null) key.push(TAG_NULL, 0);
  else if (typeof value === 'boolean') key.push(TAG_BOOLEAN, value ? 1 : 0);
  else key.push(typeTag(value), value);
}

export function encodeTuple(tuple: readonly IndexValue[]): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const value of tuple) pushEncoded(parts, value);
  return parts;
}

/**
 * The LMDB key of an index entry, `[collection, indexName, tag, value, ..., id]`, or without `id` a unique index's
 * key. It runs for every index entry of every written document (some 15 per resource), so it is built as one array,
 * with the collection and index name as bytes encoded once: ordered-binary joins an array's parts with a 0 byte and
 * copies a Uint8Array part as it is, so the key's bytes are those of the names written out (index-entries.test.ts).
 */
export function entryKey(collection: string, index: string, tuple: readonly IndexValue[], id?: string): KeyPart[] {
  const key: KeyPart[] = [namesPrefix(collection, index)];
  for (const value of tuple) pushEncoded(key, value);
  if (id !== undefined) key.push(id);
  return key;
}

const PREFIXES = new Map<string, Map<string, Uint8Array>>();

function namesPrefix(collection: string, index: string): Uint8Array {
  let byIndex = PREFIXES.get(collection);
  if (!byIndex) PREFIXES.set(collection, (byIndex = new Map()));
  let prefix = byIndex.get(index);
  if (!prefix) byIndex.set(index, (prefix = Uint8Array.from(toBufferKey([collection, index]))));
  return prefix;
}

export function decodeValue(tag: number, value: string | number): IndexValue {
  if (tag === TAG_NULL) return null;
  if (tag === TAG_BOOLEAN) return value === 1;
  return value;
}
