/** Contract: ensureIndexes, and indexes kept right as documents are inserted, replaced and deleted. */
import { describe, expect, test } from '@jest/globals';
import { DuplicateKeyError, type IndexSpec } from '../../../resources/storage/port';
import { type ContractContext, idsOf } from './context';

export function describeIndexes(ctx: ContractContext): void {
  describe('ensureIndexes and index maintenance', () => {
    const specs: IndexSpec[] = [
      { name: 'family_given', keys: [['family', 1], ['given', -1]] },
      { name: 'tags', keys: [['tags', 1]] },
    ];
    const unique: IndexSpec[] = [...specs, { name: 'identifier', keys: [['identifier', 1]], unique: true }];

    test('ensureIndexes is idempotent: a second call with the same specs changes nothing', async () => {
      const name = ctx.collectionName('idempotent');
      await ctx.store().ensureIndexes(name, unique);
      const c = ctx.store().collection(name);
      await c.insertOne({ _id: 'a', family: 'Smith', given: 'Ann', tags: ['x'], identifier: 'I1' });
      await ctx.store().ensureIndexes(name, unique);
      await ctx.store().ensureIndexes(name, unique);
      expect(idsOf(await c.find({ family: 'Smith', tags: 'x' }))).toEqual(['a']);
      await expect(c.insertOne({ _id: 'b', identifier: 'I1' })).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    test('a sparse index changes no result: equality, ranges, sorts with limits and missing-field queries', async () => {
      const name = ctx.collectionName('sparse');
      await ctx.store().ensureIndexes(name, [{ name: 'code', keys: [['sp.code.c', 1]], sparse: true }]);
      const c = ctx.store().collection(name);
      await c.insertMany([
        { _id: 'a', sp: { code: [{ c: 'x' }, { c: 'y' }] } },
        { _id: 'b', sp: { code: [{ c: 'y' }] } },
        { _id: 'c', sp: {} },
        { _id: 'd' },
      ]);
      expect(idsOf(await c.find({ 'sp.code.c': 'y' }))).toEqual(['a', 'b']);
      expect(idsOf(await c.find({ 'sp.code.c': { $gte: 'x' } }))).toEqual(['a', 'b']);
      expect(idsOf(await c.find({ 'sp.code': { $exists: false } }))).toEqual(['c', 'd']);
      expect((await c.find({}, { sort: [['sp.code.c', 1], ['_id', 1]], limit: 3 })).map((d) => d._id)).toEqual(['c', 'd', 'a']);
      await c.replaceOne({ _id: 'a' }, { _id: 'a' });
      expect(idsOf(await c.find({ 'sp.code.c': 'x' }))).toEqual([]);
      expect(await c.count({ 'sp.code.c': 'y' })).toBe(1);
    });

    test('ensureIndexes with no specs resolves and leaves the collection usable', async () => {
      const name = ctx.collectionName('no_specs');
      await ctx.store().ensureIndexes(name, []);
      await ctx.store().collection(name).insertOne({ _id: 'a' });
      expect(await ctx.store().collection(name).count({})).toBe(1);
    });

    test('ensureIndexes on a collection that already holds documents indexes them', async () => {
      const name = ctx.collectionName('existing');
      const c = ctx.store().collection(name);
      await c.insertMany([
        { _id: 'a', family: 'Smith', given: 'Ann', tags: ['x', 'y'] },
        { _id: 'b', family: 'Smith', given: 'Bea', tags: ['y'] },
        { _id: 'c', family: 'Jones', given: 'Cid' },
      ]);
      await ctx.store().ensureIndexes(name, specs);
      expect(idsOf(await c.find({ family: 'Smith' }))).toEqual(['a', 'b']);
      expect(idsOf(await c.find({ tags: 'y' }))).toEqual(['a', 'b']);
      expect(idsOf(await c.find({ family: { $gte: 'J', $lt: 'K' } }))).toEqual(['c']);
      expect((await c.find({ family: 'Smith' }, { sort: [['family', 1], ['given', -1]] })).map((d) => d._id)).toEqual(['b', 'a']);
    });

    test('replaceOne moves a document in the index: found by its new value, no longer by its old one', async () => {
      const name = ctx.collectionName('replace_moves');
      await ctx.store().ensureIndexes(name, specs);
      const c = ctx.store().collection(name);
      await c.insertOne({ _id: 'a', family: 'Smith', given: 'Ann', tags: ['x', 'y'] });
      await c.replaceOne({ _id: 'a' }, { _id: 'a', family: 'Jones', given: 'Ann', tags: ['y', 'z'] });
      expect(await c.find({ family: 'Smith' })).toEqual([]);
      expect(idsOf(await c.find({ family: 'Jones', given: 'Ann' }))).toEqual(['a']);
      expect(await c.find({ tags: 'x' })).toEqual([]);
      expect(idsOf(await c.find({ tags: { $in: ['y', 'z'] } }))).toEqual(['a']);
      await c.replaceOne({ _id: 'a' }, { _id: 'a' });
      expect(await c.find({ tags: { $exists: true } })).toEqual([]);
      expect(idsOf(await c.find({ family: { $exists: false } }))).toEqual(['a']);
    });

    test('a deleted document is no longer found through any index', async () => {
      const name = ctx.collectionName('delete_unindexes');
      await ctx.store().ensureIndexes(name, specs);
      const c = ctx.store().collection(name);
      await c.insertMany([
        { _id: 'a', family: 'Smith', tags: ['x'] },
        { _id: 'b', family: 'Smith', tags: ['x'] },
      ]);
      await c.deleteOne({ _id: 'a' });
      await c.deleteMany({ _id: 'nothing' });
      expect(idsOf(await c.find({ family: 'Smith' }))).toEqual(['b']);
      expect(idsOf(await c.find({ tags: 'x' }))).toEqual(['b']);
      await c.deleteMany({ tags: 'x' });
      expect(await c.find({ family: 'Smith' })).toEqual([]);
      expect(await c.count({ tags: 'x' })).toBe(0);
    });

    test('a unique value can be reused once the document holding it is deleted or changed', async () => {
      const name = ctx.collectionName('unique_reuse');
      await ctx.store().ensureIndexes(name, unique);
      const c = ctx.store().collection(name);
      await c.insertOne({ _id: 'a', identifier: 'I1' });
      await c.deleteOne({ _id: 'a' });
      await c.insertOne({ _id: 'b', identifier: 'I1' });
      await c.replaceOne({ _id: 'b' }, { _id: 'b', identifier: 'I2' });
      await c.insertOne({ _id: 'c', identifier: 'I1' });
      expect(await c.find({ identifier: { $in: ['I1', 'I2'] } }, { sort: [['identifier', 1]] })).toEqual([
        { _id: 'c', identifier: 'I1' },
        { _id: 'b', identifier: 'I2' },
      ]);
    });

    test('a unique index does not stop a document from keeping its own value when replaced', async () => {
      const name = ctx.collectionName('unique_self');
      await ctx.store().ensureIndexes(name, unique);
      const c = ctx.store().collection(name);
      await c.insertOne({ _id: 'a', identifier: 'I1', v: 1 });
      expect(await c.replaceOne({ _id: 'a', v: 1 }, { _id: 'a', identifier: 'I1', v: 2 })).toBe(true);
      expect(await c.findById('a')).toEqual({ _id: 'a', identifier: 'I1', v: 2 });
    });

    // https://www.mongodb.com/docs/manual/core/index-unique/#missing-document-field-in-a-unique-single-field-index
    test('a unique index counts a missing field as null: only one document may lack it (as MongoDB does)', async () => {
      const name = ctx.collectionName('unique_missing');
      await ctx.store().ensureIndexes(name, unique);
      const c = ctx.store().collection(name);
      await c.insertOne({ _id: 'a', family: 'Smith' });
      await expect(c.insertOne({ _id: 'b', family: 'Jones' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await c.insertOne({ _id: 'c', identifier: 'I1' });
      expect(idsOf(await c.find({}))).toEqual(['a', 'c']);
    });
  });
}
