import { AuditChainer } from '../resources/audit/audit-chainer';
import { createResourceIndexer } from '../resources/search/indexing';
import type { ChainerReply, ChainerRequest } from './audit-chain-messages';
import type { Config } from './config';
import { openAuditJournal, openStore } from './open-store';
import { lowerThisProcessPriority, runsUnderIdlePolicy } from './thread-priority';

/**
 * The AuditEvent chainer in a process of its own (started by process-audit-chain.ts): it opens the same store as
 * the server (an LMDB environment is shared by processes through its lock file; MongoDB gets a connection of its
 * own) and answers the server's messages over the IPC channel (audit-chain-messages.ts): `start` (answered with
 * `ready` or `failed`), `notify`, `drain` (answered with `drained`) and `stop` (answered with `stopped`).
 */

// Chaining is background work (every event is durable before it is chained, and readers of AuditEvents drain the
// chainer first): when it and request handling both want a CPU, requests go first. All of it: a worker thread at
// the lowest priority still had its garbage collected by V8's platform threads, which all threads of a process
// share, at normal priority.
const lowered = lowerThisProcessPriority();
const idlePolicy = runsUnderIdlePolicy();

let chainer: AuditChainer | undefined;
let closeStore: (() => Promise<void>) | undefined;
let stopping: Promise<void> | undefined;

function send(message: ChainerReply, then?: () => void): void {
  if (process.connected) process.send?.(message, undefined, {}, () => then?.());
  else then?.();
}

async function start(config: Config, fhirBase: string): Promise<void> {
  const store = await openStore(config);
  const journal = openAuditJournal(config);
  chainer = new AuditChainer(store, createResourceIndexer({ fhirBase }), journal);
  closeStore = async () => {
    await journal?.close();
    await store.close();
  };
  // Events recorded just before a crash are pending: chain them now.
  chainer.notify();
}

process.on('message', (message: ChainerRequest) => {
  if (message.type === 'start') {
    start(message.config, message.fhirBase).then(
      () => send({ type: 'ready', lowered, idlePolicy }),
      (e: unknown) => {
        send({ type: 'failed', error: String(e) });
        process.exit(1);
      },
    );
  }
  if (message.type === 'notify') chainer?.notify();
  if (message.type === 'drain') {
    const drained = chainer ? chainer.drain() : Promise.reject(new Error('the audit chainer has not started'));
    drained.then(
      () => send({ type: 'drained', id: message.id }),
      (e: unknown) => send({ type: 'drained', id: message.id, error: String(e) }),
    );
  }
  if (message.type === 'stop' && !stopping) {
    // The store is closed before the process exits: nothing of lmdb-js is then waiting for this thread.
    stopping = Promise.resolve(chainer?.stop())
      .then(() => closeStore?.())
      .finally(() => send({ type: 'stopped' }, () => process.exit(0)));
  }
});

// The server stops the chainer (`stop`) once its own requests are done, and they may still record events until then.
// So signals meant for the server alone do not end it first: Ctrl-C in a terminal reaches the whole process group,
// and a service manager's stop may signal every process of the service.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

// The server is gone (it crashed or was killed, so no `stop` will come). What is chained is committed, and what is
// not stays pending for the next server's chainer: leave at once rather than outlive it, and as a crash does. Not
// through process.exit, which waits for libuv's thread pool, where lmdb-js's write thread may be waiting for this
// thread to run a transaction callback it never will: the process hung, holding the store's write lock, and every
// other writer waited for it. LMDB is built to lose nothing committed when a writer dies at any point.
process.on('disconnect', () => {
  if (!stopping) process.kill(process.pid, 'SIGKILL');
});
