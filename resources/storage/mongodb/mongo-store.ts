/**
 * The MongoDB adapter of the storage port, over the official driver.
 *
 * Write acknowledgement: every write, inside a transaction or not, is acknowledged only once a majority of the
 * replica set has it in its on-disk journal ({ w: 'majority', j: true }), so an acknowledged write survives a
 * failover and a crash. https://www.mongodb.com/docs/manual/reference/write-concern/
 *
 * Transactions: multi-document transactions need a replica set or a sharded cluster
 * (https://www.mongodb.com/docs/manual/core/transactions/#transactions-and-replica-sets). On a standalone mongod,
 * `transactional` is false and withTransaction runs the work with plain collections: NOT atomic, and said so.
 */
import { type ClientSession, type Db, type Document, MongoClient, ReadConcern, WriteConcern } from 'mongodb';
import {
  type DocumentCollection,
  type DocumentStore,
  type IndexSpec,
  type StoreSession,
  type StoredDocument,
  StoreUnavailableError,
  TransactionConflictError,
} from '../port';
import { MongoDocumentCollection } from './mongo-collection';
import { isUnavailable, mapError, mapTransactionError } from './mongo-errors';

export interface MongoStoreOptions {
  uri: string;
  database: string;
}

/** Majority of the replica set, in the journal. */
const DURABLE = new WriteConcern('majority', undefined, true);

/**
 * Snapshot reads see one consistent point in time, and with majority commit they are read from majority-committed
 * data, so a transaction never acts on a value that a failover could roll back.
 * https://www.mongodb.com/docs/manual/reference/read-concern-snapshot/#read-concern-and-transactions
 */
const TRANSACTION_OPTIONS = { readConcern: new ReadConcern('snapshot'), writeConcern: DURABLE, readPreference: 'primary' } as const;

/**
 * The driver retries a transaction that hit a TransientTransactionError (e.g. a WriteConflict with a concurrent
 * transaction) for up to 120 s with jittered exponential back-off. The port promises a bounded number of attempts
 * as well; past this many the work is not run again and withTransaction rejects with TransactionConflictError.
 */
const MAX_TRANSACTION_ATTEMPTS = 100;

export async function openMongoStore(options: MongoStoreOptions): Promise<DocumentStore> {
  const client = new MongoClient(options.uri, {
    writeConcern: DURABLE,
    // An `undefined` property is left out of the stored document, as JSON (and the embedded store) would;
    // by default BSON would store it as null, and `{ field: { $exists: false } }` would stop matching.
    ignoreUndefined: true,
  });
  try {
    await client.connect();
    const db = client.db(options.database);
    // https://www.mongodb.com/docs/manual/reference/command/hello/ : `setName` on a replica set member,
    // `msg: 'isdbgrid'` from a mongos of a sharded cluster.
    const hello = await db.command({ hello: 1 });
    const transactional = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    return new MongoStore(client, db, transactional);
  } catch (error) {
    await client.close().catch(() => undefined);
    if (isUnavailable(error)) throw new StoreUnavailableError(`cannot reach MongoDB: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}

class MongoStore implements DocumentStore {
  readonly kind = 'mongodb';

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    readonly transactional: boolean,
  ) {}

  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T> {
    return new MongoDocumentCollection<T>(this.db.collection<Document>(name));
  }

  async ensureIndexes(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    if (indexes.length === 0) return;
    try {
      // createIndexes with an identical name and key pattern is a no-op, which makes this idempotent.
      // https://www.mongodb.com/docs/manual/reference/command/createIndexes/#behavior
      await this.db.collection(collection).createIndexes(
        indexes.map((index) => ({ name: index.name, key: new Map(index.keys), unique: index.unique === true, sparse: index.sparse === true })),
      );
    } catch (error) {
      throw mapError(collection, error);
    }
  }

  /**
   * With transactions: `ClientSession.withTransaction` commits, and re-runs `work` on TransientTransactionError
   * and retries the commit on UnknownTransactionCommitResult, as the MongoDB documentation recommends.
   * https://www.mongodb.com/docs/manual/core/transactions-in-applications/
   *
   * Two MongoDB rules bind `work` (the driver documents both on withTransaction): it must await each operation
   * in turn (no Promise.all inside a transaction), and it must let a failed operation's error propagate. A
   * DuplicateKeyError, in particular, has already aborted the transaction on the server.
   */
  async withTransaction<R>(work: (session: StoreSession) => Promise<R>): Promise<R> {
    if (!this.transactional) return work(this);
    const session = this.client.startSession();
    let attempts = 0;
    try {
      return await session.withTransaction(async () => {
        attempts += 1;
        if (attempts > MAX_TRANSACTION_ATTEMPTS) throw new TransactionConflictError(attempts - 1);
        return work(new MongoSession(this.db, session));
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      throw mapTransactionError(error, attempts);
    } finally {
      await session.endSession();
    }
  }

  async ping(): Promise<void> {
    try {
      await this.db.command({ ping: 1 });
    } catch (error) {
      throw isUnavailable(error) ? new StoreUnavailableError(`MongoDB unavailable: ${(error as Error).message}`, { cause: error }) : error;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

class MongoSession implements StoreSession {
  constructor(
    private readonly db: Db,
    private readonly session: ClientSession,
  ) {}

  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T> {
    return new MongoDocumentCollection<T>(this.db.collection<Document>(name), this.session);
  }
}
