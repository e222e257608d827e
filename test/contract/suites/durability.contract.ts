/**
 * Contract (stores with local files only): what a store acknowledged is still there after it is closed and opened
 * again on the same files, indexes included.
 */
import { describe, expect, test } from '@jest/globals';
import { type DocumentStore, DuplicateKeyError } from '../../../resources/storage/port';
import { type ContractContext, idsOf } from './context';

export function describeDurability(ctx: ContractContext, reopen: (store: DocumentStore) => Promise<DocumentStore>): void {
  describe('durability across close and reopen', () => {
    test('documents acknowledged by insertOne, insertMany, replaceOne, deleteOne and withTransaction are there after close and reopen', async () => {
      let store = await ctx.open();
      try {
        const c = store.collection('durable');
        await c.insertOne({ _id: 'one', v: 1 });
        await c.insertMany([{ _id: 'm1' }, { _id: 'm2' }, { _id: 'deleted' }]);
        await c.replaceOne({ _id: 'one', v: 1 }, { _id: 'one', v: 2, nested: { list: ['a', 'b'] } });
        await c.deleteOne({ _id: 'deleted' });
        await store.withTransaction(async (session) => {
          await session.collection('durable').insertOne({ _id: 'tx' });
          await session.collection('other').insertOne({ _id: 'tx2', n: 1.5 });
        });
        store = await reopen(store);
        const reopened = store.collection('durable');
        expect(await reopened.find({}, { sort: [['_id', 1]] })).toEqual([
          { _id: 'm1' },
          { _id: 'm2' },
          { _id: 'one', v: 2, nested: { list: ['a', 'b'] } },
          { _id: 'tx' },
        ]);
        expect(await store.collection('other').findById('tx2')).toEqual({ _id: 'tx2', n: 1.5 });
      } finally {
        await ctx.cleanup(store);
      }
    });

    test('indexes survive close and reopen: a unique index still rejects duplicates and indexed queries still find documents', async () => {
      let store = await ctx.open();
      try {
        await store.ensureIndexes('indexed', [
          { name: 'identifier', keys: [['identifier', 1]], unique: true },
          { name: 'tags', keys: [['tags', 1]] },
        ]);
        await store.collection('indexed').insertMany([
          { _id: 'a', identifier: 'I1', tags: ['x', 'y'] },
          { _id: 'b', identifier: 'I2', tags: ['y'] },
        ]);
        store = await reopen(store);
        const c = store.collection('indexed');
        await expect(c.insertOne({ _id: 'c', identifier: 'I1' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(idsOf(await c.find({ tags: 'y' }))).toEqual(['a', 'b']);
        await c.insertOne({ _id: 'd', identifier: 'I4', tags: ['x'] });
        expect(idsOf(await c.find({ tags: 'x' }))).toEqual(['a', 'd']);
      } finally {
        await ctx.cleanup(store);
      }
    });
  });
}
