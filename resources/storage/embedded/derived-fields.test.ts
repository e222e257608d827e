import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from 'lmdb';
import type { DocumentStore, StoredDocument } from '../port';
import type { DerivedFields } from './derived-fields';
import { openEmbeddedStore } from './embedded-store';

/** `words` is stored; `sp` (its words, upper-cased) is derived from it, as AuditEvent search values are from JSON. */
interface Doc extends StoredDocument {
  words: string;
  sp?: { w: string[] };
}

describe('derived fields (indexed and queried, stored without, derived when read)', () => {
  let dir: string;
  let store: DocumentStore;
  let derivations: number;
  const derived: DerivedFields = new Map([
    [
      'c',
      {
        name: 'sp',
        derive: (stored: StoredDocument) => {
          derivations++;
          return { w: String(stored.words).split(' ').map((w) => w.toUpperCase()) };
        },
      },
    ],
  ]);
  const doc = (id: string, words: string): Doc => ({ _id: id, words, sp: { w: words.split(' ').map((w) => w.toUpperCase()) } });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derived-fields-'));
    store = await openEmbeddedStore({ dir, durability: 'commit', derived });
    await store.ensureIndexes('c', [{ name: 'w', keys: [['sp.w', 1]], sparse: true }]);
    derivations = 0;
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Reads what is on disk, past the store (closed meanwhile: LMDB allows one handle per thread). */
  async function onDisk<T>(read: (env: ReturnType<typeof open>) => T): Promise<T> {
    await store.close();
    const env = open({ path: dir, compression: false, readOnly: true });
    try {
      return read(env);
    } finally {
      await env.close();
      store = await openEmbeddedStore({ dir, durability: 'commit', derived });
    }
  }
  const END = Buffer.from([0xff]);
  const rawDocuments = () =>
    onDisk((env) => {
      const docs = env.openDB<[number, Record<string, unknown>]>({ name: 'docs', sharedStructuresKey: Symbol.for('structures') });
      return [...docs.getRange({ start: ['c'], end: ['c', END] })].map(({ value }) => value[1]);
    });
  /** The values an index holds, from its keys ([collection, index, type tag, value, _id]). */
  const rawIndexValues = (index: string) =>
    onDisk((env) => [...env.openDB({ name: 'index' }).getKeys({ start: ['c', index], end: ['c', index, END] })].map((k) => (k as unknown[])[3]));

  it('stores documents without the field, and finds, sorts and counts by it through its index', async () => {
    await store.collection<Doc>('c').insertMany([doc('a', 'red fox'), doc('b', 'blue fox'), doc('c', 'red hen')]);
    expect((await rawDocuments()).map((d) => Object.keys(d).sort())).toEqual([['_id', 'words'], ['_id', 'words'], ['_id', 'words']]);

    const c = store.collection<Doc>('c');
    expect((await c.find({ 'sp.w': 'RED' }, { sort: [['_id', -1]] })).map((d) => d._id)).toEqual(['c', 'a']);
    expect(await c.count({ 'sp.w': 'FOX' })).toBe(2);
    expect((await c.find({ 'sp.w': 'HEN' }))[0].sp).toEqual({ w: ['RED', 'HEN'] });
  });

  it('derives only when the field is looked at', async () => {
    await store.collection<Doc>('c').insertOne(doc('a', 'red fox'));
    const read = await store.collection<Doc>('c').findById('a');
    expect(read?.words).toBe('red fox');
    expect(derivations).toBe(0);
    expect(read?.sp).toEqual({ w: ['RED', 'FOX'] });
    expect(read?.sp).toEqual({ w: ['RED', 'FOX'] });
    expect(derivations).toBe(1);
  });

  it('removes the index entries of a deleted or replaced document, derived from what was stored', async () => {
    let c = store.collection<Doc>('c');
    await c.insertMany([doc('a', 'red fox'), doc('b', 'red hen')]);
    await c.deleteOne({ _id: 'a' });
    await c.replaceOne({ _id: 'b' }, doc('b', 'blue hen'));
    expect((await rawIndexValues('w')).sort()).toEqual(['BLUE', 'HEN']);
    c = store.collection<Doc>('c');
    expect(await c.find({ 'sp.w': 'RED' })).toEqual([]);
    expect((await c.find({ 'sp.w': 'BLUE' })).map((d) => d._id)).toEqual(['b']);
  });

  it('builds a new index from derived values, and reads a document stored with the field as stored', async () => {
    await store.close();
    const plain = await openEmbeddedStore({ dir, durability: 'commit' });
    await plain.collection<Doc>('c').insertOne({ _id: 'old', words: 'stored', sp: { w: ['AS-STORED'] } });
    await plain.close();
    store = await openEmbeddedStore({ dir, durability: 'commit', derived });
    await store.collection<Doc>('c').insertOne(doc('new', 'grey owl'));
    await store.ensureIndexes('c', [{ name: 'w', keys: [['sp.w', 1]], sparse: true }, { name: 'w2', keys: [['sp.w', -1]], sparse: true }]);
    expect((await rawIndexValues('w2')).sort()).toEqual(['AS-STORED', 'GREY', 'OWL']);
    expect((await store.collection<Doc>('c').find({ 'sp.w': 'AS-STORED' })).map((d) => d._id)).toEqual(['old']);
    expect((await store.collection<Doc>('c').find({ 'sp.w': 'OWL' })).map((d) => d._id)).toEqual(['new']);
  });
});
