import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentStore } from '../port';
import { openEmbeddedStore } from './embedded-store';

describe('embedded store', () => {
  let dir: string;
  let store: DocumentStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-store-'));
    store = await openEmbeddedStore({ dir, durability: 'commit' });
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second open of the same directory in one thread (LMDB would deadlock), and reopens after close', async () => {
    await expect(openEmbeddedStore({ dir: `${dir}/.`, durability: 'commit' })).rejects.toThrow(/already open in this thread/);
    await store.collection('c').insertOne({ _id: 'kept' });
    await store.close();
    store = await openEmbeddedStore({ dir, durability: 'commit' });
    expect(await store.collection('c').findById('kept')).toEqual({ _id: 'kept' });
  });

  it('gives every concurrent read-modify-write its own version (no lost update)', async () => {
    await store.collection('counters').insertOne({ _id: 'c', v: 0 });
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.withTransaction(async (s) => {
          const c = s.collection<{ _id: string; v: number }>('counters');
          const doc = (await c.findById('c'))!;
          await c.replaceOne({ _id: 'c', v: doc.v }, { _id: 'c', v: doc.v + 1 });
        }),
      ),
    );
    expect((await store.collection('counters').findById('c'))?.v).toBe(25);
  });

  it('answers indexed queries the same as a full scan, while documents change', async () => {
    await store.ensureIndexes('obs', [{ name: 'subject_date', keys: [['subject', 1], ['date', -1]] }, { name: 'codes', keys: [['codes.c', 1]] }]);
    const docs = Array.from({ length: 300 }, (_, i) => ({
      _id: `o${i}`,
      subject: `Patient/${i % 7}`,
      date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
      codes: [{ s: 'loinc', c: `c${i % 5}` }, { s: 'local', c: `x${i % 3}` }],
    }));
    await store.collection('obs').insertMany(docs);
    await store.collection('obs').deleteOne({ _id: 'o7' });
    await store.collection('obs').replaceOne({ _id: 'o14' }, { ...docs[14], subject: 'Patient/99' });
    const live = docs.filter((d) => d._id !== 'o7').map((d) => (d._id === 'o14' ? { ...d, subject: 'Patient/99' } : d));
    const expectIds = async (filter: Record<string, unknown>, predicate: (d: (typeof docs)[number]) => boolean) => {
      const got = (await store.collection('obs').find(filter)).map((d) => d._id).sort();
      expect(got).toEqual(live.filter(predicate).map((d) => d._id).sort());
    };
    await expectIds({ subject: 'Patient/0' }, (d) => d.subject === 'Patient/0');
    await expectIds({ subject: 'Patient/0', date: { $gte: '2020-01-10' } }, (d) => d.subject === 'Patient/0' && d.date >= '2020-01-10');
    await expectIds({ codes: { $elemMatch: { s: 'loinc', c: 'c2' } } }, (d) => d.codes.some((c) => c.s === 'loinc' && c.c === 'c2'));
    await expectIds({ $or: [{ subject: 'Patient/99' }, { 'codes.c': 'x1' }] }, (d) => d.subject === 'Patient/99' || d.codes.some((c) => c.c === 'x1'));
    const page = await store.collection('obs').find({ subject: 'Patient/3' }, { sort: [['date', -1], ['_id', 1]], limit: 5 });
    const expected = live
      .filter((d) => d.subject === 'Patient/3')
      .sort((a, b) => (a.date === b.date ? (a._id < b._id ? -1 : 1) : a.date < b.date ? 1 : -1))
      .slice(0, 5);
    expect(page.map((d) => d._id)).toEqual(expected.map((d) => d._id));
  });

  it('keeps acknowledged writes across close and reopen', async () => {
    await store.collection('x').insertOne({ _id: 'a', n: 1 });
    await store.close();
    store = await openEmbeddedStore({ dir, durability: 'flush' });
    expect(await store.collection('x').findById('a')).toEqual({ _id: 'a', n: 1 });
  });

  it('writes nothing when the work of a transaction throws', async () => {
    await expect(
      store.withTransaction(async (s) => {
        await s.collection('x').insertOne({ _id: 'a' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.collection('x').findById('a')).toBeUndefined();
  });
});
