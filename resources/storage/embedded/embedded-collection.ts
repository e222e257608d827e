import { compileFilter } from './filter-matcher';
import {
  DuplicateKeyError,
  type DocumentCollection,
  type Filter,
  type FindOptions,
  type StoredDocument,
} from '../port';
import { documentComparator } from './mongo-order';
import type { QueryExecutor, Revisioned } from './query-executor';
import type { Transaction } from './transaction';

/**
 * A collection as seen from inside one transaction attempt: reads come from the committed state overlaid
 * with the attempt's own pending writes; writes are buffered in the transaction until it commits.
 */
export class TransactionCollection<T extends StoredDocument> implements DocumentCollection<T> {
  constructor(
    readonly name: string,
    private readonly txn: Transaction,
    private readonly executor: QueryExecutor,
  ) {}

  async findById(id: string): Promise<T | undefined> {
    return this.current(id) as T | undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.select(filter, options).map((doc) => project(doc, options.projection) as T);
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | undefined> {
    return (await this.find(filter, { ...options, limit: 1 }))[0];
  }

  async count(filter: Filter): Promise<number> {
    const pending = this.txn.pendingIn(this.name);
    if (pending.size === 0) return this.executor.count(this.name, filter);
    const query = compileFilter(filter);
    let count = this.executor.count(this.name, filter);
    for (const [id, doc] of pending) {
      const committed = this.executor.get(this.name, id);
      if (committed && query.test(committed.doc)) count--;
      if (doc && query.test(doc)) count++;
    }
    return count;
  }

  async insertOne(doc: T): Promise<void> {
    if (!this.txn.checkInserts && !this.txn.touched(this.name, doc._id)) {
      this.txn.insertUnread(this.name, doc._id, doc);
      return;
    }
    if (this.current(doc._id)) throw new DuplicateKeyError(this.name, doc._id);
    this.write(doc._id, doc);
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    for (const doc of docs) await this.insertOne(doc);
  }

  async replaceOne(filter: Filter & { _id: string }, doc: T, options: { upsert?: boolean } = {}): Promise<boolean> {
    requireSameId(filter, doc._id);
    const current = this.current(doc._id);
    if (!current) {
      if (!options.upsert) return false;
      this.write(doc._id, doc);
      return true;
    }
    if (!compileFilter(filter).test(current)) return false;
    this.write(doc._id, doc);
    return true;
  }

  async deleteOne(filter: Filter & { _id: string }): Promise<boolean> {
    requireSameId(filter, filter._id);
    const current = this.current(filter._id);
    if (!current || !compileFilter(filter).test(current)) return false;
    this.write(filter._id, null);
    return true;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const matches = this.select(filter, {});
    for (const doc of matches) this.write(doc._id, null);
    return matches.length;
  }

  /**
   * The document as this transaction sees it. A pending write is copied (the buffer is the store's); a document
   * read from the store is decoded afresh, so the caller may keep it, and it is also what later reads of it in
   * this transaction return.
   */
  private current(id: string): StoredDocument | undefined {
    const pending = this.txn.pending(this.name, id);
    if (pending) return pending.doc ? structuredClone(pending.doc) : undefined;
    const earlier = this.txn.firstRead(this.name, id);
    if (earlier) return earlier.doc;
    const hit = this.executor.get(this.name, id);
    this.txn.observe(this.name, id, hit?.revision ?? 0, hit?.doc);
    return hit?.doc;
  }

  private write(id: string, doc: StoredDocument | null): void {
    this.txn.write(this.name, id, doc, () => this.executor.get(this.name, id)?.revision ?? 0);
  }

  private select(filter: Filter, options: FindOptions): StoredDocument[] {
    const pending = this.txn.pendingIn(this.name);
    const skip = options.skip ?? 0;
    const limit = options.limit ?? Infinity;
    if (pending.size === 0) return this.executor.find(this.name, filter, options).map((hit) => this.seen(hit));

    // Ask the committed state for enough rows that dropping the ones this transaction changed still leaves
    // skip + limit, then merge in the pending documents that match, and sort and page the union.
    const committed = this.executor.find(this.name, filter, { sort: options.sort, limit: skip + limit + pending.size });
    const query = compileFilter(filter);
    const merged = committed.filter((hit) => !pending.has(hit.doc._id)).map((hit) => this.seen(hit));
    for (const doc of pending.values()) if (doc && query.test(doc)) merged.push(structuredClone(doc));
    if (options.sort && options.sort.length > 0) merged.sort(documentComparator(options.sort));
    return merged.slice(skip, skip + limit);
  }

  private seen(hit: Revisioned): StoredDocument {
    this.txn.observe(this.name, hit.doc._id, hit.revision, hit.doc);
    return hit.doc;
  }
}

function requireSameId(filter: Filter, id: string): void {
  if (typeof filter._id !== 'string' || filter._id !== id) {
    throw new Error(`the filter of a single-document write must name the document's _id ('${id}')`);
  }
}

export function project(doc: StoredDocument, projection: readonly string[] | undefined): StoredDocument {
  if (!projection) return doc;
  const out: StoredDocument = { _id: doc._id };
  for (const field of projection) if (field in doc) out[field] = doc[field];
  return out;
}
