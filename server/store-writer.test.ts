import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { StoreUnavailableError } from '../resources/storage/port';
import { loadConfig } from './config';
import { MIN_WRITES_FOR_WRITER_THREAD, startStoreWriter } from './store-writer';

/** A logger whose JSON lines are kept for assertions. */
function keptLogger(): { logger: winston.Logger; entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(line: Buffer, _encoding, done) {
      entries.push(JSON.parse(line.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] }), entries };
}

/**
 * Stand-in writer threads, in plain JavaScript (a worker thread runs a .js file), for what the real one
 * (store-writer-thread.ts, run by the contract suite and the built server's tests) cannot be made to do: die.
 */
const THREADS = {
  answersThenDies: `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (m) => {
      if (m.type === 'stop') { parentPort.postMessage({ type: 'stopped' }); return parentPort.close(); }
      if (m.type !== 'apply') return;
      if (m.writes.some((w) => w.id === 'crash')) process.exit(3);
      parentPort.postMessage({ type: 'applied', id: m.id, outcome: { kind: 'committed' } });
    });
    parentPort.postMessage({ type: 'ready' });`,
  failsToOpen: `require('node:worker_threads').parentPort.postMessage({ type: 'failed', error: 'MDB_INVALID: not an LMDB file' });`,
};

describe('the store writer thread', () => {
  let dir: string;
  const config = () => loadConfig({ DATA_DIR: dir });
  const script = (name: keyof typeof THREADS) => {
    const file = path.join(dir, `${name}.js`);
    fs.writeFileSync(file, THREADS[name]);
    return file;
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-writer-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = { collection: 'c', id: 'a', doc: { _id: 'a' }, baseRevision: 0 };
  /** A transaction large enough to be handed to the thread, with `last` as its last write. */
  const large = (last = write) => [...Array.from({ length: MIN_WRITES_FOR_WRITER_THREAD - 1 }, (_, i) => ({ ...write, id: `w${i}` })), last];
  const start = (logger: winston.Logger, name: keyof typeof THREADS) => startStoreWriter(config(), logger, { script: script(name) });

  it('passes the thread answer on; when the thread dies, what it had not answered fails as store-unavailable and later commits are left to the caller', async () => {
    const kept = keptLogger();
    const writer = await start(kept.logger, 'answersThenDies');
    expect(writer).toBeDefined();
    await expect(writer!.commit(large())).resolves.toEqual({ kind: 'committed' });
    const lost = writer!.commit(large({ ...write, id: 'crash' }));
    await expect(lost).rejects.toThrow(StoreUnavailableError);
    await expect(lost).rejects.toThrow('the store writer thread exited (3) before it answered');
    expect(writer!.commit(large())).toBeUndefined();
    expect(kept.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'store writer thread exited; committing in the request thread from now on', code: 3, unanswered: 1 }),
    );
    await writer!.stop();
  });

  it('refuses writes that cannot be copied to the thread, and goes on with the next', async () => {
    const writer = await start(winston.createLogger({ silent: true }), 'answersThenDies');
    const uncopyable = { ...write, doc: { _id: 'a', f: () => undefined } };
    await expect(writer!.commit(large(uncopyable))).rejects.toThrow(/could not be cloned/);
    await expect(writer!.commit(large())).resolves.toEqual({ kind: 'committed' });
    await writer!.stop();
  });

  it('leaves a transaction of fewer writes than MIN_WRITES_FOR_WRITER_THREAD to the caller', async () => {
    const writer = await start(winston.createLogger({ silent: true }), 'answersThenDies');
    expect(writer!.commit(large().slice(1))).toBeUndefined();
    expect(writer!.commit([{ ...write, id: 'crash' }])).toBeUndefined();
    await expect(writer!.commit(large())).resolves.toEqual({ kind: 'committed' });
    await writer!.stop();
  });

  it('fails to start when the thread cannot open the store, saying why', async () => {
    await expect(start(winston.createLogger({ silent: true }), 'failsToOpen')).rejects.toThrow(
      'the store writer thread did not start: MDB_INVALID: not an LMDB file',
    );
  });

  it('is not started for MongoDB, nor where the thread cannot run (TypeScript sources under the test runner)', async () => {
    const silent = winston.createLogger({ silent: true });
    expect(await startStoreWriter({ ...config(), mongodbUri: 'mongodb://127.0.0.1:1' }, silent, { script: script('answersThenDies') })).toBeUndefined();
    expect(await startStoreWriter(config(), silent)).toBeUndefined();
  });
});
