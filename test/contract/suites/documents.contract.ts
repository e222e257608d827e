/** Contract: single-document reads and writes (insert, find by id, replace, delete) and their errors. */
import { describe, expect, test } from '@jest/globals';
import { DuplicateKeyError, type StoredDocument } from '../../../resources/storage/port';
import { type ContractContext, idsOf } from './context';

export function describeDocuments(ctx: ContractContext): void {
  const fresh = <T extends StoredDocument = StoredDocument>(label: string) => ctx.store().collection<T>(ctx.collectionName(label));

  describe('insert and find by id', () => {
    test('findById returns undefined for an _id that was never inserted', async () => {
      expect(await fresh('missing').findById('nope')).toBeUndefined();
    });

    test('insertOne then findById returns a document equal to the one inserted (nested objects, arrays, numbers, booleans, unicode)', async () => {
      const c = fresh('roundtrip');
      const doc = {
        _id: 'Patient/1',
        name: [{ family: 'Ærøskøbing', given: ['Zoë', 'Ünal'] }],
        birth: { low: '1980-01-01T00:00:00.000Z', high: '1980-01-01T23:59:59.999Z' },
        count: 3,
        ratio: 0.25,
        negative: -7,
        active: true,
        deleted: false,
        emptyList: [],
        emptyObject: {},
        text: 'line 1\nline 2 "quoted" \\ back',
      };
      await c.insertOne(doc);
      expect(await c.findById('Patient/1')).toEqual(doc);
    });

    test('the stored document is a copy: mutating the inserted object or a returned one does not change the store', async () => {
      const c = fresh('copies');
      const doc = { _id: 'a', list: [1, 2], nested: { v: 1 } };
      await c.insertOne(doc);
      doc.list.push(3);
      doc.nested.v = 99;
      const read = (await c.findById('a')) as typeof doc;
      expect(read).toEqual({ _id: 'a', list: [1, 2], nested: { v: 1 } });
      read.list.push(4);
      read.nested.v = 42;
      expect(await c.findById('a')).toEqual({ _id: 'a', list: [1, 2], nested: { v: 1 } });
    });

    test('insertOne rejects with DuplicateKeyError when the _id exists, and the first document stays as it was', async () => {
      const c = fresh('dup_id');
      await c.insertOne({ _id: 'x', v: 1 });
      const error = await c.insertOne({ _id: 'x', v: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).collection).toBe(c.name);
      expect(await c.findById('x')).toEqual({ _id: 'x', v: 1 });
      expect(await c.count({})).toBe(1);
    });

    test('insertOne rejects with DuplicateKeyError on a unique index violation (single field and compound)', async () => {
      const name = ctx.collectionName('dup_unique');
      await ctx.store().ensureIndexes(name, [
        { name: 'identifier', keys: [['identifier', 1]], unique: true },
        { name: 'system_value', keys: [['system', 1], ['value', 1]], unique: true },
      ]);
      const c = ctx.store().collection(name);
      await c.insertOne({ _id: 'a', identifier: 'MRN-1', system: 's', value: '1' });
      await expect(c.insertOne({ _id: 'b', identifier: 'MRN-1', system: 's', value: '2' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(c.insertOne({ _id: 'c', identifier: 'MRN-3', system: 's', value: '1' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await c.insertOne({ _id: 'd', identifier: 'MRN-4', system: 't', value: '1' }); // differs in one key part: allowed
      expect(idsOf(await c.find({}))).toEqual(['a', 'd']);
    });

    test('insertMany inserts every document', async () => {
      const c = fresh('many');
      const docs = Array.from({ length: 50 }, (_, i) => ({ _id: `m${String(i).padStart(2, '0')}`, i }));
      await c.insertMany(docs);
      expect(await c.count({})).toBe(50);
      expect(await c.find({}, { sort: [['_id', 1]] })).toEqual(docs);
    });

    test('insertMany of an empty list writes nothing and resolves', async () => {
      const c = fresh('many_empty');
      await c.insertMany([]);
      expect(await c.count({})).toBe(0);
    });

    test('insertMany rejects with DuplicateKeyError when an _id already exists or repeats within the batch', async () => {
      const c = fresh('many_dup');
      await c.insertOne({ _id: 'b' });
      await expect(c.insertMany([{ _id: 'x1' }, { _id: 'b' }])).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(c.insertMany([{ _id: 'y1' }, { _id: 'y1' }])).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await c.findById('b')).toEqual({ _id: 'b' });
    });

    test('the same _id may exist in two collections', async () => {
      const a = fresh('independent_a');
      const b = fresh('independent_b');
      await a.insertOne({ _id: 'same', from: 'a' });
      await b.insertOne({ _id: 'same', from: 'b' });
      expect(await a.findById('same')).toEqual({ _id: 'same', from: 'a' });
      expect(await b.findById('same')).toEqual({ _id: 'same', from: 'b' });
    });
  });

  describe('replaceOne', () => {
    test('replaces the whole document (fields absent from the replacement are gone) when the filter matches, and returns true', async () => {
      const c = fresh('replace');
      await c.insertOne({ _id: 'r', versionId: '1', keep: 'no', nested: { a: 1 } });
      expect(await c.replaceOne({ _id: 'r', versionId: '1' }, { _id: 'r', versionId: '2', nested: { b: 2 } })).toBe(true);
      expect(await c.findById('r')).toEqual({ _id: 'r', versionId: '2', nested: { b: 2 } });
    });

    test('returns false and writes nothing when the _id exists but the rest of the filter does not match (a version check)', async () => {
      const c = fresh('replace_mismatch');
      await c.insertOne({ _id: 'r', versionId: '2' });
      expect(await c.replaceOne({ _id: 'r', versionId: '1' }, { _id: 'r', versionId: '3' })).toBe(false);
      expect(await c.findById('r')).toEqual({ _id: 'r', versionId: '2' });
    });

    test('without upsert, returns false and inserts nothing when no document has the _id', async () => {
      const c = fresh('replace_absent');
      expect(await c.replaceOne({ _id: 'ghost' }, { _id: 'ghost', v: 1 })).toBe(false);
      expect(await c.findById('ghost')).toBeUndefined();
      expect(await c.count({})).toBe(0);
    });

    test('with upsert, inserts the document when no document has the _id, and returns true', async () => {
      const c = fresh('upsert_insert');
      expect(await c.replaceOne({ _id: 'u', versionId: '1' }, { _id: 'u', versionId: '2', v: 1 }, { upsert: true })).toBe(true);
      expect(await c.findById('u')).toEqual({ _id: 'u', versionId: '2', v: 1 });
    });

    test('with upsert, replaces when the document exists and matches the filter', async () => {
      const c = fresh('upsert_replace');
      await c.insertOne({ _id: 'u', versionId: '1' });
      expect(await c.replaceOne({ _id: 'u', versionId: '1' }, { _id: 'u', versionId: '2' }, { upsert: true })).toBe(true);
      expect(await c.findById('u')).toEqual({ _id: 'u', versionId: '2' });
      expect(await c.count({})).toBe(1);
    });

    test('with upsert, returns false and writes nothing when the _id exists but does not match the filter', async () => {
      const c = fresh('upsert_mismatch');
      await c.insertOne({ _id: 'u', versionId: '5' });
      expect(await c.replaceOne({ _id: 'u', versionId: '4' }, { _id: 'u', versionId: '6' }, { upsert: true })).toBe(false);
      expect(await c.findById('u')).toEqual({ _id: 'u', versionId: '5' });
      expect(await c.count({})).toBe(1);
    });

    test('rejects with DuplicateKeyError, writing nothing, when the replacement would violate a unique index', async () => {
      const name = ctx.collectionName('replace_unique');
      await ctx.store().ensureIndexes(name, [{ name: 'identifier', keys: [['identifier', 1]], unique: true }]);
      const c = ctx.store().collection(name);
      await c.insertMany([
        { _id: 'a', identifier: 'A' },
        { _id: 'b', identifier: 'B' },
      ]);
      await expect(c.replaceOne({ _id: 'b' }, { _id: 'b', identifier: 'A' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(c.replaceOne({ _id: 'n' }, { _id: 'n', identifier: 'A' }, { upsert: true })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await c.find({}, { sort: [['_id', 1]] })).toEqual([
        { _id: 'a', identifier: 'A' },
        { _id: 'b', identifier: 'B' },
      ]);
    });
  });

  describe('deleteOne and deleteMany', () => {
    test('deleteOne deletes the document when it matches and returns true; returns false when the filter does not match', async () => {
      const c = fresh('delete_one');
      await c.insertMany([
        { _id: 'a', versionId: '1' },
        { _id: 'b', versionId: '1' },
      ]);
      expect(await c.deleteOne({ _id: 'a', versionId: '2' })).toBe(false);
      expect(await c.findById('a')).toEqual({ _id: 'a', versionId: '1' });
      expect(await c.deleteOne({ _id: 'a', versionId: '1' })).toBe(true);
      expect(await c.findById('a')).toBeUndefined();
      expect(await c.deleteOne({ _id: 'a' })).toBe(false);
      expect(idsOf(await c.find({}))).toEqual(['b']);
    });

    test('deleteMany deletes every matching document and returns how many', async () => {
      const c = fresh('delete_many');
      await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}`, even: i % 2 === 0 })));
      expect(await c.deleteMany({ even: true })).toBe(5);
      expect(await c.deleteMany({ even: true })).toBe(0);
      expect(idsOf(await c.find({}))).toEqual(['d1', 'd3', 'd5', 'd7', 'd9']);
      expect(await c.deleteMany({})).toBe(5);
      expect(await c.count({})).toBe(0);
    });

    test('an _id can be inserted again after its document was deleted', async () => {
      const c = fresh('delete_reinsert');
      await c.insertOne({ _id: 'x', v: 1 });
      await c.deleteOne({ _id: 'x' });
      await c.insertOne({ _id: 'x', v: 2 });
      expect(await c.findById('x')).toEqual({ _id: 'x', v: 2 });
    });
  });
}
