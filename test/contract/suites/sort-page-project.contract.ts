/**
 * Contract: sort, skip/limit and projection, with MongoDB's ordering
 * (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/ and
 * https://www.mongodb.com/docs/manual/reference/method/cursor.sort/).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { DocumentCollection } from '../../../resources/storage/port';
import { type ContractContext, orderOf } from './context';

const ROWS = [
  { _id: 'r1', family: 'Smith', given: 'anna', born: 1980, meta: { rank: 3 }, values: [5, 1, 9] },
  { _id: 'r2', family: 'Jones', given: 'Bert', born: 1975, meta: { rank: 1 }, values: [4] },
  { _id: 'r3', family: 'Smith', given: 'Carl', born: 1990, meta: { rank: 2 }, values: [2, 8] },
  { _id: 'r4', family: 'adams', given: 'Dora', meta: { rank: 5 }, values: [3, 6] },
  { _id: 'r5', family: 'Jones', given: 'Anna', born: 1975, meta: {}, values: [7] },
  { _id: 'r6', family: 'Smith', given: 'Anna', born: 1980, meta: { rank: 4 } },
];

export function describeSortPageProject(ctx: ContractContext): void {
  describe('find: sort, skip, limit and projection', () => {
    let rows: DocumentCollection;
    beforeAll(async () => {
      rows = ctx.store().collection(ctx.collectionName('rows'));
      await rows.insertMany(ROWS);
    });

    test('sorts ascending and descending on one key; strings in binary order (uppercase before lowercase)', async () => {
      expect(orderOf(await rows.find({}, { sort: [['family', 1], ['_id', 1]] }))).toEqual(['r2', 'r5', 'r1', 'r3', 'r6', 'r4']);
      expect(orderOf(await rows.find({}, { sort: [['given', -1], ['_id', 1]] }))).toEqual(['r1', 'r4', 'r3', 'r2', 'r5', 'r6']);
    });

    test('sorts on several keys, each in its own direction, in order of precedence', async () => {
      expect(orderOf(await rows.find({}, { sort: [['family', 1], ['born', -1], ['given', 1]] }))).toEqual(['r5', 'r2', 'r3', 'r6', 'r1', 'r4']);
      expect(orderOf(await rows.find({ family: 'Smith' }, { sort: [['born', 1], ['_id', -1]] }))).toEqual(['r6', 'r1', 'r3']);
    });

    test('documents that lack the sort key come first ascending and last descending', async () => {
      expect(orderOf(await rows.find({}, { sort: [['born', 1], ['_id', 1]] }))).toEqual(['r4', 'r2', 'r5', 'r1', 'r6', 'r3']);
      expect(orderOf(await rows.find({}, { sort: [['born', -1], ['_id', 1]] }))).toEqual(['r3', 'r1', 'r6', 'r2', 'r5', 'r4']);
    });

    test('sorts on a dotted path into a nested object', async () => {
      expect(orderOf(await rows.find({}, { sort: [['meta.rank', 1]] }))).toEqual(['r5', 'r2', 'r3', 'r1', 'r6', 'r4']);
      expect(orderOf(await rows.find({}, { sort: [['meta.rank', -1]] }))).toEqual(['r4', 'r6', 'r1', 'r3', 'r2', 'r5']);
    });

    test('an array field sorts by its smallest element ascending and by its largest element descending', async () => {
      const withValues = { values: { $exists: true } };
      expect(orderOf(await rows.find(withValues, { sort: [['values', 1]] }))).toEqual(['r1', 'r3', 'r4', 'r2', 'r5']);
      expect(orderOf(await rows.find(withValues, { sort: [['values', -1]] }))).toEqual(['r1', 'r3', 'r5', 'r4', 'r2']);
    });

    test('skip and limit page through the sorted result', async () => {
      const sort = [['_id', 1]] as const;
      expect(orderOf(await rows.find({}, { sort, limit: 2 }))).toEqual(['r1', 'r2']);
      expect(orderOf(await rows.find({}, { sort, skip: 2, limit: 2 }))).toEqual(['r3', 'r4']);
      expect(orderOf(await rows.find({}, { sort, skip: 4, limit: 10 }))).toEqual(['r5', 'r6']);
      expect(orderOf(await rows.find({}, { sort, skip: 6 }))).toEqual([]);
      expect(orderOf(await rows.find({ family: 'Smith' }, { sort: [['given', 1], ['_id', 1]], skip: 1, limit: 1 }))).toEqual(['r3']);
    });

    test('sorted by _id with a limit, in either direction, with a filter', async () => {
      expect(orderOf(await rows.find({}, { sort: [['_id', -1]], limit: 2 }))).toEqual(['r6', 'r5']);
      expect(orderOf(await rows.find({ family: 'Smith' }, { sort: [['_id', -1]], skip: 1, limit: 1 }))).toEqual(['r3']);
      expect(orderOf(await rows.find({ family: 'Jones' }, { sort: [['_id', 1]], limit: 5 }))).toEqual(['r2', 'r5']);
    });

    test('limit applies after sort, not before it', async () => {
      expect(orderOf(await rows.find({}, { sort: [['born', -1], ['_id', 1]], limit: 1 }))).toEqual(['r3']);
    });

    test('findOne returns the first document in sort order', async () => {
      expect((await rows.findOne({ family: 'Jones' }, { sort: [['given', 1]] }))?._id).toBe('r5');
      expect((await rows.findOne({}, { sort: [['born', -1], ['_id', 1]], skip: 1, projection: ['family'] }))).toEqual({ _id: 'r1', family: 'Smith' });
    });

    test('a projection returns only the listed top-level fields, and always _id', async () => {
      expect(await rows.find({ family: 'Jones' }, { sort: [['_id', 1]], projection: ['given', 'meta'] })).toEqual([
        { _id: 'r2', given: 'Bert', meta: { rank: 1 } },
        { _id: 'r5', given: 'Anna', meta: {} },
      ]);
    });

    test('a projected field that a document lacks is simply absent', async () => {
      expect(await rows.find({ _id: { $in: ['r4', 'r6'] } }, { sort: [['_id', 1]], projection: ['born', 'values'] })).toEqual([
        { _id: 'r4', values: [3, 6] },
        { _id: 'r6', born: 1980 },
      ]);
    });
  });
}
