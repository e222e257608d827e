import { parentPort, workerData } from 'node:worker_threads';
import { AuditChainer } from '../resources/audit/audit-chainer';
import { createResourceIndexer } from '../resources/search/indexing';
import type { Config } from './config';
import { openAuditJournal, openStore } from './open-store';
import { lowerThisThreadPriority } from './thread-priority';

/**
 * The AuditEvent chainer in a worker thread of its own (see worker-audit-chain.ts): it opens the same store as
 * the server (LMDB environments are shared between threads; MongoDB gets a connection of its own) and answers the
 * main thread's messages: `notify`, `drain` (answered with `drained`) and `stop`.
 */
interface Message {
  type: 'notify' | 'drain' | 'stop';
  id?: number;
}

async function run(): Promise<void> {
  const { config, fhirBase } = workerData as { config: Config; fhirBase: string };
  // Chaining is background work (every event is durable before it is chained, and readers of AuditEvents drain the
  // chainer first): when it and request handling both want a CPU, requests go first. Measured under the read
  // benchmark, alternating 2 s windows of audited and unaudited reads, 8 of each: audited/unaudited 0.84-1.00
  // (mean 0.89 over 7 runs) at the lowest priority against 0.71-0.89 (mean 0.82 over 7 runs) without.
  const lowered = lowerThisThreadPriority();
  const store = await openStore(config);
  const journal = openAuditJournal(config);
  const chainer = new AuditChainer(store, createResourceIndexer({ fhirBase }), journal);
  const port = parentPort!;
  port.on('message', (message: Message) => {
    if (message.type === 'notify') chainer.notify();
    if (message.type === 'drain') {
      chainer.drain().then(
        () => port.postMessage({ type: 'drained', id: message.id }),
        (e: unknown) => port.postMessage({ type: 'drained', id: message.id, error: String(e) }),
      );
    }
    if (message.type === 'stop') {
      void chainer
        .stop()
        .then(() => journal?.close())
        .then(() => store.close())
        .finally(() => port.postMessage({ type: 'stopped' }));
    }
  });
  // Events recorded just before a crash are pending: chain them now.
  chainer.notify();
  port.postMessage({ type: 'ready', lowered });
}

run().catch((e: unknown) => {
  parentPort?.postMessage({ type: 'failed', error: String(e) });
  process.exit(1);
});
