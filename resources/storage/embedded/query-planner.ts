import type { Filter, FindOptions, IndexSpec } from '../port';
import { analyzeFilter, type Bound, type Conditions, type FieldCondition } from './query-conditions';
import type { Scalar } from './index-entries';

/**
 * The embedded store's query planner: picks key ranges of its indexes that cover every document a MongoDB
 * filter can match, in the spirit of MongoDB's own planner (equality prefix of a compound index, then a range
 * on the next key; `$or` served by a union of plans; an index scan in sort order when a limit is asked and
 * nothing narrower exists). It never decides a match: every candidate is tested against the whole filter.
 */
export interface IndexInfo {
  spec: IndexSpec;
  /** Some document had an array on one of the key paths (MongoDB's multikey flag). */
  multikey: boolean;
}

export interface KeyRange {
  lower?: Bound;
  upper?: Bound;
  prefix?: string;
}

export interface KeyScan {
  prefix: Scalar[];
  range?: KeyRange;
}

export type Plan =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'index'; index: IndexInfo; scans: KeyScan[] }
  | { kind: 'union'; plans: Plan[] }
  | { kind: 'ordered'; index: IndexInfo; prefix: Scalar[]; direction: 1 | -1 }
  | { kind: 'idOrdered'; direction: 1 | -1 }
  | { kind: 'scan' };

/** Counts candidate keys of a plan, stopping at `cap`; lets the planner compare plans by what they would read. */
export type Probe = (plan: Plan, cap: number) => number;

/** How many keys a plan may read before it counts as unselective. */
export const PROBE_CAP = 512;
/** Most equality combinations one compound-index plan expands to (e.g. `$in` lists on two keys). */
const MAX_SCANS = 256;

export function planQuery(filter: Filter, options: FindOptions, indexes: readonly IndexInfo[], probe: Probe): Plan {
  const conditions = analyzeFilter(filter);
  const ids = idLookup(conditions);
  if (ids) return { kind: 'ids', ids };

  const candidates: Plan[] = [];
  for (const index of indexes) {
    const scans = scansFor(index, conditions);
    if (scans) candidates.push({ kind: 'index', index, scans });
  }
  for (const branches of conditions.disjunctions) {
    const union = unionPlan(branches, indexes, probe);
    if (union) candidates.push(union);
  }

  let best: Plan | undefined;
  let bestCount = Infinity;
  for (const plan of candidates) {
    const count = probe(plan, PROBE_CAP);
    if (count < bestCount) {
      best = plan;
      bestCount = count;
    }
  }
  if (best && bestCount < PROBE_CAP) return best;
  if (options.limit !== undefined && options.sort && options.sort.length > 0) {
    const [field, direction] = options.sort[0];
    // Documents are stored in `_id` order (MongoDB's _id index), so "oldest first, limit n" reads n documents.
    if (field === '_id') return { kind: 'idOrdered', direction };
    const ordered = orderedPlan(conditions, options.sort[0], indexes);
    if (ordered) return ordered;
  }
  return best ?? { kind: 'scan' };
}

function idLookup(conditions: Conditions): string[] | undefined {
  for (const condition of conditions.fields.get('_id') ?? []) {
    if (condition.eq && condition.eq.every((v) => typeof v === 'string')) return condition.eq as string[];
  }
  return undefined;
}

function unionPlan(branches: Filter[], indexes: readonly IndexInfo[], probe: Probe): Plan | undefined {
  const plans: Plan[] = [];
  for (const branch of branches) {
    const plan = planQuery(branch, {}, indexes, probe);
    if (plan.kind === 'scan' || plan.kind === 'ordered' || plan.kind === 'idOrdered') return undefined;
    plans.push(plan);
  }
  return plans.length > 0 ? { kind: 'union', plans } : undefined;
}

/** Key scans over one index: equality on a prefix of its keys, then at most one range. */
function scansFor(index: IndexInfo, conditions: Conditions): KeyScan[] | undefined {
  let prefixes: Scalar[][] = [[]];
  for (const [path] of index.spec.keys) {
    const list = conditions.fields.get(path) ?? [];
    const eq = smallestEquality(list);
    if (eq) {
      if (prefixes.length * eq.length > MAX_SCANS) break;
      prefixes = prefixes.flatMap((p) => eq.map((v) => [...p, v]));
      continue;
    }
    const range = rangeFrom(list, index.multikey);
    if (range) return prefixes.map((prefix) => ({ prefix, range }));
    break;
  }
  if (prefixes[0].length === 0) return undefined;
  return prefixes.map((prefix) => ({ prefix }));
}

function smallestEquality(list: FieldCondition[]): Scalar[] | undefined {
  let best: Scalar[] | undefined;
  for (const c of list) if (c.eq && (!best || c.eq.length < best.length)) best = c.eq;
  return best;
}

function rangeFrom(list: FieldCondition[], multikey: boolean): KeyRange | undefined {
  const prefixed = list.find((c) => c.prefix !== undefined);
  if (prefixed) return { prefix: prefixed.prefix };
  const bounded = list.filter((c) => c.lower || c.upper);
  if (bounded.length === 0) return undefined;
  if (multikey) {
    // Combine only bounds that one array element must satisfy together; otherwise one bound is a superset.
    const joint = bounded.find((c) => c.sameElement && c.lower && c.upper);
    if (joint) return { lower: joint.lower, upper: joint.upper };
    const first = bounded[0];
    return first.lower ? { lower: first.lower } : { upper: first.upper };
  }
  const range: KeyRange = {};
  for (const c of bounded) {
    if (c.lower && (!range.lower || c.lower.value > range.lower.value)) range.lower = c.lower;
    if (c.upper && (!range.upper || c.upper.value < range.upper.value)) range.upper = c.upper;
  }
  if (range.lower && range.upper && typeof range.lower.value !== typeof range.upper.value) delete range.upper;
  return range;
}

function orderedPlan(
  conditions: Conditions,
  [field, direction]: readonly [string, 1 | -1],
  indexes: readonly IndexInfo[],
): Plan | undefined {
  for (const index of indexes) {
    // A sparse index lacks the documents without the field, which a sort must still return.
    if (index.spec.sparse) continue;
    const keys = index.spec.keys;
    const position = keys.findIndex(([path]) => path === field);
    if (position < 0) continue;
    const prefix: Scalar[] = [];
    for (const [path] of keys.slice(0, position)) {
      const eq = smallestEquality(conditions.fields.get(path) ?? []);
      if (!eq || eq.length !== 1) break;
      prefix.push(eq[0]);
    }
    if (prefix.length === position) return { kind: 'ordered', index, prefix, direction };
  }
  return undefined;
}
