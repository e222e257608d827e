import type { Config } from './config';

/**
 * The messages between the server and its audit chainer's process (process-audit-chain.ts starts it,
 * audit-chain-process.ts is it), over Node's IPC channel: one definition for both ends.
 */
export type ChainerRequest = { type: 'start'; config: Config; fhirBase: string } | { type: 'notify' } | { type: 'drain'; id: number } | { type: 'stop' };

export type ChainerReply =
  | { type: 'ready'; lowered: boolean; idlePolicy: boolean }
  | { type: 'failed'; error: string }
  | { type: 'drained'; id: number; error?: string }
  | { type: 'stopped' };
