/**
 * Contract: indexes change how fast a query runs, never what it returns.
 *
 * The same 2,000 generated documents go into two collections, one with compound and multikey indexes and one with
 * none, and hundreds of generated filters (with and without sort/skip/limit) must return exactly what a brute-force
 * evaluation of the filter over every document returns. For the embedded store this holds its query planner to
 * the filter's semantics; for MongoDB it checks that mingo (the embedded store's evaluator) agrees with the server.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { DocumentCollection, Filter, SortSpec } from '../../../resources/storage/port';
import type { ContractContext } from './context';
import { bruteForce, GENERATED_INDEXES, GENERATED_SORTS, generateDocs, generateFilters, random } from './generated-data';

const DOCUMENTS = 2_000;
const FILTERS = 200;
const SEED = 20240611;

export function describeIndexEquivalence(ctx: ContractContext): void {
  describe('indexes never change query results', () => {
    const docs = generateDocs(DOCUMENTS, SEED);
    let indexed: DocumentCollection;
    let plain: DocumentCollection;

    beforeAll(async () => {
      const indexedName = ctx.collectionName('generated_indexed');
      const plainName = ctx.collectionName('generated_plain');
      // Half the documents go in before the indexes are built and half after, so both paths are exercised.
      indexed = ctx.store().collection(indexedName);
      plain = ctx.store().collection(plainName);
      await indexed.insertMany(docs.slice(0, DOCUMENTS / 2));
      await ctx.store().ensureIndexes(indexedName, GENERATED_INDEXES);
      await indexed.insertMany(docs.slice(DOCUMENTS / 2));
      await plain.insertMany(docs);
    }, 120_000);

    type Options = { sort?: SortSpec; skip?: number; limit?: number };

    /** Runs one query on both collections; returns the brute-force ids and any disagreement, described. */
    async function compare(filter: Filter, options: Options = {}): Promise<{ expected: string[]; mismatch?: string }> {
      const sort: SortSpec = [...(options.sort ?? []), ['_id', 1]];
      const expected = bruteForce(docs, filter, { ...options, sort });
      const fromIndexed = (await indexed.find(filter, { ...options, sort })).map((d) => d._id);
      const fromPlain = (await plain.find(filter, { ...options, sort })).map((d) => d._id);
      const wrong = [fromIndexed, fromPlain].map((ids) => JSON.stringify(ids) !== JSON.stringify(expected));
      if (!wrong[0] && !wrong[1]) return { expected };
      const which = wrong[0] && wrong[1] ? 'with and without indexes' : wrong[0] ? 'with indexes only' : 'without indexes only';
      const got = wrong[0] ? fromIndexed : fromPlain;
      const at = got.findIndex((id, i) => id !== expected[i]);
      const position = at < 0 ? expected.length : at;
      return {
        expected,
        mismatch:
          `${which}: ${JSON.stringify({ filter, ...options, sort })} -> ${got.length} ids, expected ${expected.length}; ` +
          `first difference at ${position}: got ${got[position]}, expected ${expected[position]}`,
      };
    }

    /** For the named tests: one query, asserted directly. */
    async function check(filter: Filter, options: Options = {}): Promise<string[]> {
      const { expected, mismatch } = await compare(filter, options);
      expect(mismatch).toBeUndefined();
      return expected;
    }

    test(`${FILTERS} generated filters return the same documents with indexes, without, and by brute force`, async () => {
      const mismatches: string[] = [];
      let nonEmpty = 0;
      for (const filter of generateFilters(FILTERS, SEED)) {
        const { expected, mismatch } = await compare(filter);
        if (mismatch) mismatches.push(mismatch);
        if (expected.length > 0) nonEmpty += 1;
      }
      expect(mismatches).toEqual([]);
      expect(nonEmpty).toBeGreaterThan(FILTERS / 2); // the generated filters are not trivially empty
    }, 120_000);

    test(`${FILTERS} generated filters with sort, skip and limit return the same page with indexes, without, and by brute force`, async () => {
      const r = random(SEED + 1);
      const mismatches: string[] = [];
      for (const filter of generateFilters(FILTERS, SEED + 2)) {
        const sort = GENERATED_SORTS[Math.floor(r() * GENERATED_SORTS.length)];
        const skip = r() < 0.5 ? 0 : Math.floor(r() * 30);
        const limit = r() < 0.2 ? undefined : 1 + Math.floor(r() * 50);
        const { mismatch } = await compare(filter, { sort, skip, limit });
        if (mismatch) mismatches.push(mismatch);
      }
      expect(mismatches).toEqual([]);
    }, 120_000);

    test('count agrees with brute force for generated filters', async () => {
      const mismatches: string[] = [];
      for (const filter of generateFilters(60, SEED + 3)) {
        const expected = bruteForce(docs, filter).length;
        const counts = [await indexed.count(filter), await plain.count(filter)];
        if (counts.some((n) => n !== expected)) mismatches.push(`${JSON.stringify(filter)}: counted ${counts.join(' / ')}, expected ${expected}`);
      }
      expect(mismatches).toEqual([]);
    }, 60_000);

    test('a range query on an indexed field', async () => {
      expect((await check({ rank: { $gte: 10, $lt: 20 } })).length).toBeGreaterThan(0);
      expect((await check({ score: { $gt: -5.5, $lte: 5.25 } })).length).toBeGreaterThan(0);
      expect((await check({ 'period.low': { $gte: '2010-01-01', $lt: '2011-01-01' } })).length).toBeGreaterThan(0);
    });

    test('an equality plus sort query served by a compound index, in both directions, with a page', async () => {
      expect((await check({ status: 'active' }, { sort: [['rank', -1]] })).length).toBeGreaterThan(0);
      expect((await check({ status: 'active' }, { sort: [['rank', 1]], skip: 5, limit: 10 })).length).toBe(10);
      expect((await check({ status: 'draft', rank: { $lt: 25 } }, { sort: [['status', 1], ['rank', -1]], limit: 20 })).length).toBe(20);
    });

    test('$in on an indexed field, including a multikey field and a compound-index prefix', async () => {
      expect((await check({ status: { $in: ['draft', 'inactive'] } })).length).toBeGreaterThan(0);
      expect((await check({ tags: { $in: ['a', 'h'] } }, { sort: [['score', -1]], limit: 25 })).length).toBe(25);
      expect((await check({ 'codes.system': { $in: ['s1', 's3'] }, 'codes.code': 'c2' })).length).toBeGreaterThan(0);
    });

    test('a prefix $regex on an indexed string field, case-sensitive and case-insensitive', async () => {
      expect((await check({ name: { $regex: '^Ali' } })).length).toBeGreaterThan(0);
      expect((await check({ name: { $regex: '^ali', $options: 'i' } })).length).toBeGreaterThan(0);
      expect((await check({ name: { $regex: '^a\\.b' } })).length).toBeGreaterThan(0);
    });

    test('strings longer than an index key can hold are matched exactly by equality, range and prefix $regex', async () => {
      const long = 'L'.repeat(130);
      expect(await check({ name: `${long}a` })).toEqual(docs.filter((d) => d.name === `${long}a`).map((d) => d._id));
      expect((await check({ name: { $gt: long, $lt: `${long}b` } })).length).toBeGreaterThan(0);
      expect((await check({ name: { $regex: `^${long}a` } })).length).toBeGreaterThan(0);
    });

    test('$elemMatch on a multikey compound index over an array of objects', async () => {
      expect((await check({ codes: { $elemMatch: { system: 's2', code: 'c5' } } })).length).toBeGreaterThan(0);
    });

    test('$ne, $nin, $not and $exists: false on indexed fields include the documents that lack the field', async () => {
      for (const filter of [{ status: { $ne: 'active' } }, { rank: { $nin: [1, 2, 3] } }, { rank: { $not: { $gt: 5 } } }, { status: { $exists: false } }, { tags: { $ne: 'a' } }]) {
        const ids = await check(filter as Filter);
        expect(ids.some((id) => docs.find((d) => d._id === id)?.[Object.keys(filter)[0]] === undefined)).toBe(true);
      }
    });
  });
}
