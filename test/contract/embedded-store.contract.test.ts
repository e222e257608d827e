/**
 * The storage contract against the embedded store (LMDB + mingo), always: each store opened in a fresh temp dir.
 * Plus what only a store with local files can show: acknowledged writes survive the process being killed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { openEmbeddedStore } from '../../resources/storage/embedded/embedded-store';
import type { DocumentStore } from '../../resources/storage/port';
import { describeDocumentStoreContract } from './document-store.contract';

const dirs = new Map<DocumentStore, string>();

async function openIn(dir: string): Promise<DocumentStore> {
  const store = await openEmbeddedStore({ dir, durability: 'flush' });
  dirs.set(store, dir);
  return store;
}

describeDocumentStoreContract(
  'embedded (LMDB + mingo)',
  async () => openIn(await mkdtemp(join(tmpdir(), 'fhir-contract-'))),
  async (store) => {
    await store.close();
    const dir = dirs.get(store);
    if (dir) await rm(dir, { recursive: true, force: true });
  },
  {
    reopen: async (store) => {
      const dir = dirs.get(store);
      if (!dir) throw new Error('reopen: unknown store');
      await store.close();
      return openIn(dir);
    },
  },
);

/** Runs support/write-until-killed.js on `dir`, SIGKILLs it once `acks` writes are acknowledged; returns their ids. */
async function writeUntilKilled(dir: string, durability: 'flush' | 'commit', acks: number): Promise<string[]> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'write-until-killed.js'), dir, durability], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('acked ')) acked.push(line.slice('acked '.length));
    if (acked.length >= acks) child.kill('SIGKILL');
  });
  try {
    // 'close' comes after the child's stdout is drained, so every acknowledgement it printed has been read.
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
    if (signal !== 'SIGKILL') throw new Error(`the writer exited on its own: ${stderr}`);
    return acked;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('embedded store: acknowledged writes survive the process being killed', () => {
  for (const durability of ['flush', 'commit'] as const) {
    test(`durability '${durability}': every write acknowledged before SIGKILL is there after reopening, transactions whole, indexes consistent (a process crash, not a power cut)`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'fhir-crash-'));
      try {
        const acked = await writeUntilKilled(dir, durability, 400);
        expect(acked.length).toBeGreaterThanOrEqual(400);
        const store = await openEmbeddedStore({ dir, durability });
        try {
          const docs = await store.collection('crash').find({});
          const present = new Set(docs.map((d) => d._id));
          expect(acked.filter((id) => !present.has(id))).toEqual([]);
          // Odd-numbered writes were transactions writing one document to each of two collections.
          const logged = new Set((await store.collection('crash_log').find({})).map((d) => d._id));
          const halfWritten = docs.filter((d) => (d.n as number) % 2 === 1 && !logged.has(d._id)).map((d) => d._id);
          expect(halfWritten).toEqual([]);
          expect([...logged].filter((id) => !present.has(id))).toEqual([]);
          // The index over (writer, n) holds exactly the stored documents.
          for (let writer = 0; writer < 8; writer++) {
            const byIndex = await store.collection('crash').find({ writer, n: { $gte: 0 } }, { sort: [['writer', 1], ['n', 1]] });
            expect(byIndex.map((d) => d._id)).toEqual(docs.filter((d) => d.writer === writer).sort((a, b) => (a.n as number) - (b.n as number)).map((d) => d._id));
          }
        } finally {
          await store.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
