/**
 * Contract: withTransaction is atomic, isolated, sees its own writes, and retries on write conflicts, as the port
 * promises (and as MongoDB transactions behave: https://www.mongodb.com/docs/manual/core/transactions/).
 *
 * A store that reports `transactional: false` (a standalone mongod) is held to what it documents instead: the work
 * runs, not atomically. Those tests say so with a warning rather than passing quietly.
 */
import { describe, expect, test } from '@jest/globals';
import { type DocumentStore, DuplicateKeyError, type StoredDocument } from '../../../resources/storage/port';
import { type ContractContext, idsOf } from './context';

interface Counter extends StoredDocument {
  v: number;
}

const WRITERS = 20;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function transactional(store: DocumentStore, what: string): boolean {
  if (!store.transactional) {
    console.warn(`[contract] the ${store.kind} store reports transactional: false, so "${what}" checks only the documented non-atomic behaviour`);
  }
  return store.transactional;
}

export function describeTransactions(ctx: ContractContext): void {
  describe('withTransaction', () => {
    test('resolves with the value the work returns, and its writes are visible once it resolves', async () => {
      const name = ctx.collectionName('tx_commit');
      const result = await ctx.store().withTransaction(async (session) => {
        await session.collection(name).insertOne({ _id: 'a', v: 1 });
        await session.collection(name).insertMany([{ _id: 'b' }, { _id: 'c' }]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(idsOf(await ctx.store().collection(name).find({}))).toEqual(['a', 'b', 'c']);
    });

    test('when the work throws, rejects with that same error and none of its inserts, replacements or deletions are visible', async () => {
      const name = ctx.collectionName('tx_rollback');
      const c = ctx.store().collection(name);
      await c.insertMany([
        { _id: 'keep', v: 1 },
        { _id: 'gone', v: 1 },
      ]);
      const failure = new Error('work failed');
      const outcome = ctx.store().withTransaction(async (session) => {
        const s = session.collection(name);
        await s.insertOne({ _id: 'new', v: 1 });
        await s.replaceOne({ _id: 'keep' }, { _id: 'keep', v: 2 });
        await s.deleteOne({ _id: 'gone' });
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      if (transactional(ctx.store(), 'all or nothing')) {
        expect(await c.find({}, { sort: [['_id', 1]] })).toEqual([
          { _id: 'gone', v: 1 },
          { _id: 'keep', v: 1 },
        ]);
      } else {
        expect(await c.find({}, { sort: [['_id', 1]] })).toEqual([
          { _id: 'keep', v: 2 },
          { _id: 'new', v: 1 },
        ]);
      }
    });

    test('reads inside a transaction see its own inserts, replacements and deletions: by id, by filter (through an index) and by count', async () => {
      const name = ctx.collectionName('tx_read_own');
      await ctx.store().ensureIndexes(name, [{ name: 'status', keys: [['status', 1]] }]);
      await ctx.store().collection(name).insertMany([
        { _id: 'old', status: 'active' },
        { _id: 'doomed', status: 'active' },
      ]);
      const seen = await ctx.store().withTransaction(async (session) => {
        const s = session.collection(name);
        await s.insertOne({ _id: 'new', status: 'active' });
        await s.replaceOne({ _id: 'old' }, { _id: 'old', status: 'retired' });
        await s.deleteOne({ _id: 'doomed' });
        return {
          byId: [await s.findById('new'), await s.findById('old'), await s.findById('doomed')],
          active: idsOf(await s.find({ status: 'active' })),
          retired: idsOf(await s.find({ status: { $in: ['retired'] } })),
          count: await s.count({}),
          first: (await s.findOne({ status: { $gte: 'a' } }, { sort: [['status', -1]] }))?._id,
        };
      });
      expect(seen).toEqual({
        byId: [{ _id: 'new', status: 'active' }, { _id: 'old', status: 'retired' }, undefined],
        active: ['new'],
        retired: ['old'],
        count: 2,
        first: 'old',
      });
    });

    test('writes of a transaction in progress are invisible outside it until it commits', async () => {
      const name = ctx.collectionName('tx_isolation');
      const outside = ctx.store().collection(name);
      await outside.insertOne({ _id: 'x', v: 1 });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const writtenSignal = new Promise<void>((resolve) => (written = resolve));
      const tx = ctx.store().withTransaction(async (session) => {
        await session.collection(name).insertOne({ _id: 'y', v: 1 });
        await session.collection(name).replaceOne({ _id: 'x' }, { _id: 'x', v: 2 });
        written();
        await gate;
      });
      await writtenSignal;
      if (transactional(ctx.store(), 'isolation')) {
        expect(await outside.findById('y')).toBeUndefined();
        expect(await outside.find({})).toEqual([{ _id: 'x', v: 1 }]);
        expect(await outside.count({ v: 2 })).toBe(0);
      }
      release();
      await tx;
      expect(await outside.find({}, { sort: [['_id', 1]] })).toEqual([
        { _id: 'x', v: 2 },
        { _id: 'y', v: 1 },
      ]);
    }, 15_000);

    test('insertMany with a duplicate inside a transaction rejects with DuplicateKeyError and leaves nothing of the transaction', async () => {
      const name = ctx.collectionName('tx_insert_many_dup');
      await ctx.store().collection(name).insertOne({ _id: 'taken' });
      const outcome = ctx.store().withTransaction(async (session) => {
        await session.collection(name).insertOne({ _id: 'first' });
        await session.collection(name).insertMany([{ _id: 'm1' }, { _id: 'm2' }, { _id: 'taken' }, { _id: 'm3' }]);
      });
      await expect(outcome).rejects.toBeInstanceOf(DuplicateKeyError);
      if (transactional(ctx.store(), 'insertMany in a transaction leaves nothing')) {
        expect(idsOf(await ctx.store().collection(name).find({}))).toEqual(['taken']);
      }
    });

    test('a DuplicateKeyError inside a transaction rejects withTransaction with it, and nothing of the work lands', async () => {
      const name = ctx.collectionName('tx_dup');
      await ctx.store().collection(name).insertOne({ _id: 'taken', v: 1 });
      const outcome = ctx.store().withTransaction(async (session) => {
        await session.collection(name).insertOne({ _id: 'fresh' });
        await session.collection(name).insertOne({ _id: 'taken', v: 2 });
      });
      await expect(outcome).rejects.toBeInstanceOf(DuplicateKeyError);
      if (transactional(ctx.store(), 'a duplicate key undoes the transaction')) {
        expect(await ctx.store().collection(name).find({})).toEqual([{ _id: 'taken', v: 1 }]);
      }
    });

    test('replaceOne with upsert inside a transaction returns false for an existing document that does not match, and the transaction still commits', async () => {
      const name = ctx.collectionName('tx_upsert_mismatch');
      await ctx.store().collection(name).insertOne({ _id: 'u', versionId: '2' });
      const result = await ctx.store().withTransaction(async (session) => {
        const s = session.collection(name);
        const replaced = await s.replaceOne({ _id: 'u', versionId: '1' }, { _id: 'u', versionId: '3' }, { upsert: true });
        const inserted = await s.replaceOne({ _id: 'v', versionId: '1' }, { _id: 'v', versionId: '1' }, { upsert: true });
        await s.insertOne({ _id: 'after' });
        return { replaced, inserted };
      });
      expect(result).toEqual({ replaced: false, inserted: true });
      expect(await ctx.store().collection(name).find({}, { sort: [['_id', 1]] })).toEqual([
        { _id: 'after' },
        { _id: 'u', versionId: '2' },
        { _id: 'v', versionId: '1' },
      ]);
    });

    test(`${WRITERS} concurrent transactions incrementing one counter with a version check all succeed after retries: the counter ends at ${WRITERS} and each version is written exactly once`, async () => {
      if (!transactional(ctx.store(), 'concurrent transactions retry on conflict')) return;
      const name = ctx.collectionName('tx_counter');
      const historyName = ctx.collectionName('tx_counter_history');
      await ctx.store().collection<Counter>(name).insertOne({ _id: 'counter', v: 0 });
      // Collections exist before the race: MongoDB creating one implicitly inside competing transactions is not the point here.
      await ctx.store().collection(historyName).insertOne({ _id: 'v0', writer: -1 });
      const versions = await Promise.all(
        range(WRITERS).map((writer) =>
          ctx.store().withTransaction(async (session) => {
            const counters = session.collection<Counter>(name);
            const current = await counters.findById('counter');
            if (!current) throw new Error('the counter disappeared');
            const next = current.v + 1;
            if (!(await counters.replaceOne({ _id: 'counter', v: current.v }, { _id: 'counter', v: next }))) {
              throw new Error(`version check failed inside a transaction at v=${current.v}: a conflict must re-run the work, not fail the check`);
            }
            await session.collection(historyName).insertOne({ _id: `v${next}`, writer });
            return next;
          }),
        ),
      );
      expect([...versions].sort((a, b) => a - b)).toEqual(range(WRITERS));
      expect(await ctx.store().collection<Counter>(name).findById('counter')).toEqual({ _id: 'counter', v: WRITERS });
      expect(idsOf(await ctx.store().collection(historyName).find({ writer: { $gte: 0 } }))).toEqual(range(WRITERS).map((v) => `v${v}`).sort());
    }, 120_000);

    test('concurrent transactions writing different documents all commit', async () => {
      const name = ctx.collectionName('tx_disjoint');
      await ctx.store().collection(name).insertOne({ _id: 'existing' });
      await Promise.all(
        range(10).map((i) =>
          ctx.store().withTransaction(async (session) => {
            await session.collection(name).insertOne({ _id: `doc${i}` });
            await session.collection(name).replaceOne({ _id: `doc${i}` }, { _id: `doc${i}`, done: true });
          }),
        ),
      );
      expect(await ctx.store().collection(name).count({ done: true })).toBe(10);
    }, 60_000);
  });

  describe('optimistic concurrency without a transaction', () => {
    test(`replaceOne with a version check is a compare-and-swap: of ${WRITERS} concurrent writers exactly one wins each version`, async () => {
      const c = ctx.store().collection<Counter>(ctx.collectionName('cas_counter'));
      await c.insertOne({ _id: 'counter', v: 0 });
      const won: number[] = [];
      await Promise.all(
        range(WRITERS).map(async () => {
          for (let attempt = 0; attempt < 10_000; attempt++) {
            const current = await c.findById('counter');
            if (!current) throw new Error('the counter disappeared');
            if (await c.replaceOne({ _id: 'counter', v: current.v }, { _id: 'counter', v: current.v + 1 })) {
              won.push(current.v + 1);
              return;
            }
          }
          throw new Error('no progress after 10,000 attempts');
        }),
      );
      expect([...won].sort((a, b) => a - b)).toEqual(range(WRITERS));
      expect(await c.findById('counter')).toEqual({ _id: 'counter', v: WRITERS });
    }, 60_000);
  });
}
