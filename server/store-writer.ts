import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type winston from 'winston';
import type { CommitOutcome } from '../resources/storage/embedded/commit';
import type { PendingWrite } from '../resources/storage/embedded/transaction';
import { StoreUnavailableError } from '../resources/storage/port';
import type { Config } from './config';
import type { WriterData, WriterReply, WriterRequest } from './store-writer-messages';

const WRITER_SCRIPT = path.join(__dirname, 'store-writer-thread.js');

/**
 * Transactions of fewer writes are committed by the request thread itself. Handing one over (copying it to the
 * thread and back, waking both) costs more than its commit saves, and with many small ones in flight the writer
 * thread became the queue: the CRUD mix (64 connections, 3-5 writes a transaction) did 1,691-2,222 req/s with
 * every commit handed over, against 2,251-2,271 with those below 100 writes committed in place, and 2,119-2,235 for
 * the server before the writer thread (15 s runs, the same hour). A transaction Bundle of some 50 entries or more is
 * worth handing over.
 */
export const MIN_WRITES_FOR_WRITER_THREAD = 100;

export interface StoreWriter {
  /**
   * Sends a transaction's writes to the writer thread; `undefined` for a small transaction, or once that thread is
   * gone: the caller commits them itself (EmbeddedStoreOptions.commitElsewhere).
   */
  commit(writes: PendingWrite[]): Promise<CommitOutcome> | undefined;
  /** Closes the writer's store and ends its thread; every transaction sent before has been answered by then. */
  stop(): Promise<void>;
}

export interface StoreWriterOptions {
  /** The thread's script; by default the compiled store-writer-thread.js beside this file, when this file is compiled. */
  script?: string;
  /** The fewest writes a transaction must have to be handed to the thread (MIN_WRITES_FOR_WRITER_THREAD). */
  minWrites?: number;
}

interface Waiter {
  resolve: (outcome: CommitOutcome) => void;
  reject: (e: Error) => void;
}

/**
 * Commits the embedded store's large transactions in a thread of their own (store-writer-thread.ts). Committing (building
 * and encoding the index entries' keys, the B-tree inserts, encoding the documents) was some 40% of the request
 * thread's time when ingesting transaction Bundles; in a thread of its own it runs on another core, beside request
 * handling instead of within it. The request thread still reads the store and decides every write (authorization,
 * validation, auditing, the optimistic-concurrency snapshot); only the commit, with its checks, moves.
 *
 * If the thread dies, the transactions it had not answered fail with StoreUnavailableError (LMDB committed each of
 * them whole or not at all: the client learns no more than from a lost database connection), and from then on the
 * request thread commits in place of it.
 *
 * Only for the built server (the thread runs a compiled .js file) on the embedded store: under the test runner, and on
 * MongoDB, there is no writer thread.
 */
export async function startStoreWriter(config: Config, logger: winston.Logger, options: StoreWriterOptions = {}): Promise<StoreWriter | undefined> {
  const { script = __filename.endsWith('.js') ? WRITER_SCRIPT : undefined, minWrites = MIN_WRITES_FOR_WRITER_THREAD } = options;
  if (!script || config.mongodbUri) return undefined;
  const worker = new Worker(script, { workerData: { config } satisfies WriterData });
  const waiters = new Map<number, Waiter>();
  let nextId = 0;
  let gone = false;
  let stopping = false;
  let stopped: () => void = () => undefined;
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: WriterReply) => {
      if (reply.type === 'ready') resolve();
      if (reply.type === 'failed') reject(new Error(`the store writer thread did not start: ${reply.error}`));
      if (reply.type === 'stopped') stopped();
      if (reply.type !== 'applied') return;
      const waiter = waiters.get(reply.id);
      waiters.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.outcome);
    });
    worker.on('error', (e) => logger.error('store writer thread failed', { error: String(e) }));
    worker.on('exit', (code) => {
      gone = true;
      reject(new Error(`the store writer thread exited (${code}) before it was ready`));
      stopped();
      if (stopping) return;
      logger.error('store writer thread exited; committing in the request thread from now on', { code, unanswered: waiters.size });
      for (const waiter of waiters.values()) waiter.reject(new StoreUnavailableError(`the store writer thread exited (${code}) before it answered`));
      waiters.clear();
    });
  });
  logger.info('store writer started', { threadId: worker.threadId });
  return {
    commit: (writes) => {
      if (gone || writes.length < minWrites) return undefined;
      return new Promise<CommitOutcome>((resolve, reject) => {
        const id = nextId++;
        waiters.set(id, { resolve, reject });
        try {
          worker.postMessage({ type: 'apply', id, writes } satisfies WriterRequest);
        } catch (e) {
          // Writes that cannot be copied to the thread (structured clone): nothing was sent, nothing committed.
          waiters.delete(id);
          reject(e as Error);
        }
      });
    },
    stop: async () => {
      if (gone) return;
      stopping = true;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      worker.postMessage({ type: 'stop' } satisfies WriterRequest);
      await done;
    },
  };
}
