import type { Database, Key, RootDatabase } from 'lmdb';
import type { IndexSpec } from '../port';

/**
 * How the embedded store lays data out in one LMDB environment (ordered binary keys):
 *   docs     [collection, _id]                               -> [revision, document]
 *   index    [collection, indexName, ...keyValues, _id]      -> true
 *   unique   [collection, indexName, ...keyValues]           -> _id        (unique indexes only)
 *   catalog  ['indexes', collection]                         -> IndexEntry[]
 *            ['revision']                                     -> last revision number handed out
 * A revision is a store-wide counter stamped on every write; transactions compare revisions to detect that a
 * document changed under them (optimistic concurrency), and a counter that never repeats rules out ABA cases.
 */
export interface Layout {
  env: RootDatabase;
  docs: Database<[number, Record<string, unknown>], Key>;
  index: Database<true, Key>;
  unique: Database<string, Key>;
  catalog: Database<unknown, Key>;
}

export interface IndexEntry {
  spec: IndexSpec;
  multikey: boolean;
}

/** Sorts after every key value the store writes (null, booleans, numbers and strings). */
export const MAX_KEY = Buffer.from([0xff]);

export const revisionKey = ['revision'];
export const indexCatalogKey = (collection: string) => ['indexes', collection];
/**
 * Bumped whenever an index catalog entry changes (new indexes, a multikey flag), so store instances in other
 * threads or processes sharing the environment reload their cached catalog.
 */
export const catalogRevisionKey = ['catalogRevision'];

/**
 * Builds a composite key. lmdb's typings leave out null, which its ordered-binary encoding does support (and
 * sorts first); missing index values are stored as null, as MongoDB does.
 */
export function key(...parts: unknown[]): Key {
  return parts as Key;
}
