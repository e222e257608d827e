/**
 * One DocumentCollection over a driver Collection. Filters, sorts, skip/limit and projections are MongoDB
 * query documents already, so they pass straight through.
 *
 * With a `session`, every driver call carries it, which is what makes the call part of the session's
 * transaction; an operation without it would run outside the transaction.
 * https://www.mongodb.com/docs/drivers/node/current/crud/transactions/
 */
import type { ClientSession, Collection, Document, Filter as MongoFilter, FindOptions as MongoFindOptions } from 'mongodb';
import type { DocumentCollection, Filter, FindOptions, StoredDocument } from '../port';
import { isDuplicateId, isDuplicateKey, mapError, mapErrorInTransaction } from './mongo-errors';

export class MongoDocumentCollection<T extends StoredDocument> implements DocumentCollection<T> {
  readonly name: string;

  constructor(
    private readonly collection: Collection<Document>,
    private readonly session?: ClientSession,
  ) {
    this.name = collection.collectionName;
  }

  findById(id: string): Promise<T | undefined> {
    return this.findOne({ _id: id });
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.run(async () => (await this.collection.find(asFilter(filter), this.findOptions(options)).toArray()) as unknown as T[]);
  }

  findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | undefined> {
    return this.run(async () => ((await this.collection.findOne(asFilter(filter), this.findOptions(options))) ?? undefined) as T | undefined);
  }

  count(filter: Filter): Promise<number> {
    return this.run(() => this.collection.countDocuments(asFilter(filter), { session: this.session }));
  }

  insertOne(doc: T): Promise<void> {
    return this.run(async () => {
      await this.collection.insertOne(asDocument(doc), { session: this.session });
    });
  }

  insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return Promise.resolve(); // the driver rejects an empty batch
    return this.run(async () => {
      await this.collection.insertMany(docs.map(asDocument), { session: this.session, ordered: true });
    });
  }

  replaceOne(filter: Filter & { _id: string }, doc: T, options: { upsert?: boolean } = {}): Promise<boolean> {
    if (filter._id !== doc._id) return Promise.reject(new Error(`replaceOne: filter._id ${filter._id} differs from doc._id ${doc._id}`));
    return this.run(async () => {
      let upsert = options.upsert === true;
      if (upsert && this.session?.inTransaction()) {
        // Inside a transaction the refused insert described below would abort the whole transaction on the server,
        // so look first: when the _id exists, a plain replace gives the answer. The read and the write see the same
        // snapshot; a concurrent insert of this _id surfaces as a WriteConflict, which withTransaction retries.
        upsert = (await this.collection.findOne(asFilter({ _id: doc._id }), { session: this.session, projection: { _id: 1 } })) === null;
      }
      try {
        const result = await this.collection.replaceOne(asFilter(filter), asDocument(doc), { session: this.session, upsert });
        return result.matchedCount + result.upsertedCount > 0;
      } catch (error) {
        // With upsert, a document that has this _id but fails the rest of the filter makes MongoDB attempt an
        // insert, which the _id index refuses. The port's answer is "nothing matched": return false, nothing written.
        if (upsert && isDuplicateKey(error) && isDuplicateId(error)) return false;
        throw error;
      }
    });
  }

  deleteOne(filter: Filter & { _id: string }): Promise<boolean> {
    return this.run(async () => (await this.collection.deleteOne(asFilter(filter), { session: this.session })).deletedCount === 1);
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.run(async () => (await this.collection.deleteMany(asFilter(filter), { session: this.session })).deletedCount);
  }

  private findOptions(options: FindOptions): MongoFindOptions {
    return {
      session: this.session,
      sort: options.sort && options.sort.length > 0 ? options.sort : undefined,
      skip: options.skip,
      limit: options.limit,
      projection: options.projection ? Object.fromEntries(options.projection.map((field) => [field, 1])) : undefined,
    };
  }

  private async run<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await operation();
    } catch (error) {
      throw this.session?.inTransaction() ? mapErrorInTransaction(this.name, error) : mapError(this.name, error);
    }
  }
}

function asFilter(filter: Filter): MongoFilter<Document> {
  return filter as MongoFilter<Document>;
}

function asDocument(doc: StoredDocument): Document {
  return doc;
}
