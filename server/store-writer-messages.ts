import type { CommitOutcome } from '../resources/storage/embedded/commit';
import type { PendingWrite } from '../resources/storage/embedded/transaction';
import type { Config } from './config';

/** What the server's thread sends its store writer thread (store-writer.ts and store-writer-thread.ts). */
export type WriterRequest = { type: 'apply'; id: number; writes: PendingWrite[] } | { type: 'stop' };

/** What the store writer thread answers: `ready` or `failed` once, an `applied` per `apply`, `stopped` last. */
export type WriterReply =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'applied'; id: number; outcome: CommitOutcome }
  | { type: 'applied'; id: number; error: string }
  | { type: 'stopped' };

/** The thread's workerData. */
export interface WriterData {
  config: Config;
}
