/**
 * The storage port: the narrow document-collection interface the Repository is written against.
 *
 * Two adapters implement it: the embedded store (LMDB + mingo, the default) and MongoDB (the official driver).
 * Both evaluate exactly the same MongoDB filter documents, so one query compiler serves both and the contract
 * suite (test/contract) holds them to the same behaviour.
 *
 * Filters may use these operators, and only these (both adapters agree on them):
 *   $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $nor $not $elemMatch $regex ($options: 'i')
 * Comparisons must compare values of the same type (string with string, number with number): MongoDB brackets
 * comparisons by BSON type and a filter that relies on cross-type ordering is a bug.
 */

/** A MongoDB query document. */
export type Filter = { [field: string]: unknown };

export type SortDirection = 1 | -1;

/** Sort keys in order of precedence; each a dotted path. */
export type SortSpec = ReadonlyArray<readonly [field: string, direction: SortDirection]>;

export interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** Top-level fields to return (inclusion projection); `_id` is always returned. */
  projection?: readonly string[];
}

/**
 * An index: compound over `keys`, multikey over arrays (one entry per array element), as in MongoDB.
 * The MongoDB adapter creates it with createIndexes; the embedded adapter maintains its own key ranges
 * and plans queries over them.
 */
export interface IndexSpec {
  name: string;
  keys: SortSpec;
  unique?: boolean;
  /**
   * Leave out documents that have none of the key fields (MongoDB's sparse index). Such an index cannot serve a
   * sort or a query for a missing field, and the planners of both adapters do not use it for those.
   */
  sparse?: boolean;
}

export interface DocumentCollection<T extends StoredDocument = StoredDocument> {
  readonly name: string;
  findById(id: string): Promise<T | undefined>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | undefined>;
  count(filter: Filter): Promise<number>;
  /** Rejects with DuplicateKeyError when a document with the same `_id` (or unique key) exists. */
  insertOne(doc: T): Promise<void>;
  /** Inserts all, in order; rejects with DuplicateKeyError like insertOne (inside a transaction, nothing lands). */
  insertMany(docs: readonly T[]): Promise<void>;
  /**
   * Replaces the stored document with `_id === doc._id` if it also matches `filter` (which must name that
   * `_id`). With `upsert`, inserts `doc` when no document has that `_id`. Returns whether it wrote: false, with
   * nothing written, when a document with that `_id` exists but does not match (upsert or not), or when none
   * exists and `upsert` is off.
   */
  replaceOne(filter: Filter & { _id: string }, doc: T, options?: { upsert?: boolean }): Promise<boolean>;
  /** Deletes the document with this `_id` if it matches `filter`; returns whether one was deleted. */
  deleteOne(filter: Filter & { _id: string }): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
}

/**
 * What a transaction's work function sees: collections whose reads and writes belong to the transaction. A
 * document given to a write belongs to the store from then on (it is encoded when the transaction commits), so
 * the caller must not change it afterwards; documents read are the caller's to keep.
 */
export interface StoreSession {
  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T>;
}

export interface DocumentStore extends StoreSession {
  readonly kind: 'embedded' | 'mongodb';
  /**
   * Whether withTransaction is all-or-nothing. True for the embedded store and for a MongoDB replica set or
   * sharded cluster; false for a standalone mongod, which has no multi-document transactions.
   */
  readonly transactional: boolean;
  ensureIndexes(collection: string, indexes: readonly IndexSpec[]): Promise<void>;
  /**
   * Runs `work` as one atomic, isolated unit and resolves once its writes are durable. When a concurrent
   * transaction wrote the same documents first, `work` is run again from the start on fresh data (like
   * MongoDB's withTransaction), so it must not have side effects outside the session; after a bounded number
   * of attempts it rejects with TransactionConflictError. Reads inside see the transaction's own writes.
   */
  withTransaction<R>(work: (session: StoreSession) => Promise<R>): Promise<R>;
  /** Resolves when the store answers; rejects otherwise (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key ${key} in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

export class TransactionConflictError extends Error {
  constructor(attempts: number) {
    super(`transaction conflicted with concurrent writes ${attempts} times`);
    this.name = 'TransactionConflictError';
  }
}

export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
