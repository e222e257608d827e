/**
 * Seeded generators for the index-equivalence property: documents shaped like stored FHIR search values
 * (scalars that are sometimes missing, multikey arrays of scalars and of objects, [low, high] ranges, long strings),
 * filters over them using every operator of the port, and a brute-force evaluation to compare against.
 */
import { Query } from 'mingo';
import type { Filter, IndexSpec, SortSpec, StoredDocument } from '../../../resources/storage/port';

/** mulberry32: a small deterministic PRNG, so a failing case can be reproduced from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;
const some = <T>(r: Rand, xs: readonly T[], lo: number, hi: number): T[] => {
  const n = int(r, lo, hi);
  return Array.from({ length: n }, () => pick(r, xs));
};

const LONG = 'L'.repeat(130);
export const NAMES = [
  'Alice', 'alice', 'ALICE', 'Alicia', 'Ali', 'Bob', 'bob', 'Bobby', 'Åse', 'Émile', 'Zoë', 'a.b', 'axb', 'a+b', 'a(b)',
  'a*c', 'x[1]', '', ' space', `${LONG}a`, `${LONG}b`, `${LONG}`, 'L'.repeat(119) + 'M', `${LONG}a${LONG}`,
] as const;
const STATUSES = ['active', 'inactive', 'draft', 'entered-in-error'] as const;
const TAGS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
const SYSTEMS = ['s1', 's2', 's3'] as const;
const CODES = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'] as const;

const date = (r: Rand) => `20${String(int(r, 0, 30)).padStart(2, '0')}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;

export function generateDocs(count: number, seed: number): StoredDocument[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const doc: StoredDocument = { _id: `d${String(i).padStart(5, '0')}` };
    if (!chance(r, 0.1)) doc.status = pick(r, STATUSES);
    if (!chance(r, 0.1)) doc.rank = int(r, 0, 49);
    doc.score = Math.round((r() * 100 - 50) * 100) / 100;
    if (!chance(r, 0.2)) doc.flag = chance(r, 0.5);
    if (!chance(r, 0.05)) doc.name = pick(r, NAMES);
    if (!chance(r, 0.15)) doc.tags = chance(r, 0.1) ? [] : some(r, TAGS, 1, 4);
    if (!chance(r, 0.1)) {
      doc.codes = some(r, SYSTEMS, 0, 3).map((system) => (chance(r, 0.1) ? { system } : { system, code: pick(r, CODES) }));
    }
    if (!chance(r, 0.1)) {
      const [a, b] = [date(r), date(r)].sort();
      doc.period = chance(r, 0.1) ? { low: a } : { low: a, high: b };
    }
    if (!chance(r, 0.2)) doc.nested = { level: int(r, 0, 9), flag: chance(r, 0.5) };
    return doc;
  });
}

/** Indexes of every kind the planner may use: compound, multikey over scalars and over objects, descending keys. */
export const GENERATED_INDEXES: readonly IndexSpec[] = [
  { name: 'status_rank', keys: [['status', 1], ['rank', -1]] },
  { name: 'name', keys: [['name', 1]] },
  { name: 'score', keys: [['score', -1]] },
  { name: 'tags', keys: [['tags', 1]] },
  { name: 'codes', keys: [['codes.system', 1], ['codes.code', 1]] },
  { name: 'period', keys: [['period.low', 1], ['period.high', 1]] },
  { name: 'nested_level', keys: [['nested.level', 1]] },
];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function leaf(r: Rand): Filter {
  switch (int(r, 0, 10)) {
    case 0: {
      const v = pick(r, STATUSES);
      return pick(r, [
        { status: v }, { status: { $ne: v } }, { status: { $in: [v, pick(r, STATUSES), 'unknown'] } }, { status: { $nin: [v] } },
        { status: { $exists: chance(r, 0.5) } }, { status: { [pick(r, ['$gt', '$gte', '$lt', '$lte'])]: v } },
        { status: { $not: { $in: [v] } } }, { status: { $regex: `^${v.slice(0, int(r, 1, 4))}` } },
        { status: { $regex: `^${v.slice(0, 3).toUpperCase()}`, $options: 'i' } },
      ]);
    }
    case 1: {
      const v = int(r, -1, 50);
      const w = v + int(r, 0, 15);
      return pick(r, [
        { rank: v }, { rank: { $ne: v } }, { rank: { [pick(r, ['$gt', '$gte', '$lt', '$lte'])]: v } },
        { rank: { [pick(r, ['$gt', '$gte'])]: v, [pick(r, ['$lt', '$lte'])]: w } }, { rank: { $in: [v, w, 1000] } },
        { rank: { $nin: [v, w] } }, { rank: { $exists: chance(r, 0.5) } }, { rank: { $not: { $gte: v } } },
      ]);
    }
    case 2:
      return { score: { [pick(r, ['$gt', '$gte'])]: int(r, -60, 40), [pick(r, ['$lt', '$lte'])]: int(r, -40, 60) } };
    case 3: {
      const v = pick(r, NAMES);
      const prefix = escapeRegex(v.slice(0, int(r, 0, Math.min(v.length, 125))));
      return pick(r, [
        { name: v }, { name: { $ne: v } }, { name: { $in: [v, pick(r, NAMES)] } }, { name: { $nin: [v] } },
        { name: { [pick(r, ['$gt', '$gte', '$lt', '$lte'])]: v } }, { name: { $gte: v, $lt: pick(r, NAMES) } },
        { name: { $regex: `^${prefix}` } }, { name: { $regex: `^${prefix}`, $options: 'i' } }, { name: { $regex: escapeRegex(v.slice(1, 3)) } },
        { name: { $not: { $regex: `^${prefix}` } } },
      ]);
    }
    case 4: {
      const v = pick(r, TAGS);
      const w = pick(r, TAGS);
      return pick(r, [
        { tags: v }, { tags: { $ne: v } }, { tags: { $in: [v, w] } }, { tags: { $nin: [v, w] } }, { tags: { $exists: chance(r, 0.5) } },
        { tags: { $elemMatch: { $in: [v, w] } } }, { tags: { $elemMatch: { $gte: v < w ? v : w, $lt: v < w ? w : v } } },
        { tags: { $gte: v, $lt: w } }, { tags: { $not: { $in: [v] } } }, { $and: [{ tags: v }, { tags: w }] },
      ]);
    }
    case 5:
    case 6: {
      const system = pick(r, SYSTEMS);
      const code = pick(r, CODES);
      return pick(r, [
        { 'codes.code': code }, { 'codes.system': system, 'codes.code': code }, { codes: { $elemMatch: { system, code } } },
        { codes: { $elemMatch: { system, code: { $in: [code, pick(r, CODES)] } } } }, { 'codes.code': { $in: [code, pick(r, CODES)] } },
        { 'codes.code': { $gte: code } }, { 'codes.system': { $ne: system } }, { codes: { $exists: chance(r, 0.5) } },
      ]);
    }
    case 7: {
      const a = date(r);
      return pick(r, [
        { 'period.low': { $lte: a } }, { 'period.high': { $gte: a } }, { 'period.low': { $lte: a }, 'period.high': { $gte: a } },
        { 'period.low': { $gte: a.slice(0, 4), $lt: `${a.slice(0, 4)}-13` } }, { 'period.low': { $regex: `^${a.slice(0, 4)}` } },
      ]);
    }
    case 8:
      return pick(r, [{ 'nested.level': int(r, 0, 9) }, { 'nested.level': { $gt: int(r, 0, 9) } }, { 'nested.flag': chance(r, 0.5) }, { 'nested.level': { $in: [1, 3, 5] } }]);
    case 9:
      return pick(r, [{ flag: true }, { flag: false }, { flag: { $ne: true } }, { flag: { $exists: false } }]);
    default: {
      const lo = int(r, 0, 2000);
      return pick(r, [{ _id: `d${String(lo).padStart(5, '0')}` }, { _id: { $gte: `d${String(lo).padStart(5, '0')}`, $lt: `d${String(lo + 150).padStart(5, '0')}` } }]);
    }
  }
}

function node(r: Rand, depth: number): Filter {
  const kind = depth >= 2 ? 0 : int(r, 0, 4);
  const children = () => Array.from({ length: int(r, 2, 3) }, () => node(r, depth + 1));
  switch (kind) {
    case 1:
      return { $and: children() };
    case 2:
      return { $or: children() };
    case 3:
      return chance(r, 0.3) ? { $nor: children() } : { $or: children() };
    case 4: // implicit AND: the shape the query compiler emits most, conditions on several fields side by side
      return { ...leaf(r), ...leaf(r) };
    default:
      return leaf(r);
  }
}

export function generateFilters(count: number, seed: number): Filter[] {
  const r = random(seed);
  return Array.from({ length: count }, () => node(r, 0));
}

export const GENERATED_SORTS: readonly SortSpec[] = [
  [['rank', 1]], [['rank', -1]], [['status', 1], ['rank', -1]], [['status', -1], ['rank', 1]], [['name', 1]], [['score', -1]],
  [['period.low', 1]], [['nested.level', -1], ['score', 1]],
];

/** The value a document sorts by on a scalar path (the generated sort paths never cross an array). */
function valueAt(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

/** MongoDB's order for the types generated: missing first, then numbers, then strings (binary), then booleans. */
function compare(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0; // both missing
}

/** The expected result, computed by testing every document with mingo and sorting as MongoDB does. */
export function bruteForce(docs: readonly StoredDocument[], filter: Filter, options: { sort?: SortSpec; skip?: number; limit?: number } = {}): string[] {
  const query = new Query(filter);
  const matched = docs.filter((d) => query.test(d));
  const sort = options.sort ?? [['_id', 1]];
  matched.sort((x, y) => {
    for (const [path, direction] of sort) {
      const c = compare(valueAt(x, path), valueAt(y, path));
      if (c !== 0) return c * direction;
    }
    return 0;
  });
  const start = options.skip ?? 0;
  return matched.slice(start, options.limit === undefined ? undefined : start + options.limit).map((d) => d._id);
}
