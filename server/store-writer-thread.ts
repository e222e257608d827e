import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddedDocumentStore } from '../resources/storage/embedded/embedded-store';
import { openStore } from './open-store';
import type { WriterData, WriterReply, WriterRequest } from './store-writer-messages';

/**
 * The store writer thread (started by store-writer.ts): it opens the same embedded store as the server's thread (an
 * LMDB environment may be opened once per thread) and commits the transactions that thread sends it.
 */
if (!parentPort) throw new Error('store-writer-thread.ts runs as a worker thread');
const port = parentPort;
const send = (reply: WriterReply) => port.postMessage(reply);

async function main(): Promise<void> {
  const { config } = workerData as WriterData;
  const store = (await openStore(config)) as EmbeddedDocumentStore;
  port.on('message', (message: WriterRequest) => {
    if (message.type === 'apply') {
      store.applyWrites(message.writes).then(
        (outcome) => send({ type: 'applied', id: message.id, outcome }),
        (e: unknown) => send({ type: 'applied', id: message.id, error: String(e) }),
      );
    }
    if (message.type === 'stop') {
      void store.close().finally(() => {
        send({ type: 'stopped' });
        port.close();
      });
    }
  });
  send({ type: 'ready' });
}

main().catch((e: unknown) => send({ type: 'failed', error: String(e) }));
