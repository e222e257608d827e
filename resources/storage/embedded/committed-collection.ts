import { DuplicateKeyError, type DocumentCollection, type Filter, type FindOptions, type StoreSession, type StoredDocument } from '../port';
import { project } from './embedded-collection';
import type { QueryExecutor } from './query-executor';

type RunInTransaction = <R>(work: (session: StoreSession) => Promise<R>) => Promise<R>;

/** Inserts a document into a collection without indexes; resolves false when the `_id` is taken. */
export type FastInsert = (collection: string, doc: StoredDocument) => Promise<boolean> | undefined;

/**
 * A collection used outside any transaction: reads see the latest committed state, and each write is its own
 * small transaction, so single-document writes get the same conflict checks and durability as larger ones.
 */
export class CommittedCollection<T extends StoredDocument> implements DocumentCollection<T> {
  constructor(
    readonly name: string,
    private readonly executor: QueryExecutor,
    private readonly inTransaction: RunInTransaction,
    private readonly fastInsert: FastInsert,
  ) {}

  async findById(id: string): Promise<T | undefined> {
    return this.executor.get(this.name, id)?.doc as T | undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.executor.find(this.name, filter, options).map((hit) => project(hit.doc, options.projection) as T);
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | undefined> {
    return (await this.find(filter, { ...options, limit: 1 }))[0];
  }

  async count(filter: Filter): Promise<number> {
    return this.executor.count(this.name, filter);
  }

  async insertOne(doc: T): Promise<void> {
    const fast = this.fastInsert(this.name, doc);
    if (fast === undefined) return this.inTransaction((s) => s.collection<T>(this.name).insertOne(doc));
    if (!(await fast)) throw new DuplicateKeyError(this.name, doc._id);
  }

  insertMany(docs: readonly T[]): Promise<void> {
    return this.inTransaction((s) => s.collection<T>(this.name).insertMany(docs));
  }

  replaceOne(filter: Filter & { _id: string }, doc: T, options?: { upsert?: boolean }): Promise<boolean> {
    return this.inTransaction((s) => s.collection<T>(this.name).replaceOne(filter, doc, options));
  }

  deleteOne(filter: Filter & { _id: string }): Promise<boolean> {
    return this.inTransaction((s) => s.collection<T>(this.name).deleteOne(filter));
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.inTransaction((s) => s.collection<T>(this.name).deleteMany(filter));
  }
}
