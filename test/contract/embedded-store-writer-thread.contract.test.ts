/**
 * The storage contract against the embedded store as the built server runs it: every transaction committed by the
 * store writer thread (server/store-writer.ts), which opened the same LMDB environment, while this thread reads.
 * The thread runs the compiled dist/server/store-writer-thread.js (`npm test` builds it first).
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from '@jest/globals';
import winston from 'winston';
import { loadConfig } from '../../server/config';
import { openStore } from '../../server/open-store';
import { projectRoot } from '../../server/project-root';
import { startStoreWriter, type StoreWriter } from '../../server/store-writer';
import type { DocumentStore } from '../../resources/storage/port';
import { describeDocumentStoreContract } from './document-store.contract';

const WRITER_THREAD = join(projectRoot(), 'dist', 'server', 'store-writer-thread.js');
const quiet = winston.createLogger({ silent: true });

interface Opened {
  dir: string;
  writer: StoreWriter;
}
const opened = new Map<DocumentStore, Opened>();
/** Transactions the writer thread took, and those it did not (which this thread would then commit itself). */
const commits = { sent: 0, notTaken: 0 };

async function openIn(dir: string): Promise<DocumentStore> {
  if (!fs.existsSync(WRITER_THREAD)) throw new Error(`${WRITER_THREAD} is missing: run npm run build`);
  const config = loadConfig({ DATA_DIR: dir, DURABILITY: 'flush' });
  // Every transaction, however small, goes to the thread here (the server hands over only large ones).
  const writer = await startStoreWriter(config, quiet, { script: WRITER_THREAD, minWrites: 1 });
  if (!writer) throw new Error('the store writer thread did not start');
  const entry: Opened = { dir, writer };
  const store = await openStore(config, {
    commitElsewhere: (writes) => {
      const sent = writer.commit(writes);
      if (sent) commits.sent++;
      else commits.notTaken++;
      return sent;
    },
  });
  opened.set(store, entry);
  return store;
}

async function close(store: DocumentStore): Promise<Opened> {
  const entry = opened.get(store);
  if (!entry) throw new Error('unknown store');
  opened.delete(store);
  await store.close();
  await entry.writer.stop();
  return entry;
}

afterAll(() => {
  // Every transaction of the contract went to the writer thread: none was committed by this thread instead.
  expect(commits.sent).toBeGreaterThan(100);
  expect(commits.notTaken).toBe(0);
});

describeDocumentStoreContract(
  'embedded, committed by the store writer thread',
  async () => openIn(await mkdtemp(join(tmpdir(), 'fhir-writer-contract-'))),
  async (store) => {
    const { dir } = await close(store);
    await rm(dir, { recursive: true, force: true });
  },
  { reopen: async (store) => openIn((await close(store)).dir) },
);
