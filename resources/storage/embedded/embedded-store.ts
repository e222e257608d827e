import path from 'node:path';
import { open } from 'lmdb';
import {
  DuplicateKeyError,
  StoreUnavailableError,
  TransactionConflictError,
  type DocumentCollection,
  type DocumentStore,
  type IndexSpec,
  type StoreSession,
  type StoredDocument,
} from '../port';
import { CommittedCollection } from './committed-collection';
import { readForm, storedForm, type DerivedFields } from './derived-fields';
import { addEntries, bumpCatalogRevision, commitWrites, type CommitOutcome } from './commit';
import { TransactionCollection } from './embedded-collection';
import { MAX_KEY, catalogRevisionKey, indexCatalogKey, type IndexEntry, type Layout } from './layout';
import { QueryExecutor } from './query-executor';
import { Transaction, type PendingWrite } from './transaction';

export interface EmbeddedStoreOptions {
  dir: string;
  durability: 'flush' | 'commit';
  /** Fields some collections are stored without and derive when read (derived-fields.ts). */
  derived?: DerivedFields;
  /**
   * Commits a transaction's writes somewhere else than in this thread: in a store writer thread (server/store-writer.ts)
   * that opened the same environment and calls its own store's `applyWrites`. Where it answers `undefined` (there is
   * no such thread, or no longer), and by default, they are committed in this thread.
   */
  commitElsewhere?: (writes: PendingWrite[]) => Promise<CommitOutcome> | undefined;
}

/** Commits one transaction's writes, all or nothing, and resolves once they are as durable as the store is set to make them. */
export type ApplyWrites = (writes: PendingWrite[]) => Promise<CommitOutcome>;

/** The embedded store, with the commit step that a store writer thread runs for another thread's store. */
export interface EmbeddedDocumentStore extends DocumentStore {
  applyWrites: ApplyWrites;
}

/** Directories of the embedded stores open in this thread (module state is per thread in Node). */
const OPEN_IN_THIS_THREAD = new Set<string>();

/** Attempts before a transaction that keeps colliding with concurrent writers gives up. */
const MAX_ATTEMPTS = 50;

/**
 * The default store: documents in LMDB (ACID, crash-safe, memory-mapped; lmdb-js batches concurrent commits so
 * many writers share one disk flush), queried with the same MongoDB filter documents the MongoDB adapter sends,
 * evaluated by mingo over candidates from the store's own indexes.
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedDocumentStore> {
  const dir = path.resolve(options.dir);
  // LMDB forbids opening one environment twice in a process (http://www.lmdb.tech/doc/ caveats); within one
  // thread it deadlocks: one handle's writer holds the write lock waiting for this thread to run its
  // transaction callbacks while this thread waits for that lock through the other handle. Other threads and
  // other processes (the audit chainer's) are fine. So a second open here fails at once instead.
  if (OPEN_IN_THIS_THREAD.has(dir)) throw new Error(`the embedded store in ${dir} is already open in this thread; share that store instead`);
  // lmdb-js's default sync, overlappingSync, for both durabilities. Committing and syncing in place (overlappingSync
  // off, LMDB's classic durable commit) acknowledged ingested Bundles sooner (4,260-4,640 resources/s against
  // 3,680-4,450, 10 s runs, alternating), but in some sixteen CRUD-mix runs with it (2026-11-24), LMDB failed a commit
  // twice ("mdb_page_alloc error", then "Invalid null txn id" or MDB_BAD_TXN from lmdb-js's free-list code; a known
  // lmdb-js failure under concurrent writers, HarperFast/harper#689), against once in all the runs before, all with
  // the default. The default is the mode lmdb-js is built and tested around.
  const env = open({ path: dir, compression: false });
  OPEN_IN_THIS_THREAD.add(dir);
  const layout: Layout = {
    env,
    // Documents share msgpack structures (kept in the database): a stored document decodes about three times
    // faster than with per-message record definitions, and reads decode one per request.
    docs: env.openDB({ name: 'docs', sharedStructuresKey: Symbol.for('structures') }),
    index: env.openDB({ name: 'index' }),
    unique: env.openDB({ name: 'unique' }),
    catalog: env.openDB({ name: 'catalog' }),
  };
  return new EmbeddedStore(layout, { ...options, dir });
}

class EmbeddedStore implements EmbeddedDocumentStore {
  readonly kind = 'embedded' as const;
  readonly transactional = true;
  private catalog = new Map<string, IndexEntry[]>();
  private catalogRevision = -1;
  private fastRevisions = 0;
  private readonly executor: QueryExecutor;
  private readonly derived: DerivedFields;
  private closed = false;

  constructor(
    private readonly layout: Layout,
    private readonly options: EmbeddedStoreOptions,
  ) {
    this.derived = options.derived ?? new Map();
    this.executor = new QueryExecutor(layout, (c) => this.indexesOf(c), this.derived);
  }

  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T> {
    return new CommittedCollection<T>(name, this.executor, (work) => this.withTransaction(work), (c, doc) => this.fastInsert(c, doc));
  }

  /**
   * A single insert into a collection without indexes needs no transaction: lmdb-js writes it from its own write
   * thread as a conditional put (only if the key is absent), sparing the JS thread a turn in the commit. The
   * revision is a fresh negative number: the document has one, so a later transaction that read it is checked
   * against it, but it does not touch the store-wide counter.
   */
  private fastInsert(collection: string, doc: StoredDocument): Promise<boolean> | undefined {
    if (this.closed || this.indexesOf(collection).length > 0) return undefined;
    const key = [collection, doc._id];
    const revision = -(Date.now() * 4096 + (this.fastRevisions++ % 4096));
    const written = this.layout.docs.ifNoExists(key, () => {
      // The conditional write's promise (`written`) reports a failed commit; this one would reject unobserved
      // beside it, and an unhandled rejection ends the process.
      this.layout.docs.put(key, [revision, storedForm(this.derived, collection, doc)]).catch(() => undefined);
    });
    return this.durably(written, (ok) => ok);
  }

  async ensureIndexes(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    this.assertOpen();
    const current = this.indexesOf(collection);
    const wanted = indexes.filter((spec) => !current.some((e) => sameIndex(e.spec, spec)));
    if (wanted.length === 0) return;
    const built = this.layout.env.transaction(() => {
      const entries = this.indexesOf(collection).filter((e) => !wanted.some((w) => w.name === e.spec.name));
      const fresh = wanted.map((spec) => ({ spec, multikey: false }));
      this.dropEntries(collection, wanted.map((w) => w.name));
      for (const { value } of this.layout.docs.getRange({ start: [collection], end: [collection, MAX_KEY] })) {
        addEntries(this.layout, collection, value[1]._id as string, readForm(this.derived, collection, value[1] as StoredDocument), fresh);
      }
      const all = [...entries, ...fresh];
      this.layout.catalog.putSync(indexCatalogKey(collection), all);
      bumpCatalogRevision(this.layout);
    });
    await this.durably(built);
  }

  async withTransaction<R>(work: (session: StoreSession) => Promise<R>): Promise<R> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      this.assertOpen();
      const txn = new Transaction(attempt > 1);
      const session: StoreSession = {
        collection: <T extends StoredDocument>(name: string) => new TransactionCollection<T>(name, txn, this.executor),
      };
      const result = await work(session);
      if (txn.isReadOnly) return result;
      const outcome = await this.commit(txn.allWrites);
      if (outcome.kind === 'committed') return result;
      if (outcome.kind === 'duplicate') throw new DuplicateKeyError(outcome.collection, outcome.key);
      // Lost a race for the same documents: back off a little, with jitter, and run the work again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10)));
    }
    throw new TransactionConflictError(MAX_ATTEMPTS);
  }

  readonly applyWrites: ApplyWrites = async (writes) => {
    this.assertOpen();
    const committed = this.layout.env.transaction(() => commitWrites(this.layout, writes, (c) => this.indexesOf(c), this.derived));
    return this.durably(committed, (outcome) => outcome.kind === 'committed');
  };

  private async commit(writes: PendingWrite[]): Promise<CommitOutcome> {
    const elsewhere = this.options.commitElsewhere?.(writes);
    if (!elsewhere) return this.applyWrites(writes);
    const outcome = await elsewhere;
    // This thread's read snapshot lasts until its next timer tick (lmdb-js renews it then): end it now, so the
    // next read here sees what another thread just committed, as it would see its own commit.
    this.layout.env.resetReadTxn();
    return outcome;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.layout.catalog.get(['revision']);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.layout.env.flushed;
      await this.layout.env.close();
    } finally {
      OPEN_IN_THIS_THREAD.delete(this.options.dir);
    }
  }

  /** The collection's indexes, reloaded when another store instance on this environment changed the catalog. */
  private indexesOf(collection: string): IndexEntry[] {
    const revision = (this.layout.catalog.get(catalogRevisionKey) as number | undefined) ?? 0;
    if (revision !== this.catalogRevision) {
      const catalog = new Map<string, IndexEntry[]>();
      for (const { key, value } of this.layout.catalog.getRange({ start: ['indexes'], end: ['indexes', MAX_KEY] })) {
        catalog.set((key as string[])[1], value as IndexEntry[]);
      }
      this.catalog = catalog;
      this.catalogRevision = revision;
    }
    return this.catalog.get(collection) ?? [];
  }

  private dropEntries(collection: string, names: string[]): void {
    for (const name of names) {
      for (const key of this.layout.index.getKeys({ start: [collection, name], end: [collection, name, MAX_KEY] })) {
        this.layout.index.removeSync(key);
      }
      for (const key of this.layout.unique.getKeys({ start: [collection, name], end: [collection, name, MAX_KEY] })) {
        this.layout.unique.removeSync(key);
      }
    }
  }

  /**
   * `write`, a write just queued with lmdb-js, resolved once it is as durable as the store is set to make it: with
   * 'flush', once the batch it joined is on disk too (where `done` says its result wrote something). That batch's
   * flush is taken now, as the write is queued: `env.flushed` answers for the latest batch queued by the time it
   * is read, so read after the write, under a stream of transactions it waited for the next one's whole commit as
   * well (lmdb-js write.js, `flushed`).
   */
  private async durably<T>(write: Promise<T>, done: (result: T) => boolean = () => true): Promise<T> {
    if (this.options.durability !== 'flush') return write;
    const flushed = this.layout.env.flushed.then(() => undefined);
    // Awaited below once the write succeeded; if the write fails, its own error is the one to report.
    flushed.catch(() => undefined);
    const result = await write;
    if (done(result)) await flushed;
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the embedded store is closed');
  }
}

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  return a.name === b.name && Boolean(a.unique) === Boolean(b.unique) && Boolean(a.sparse) === Boolean(b.sparse) && JSON.stringify(a.keys) === JSON.stringify(b.keys);
}
