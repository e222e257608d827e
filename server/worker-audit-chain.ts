import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type winston from 'winston';
import type { AuditChain } from '../resources/audit/audit-chainer';
import type { Config } from './config';

const WORKER_SCRIPT = path.join(__dirname, 'audit-chain-worker.js');

/**
 * Runs the AuditEvent chainer in a worker thread: chaining and indexing every event is real work (hashing,
 * extracting search values, index writes), and here it runs beside request handling instead of within it.
 * Only for the built server (the worker is a compiled .js file); elsewhere the chainer runs in the main thread.
 */
export async function startWorkerAuditChain(config: Config, fhirBase: string, logger: winston.Logger): Promise<AuditChain | undefined> {
  if (!__filename.endsWith('.js')) return undefined;
  const worker = new Worker(WORKER_SCRIPT, { workerData: { config, fhirBase } });
  const drains = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let stopped: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', function onStart(message: { type: string; error?: string; lowered?: boolean }) {
      if (message.type === 'ready') {
        // Not lowered off Linux, or where setpriority is refused: chaining then competes with requests as an equal.
        logger.info('audit chainer started', { lowestCpuPriority: message.lowered });
        resolve();
      }
      if (message.type === 'failed') reject(new Error(message.error));
    });
  });
  worker.on('message', (message: { type: string; id?: number; error?: string }) => {
    if (message.type === 'drained' && message.id !== undefined) {
      const waiter = drains.get(message.id);
      drains.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error));
      else waiter?.resolve();
    }
    if (message.type === 'stopped') stopped?.();
  });
  worker.on('error', (e) => logger.error('audit chain worker failed', { error: String(e) }));
  worker.on('exit', (code) => {
    for (const waiter of drains.values()) waiter.reject(new Error(`the audit chain worker exited (${code})`));
    drains.clear();
  });
  return {
    notify() {
      worker.postMessage({ type: 'notify' });
    },
    drain() {
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        drains.set(id, { resolve, reject });
        worker.postMessage({ type: 'drain', id });
      });
    },
    async stop() {
      await new Promise<void>((resolve) => {
        stopped = resolve;
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
    },
  };
}
