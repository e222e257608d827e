import { readForm, type DerivedFields } from './derived-fields';
import { compileFilter } from './filter-matcher';
import type { Filter, FindOptions, StoredDocument } from '../port';
import { decodeValue, encodeTuple, indexable, typeTag, type Scalar } from './index-entries';
import { MAX_KEY, key, type Layout } from './layout';
import { compareValues, documentComparator } from './mongo-order';
import { PROBE_CAP, planQuery, type IndexInfo, type KeyScan, type Plan } from './query-planner';

export interface Revisioned {
  revision: number;
  doc: StoredDocument;
}

/** Runs filters against the committed state of one collection, through the planner's choice of index. */
export class QueryExecutor {
  constructor(
    private readonly layout: Layout,
    private readonly indexesOf: (collection: string) => readonly IndexInfo[],
    private readonly derived: DerivedFields,
  ) {}

  get(collection: string, id: string): Revisioned | undefined {
    const entry = this.layout.docs.get([collection, id]);
    return entry ? { revision: entry[0], doc: readForm(this.derived, collection, entry[1] as StoredDocument) } : undefined;
  }

  find(collection: string, filter: Filter, options: FindOptions = {}): Revisioned[] {
    const query = compileFilter(filter);
    const plan = this.plan(collection, filter, options);
    const skip = options.skip ?? 0;
    const limit = options.limit ?? Infinity;
    if (plan.kind === 'ordered') return this.orderedScan(collection, plan, query, options, skip + limit).slice(skip, skip + limit);
    if (plan.kind === 'idOrdered') return this.idOrderedScan(collection, plan.direction, query, skip + limit).slice(skip, skip + limit);

    const matches: Revisioned[] = [];
    const sorted = options.sort && options.sort.length > 0;
    for (const hit of this.candidates(collection, plan)) {
      if (!query.test(hit.doc)) continue;
      matches.push(hit);
      if (!sorted && matches.length >= skip + limit) break;
    }
    if (sorted) {
      const compare = documentComparator(options.sort!);
      matches.sort((a, b) => compare(a.doc, b.doc));
    }
    return matches.slice(skip, skip + limit);
  }

  count(collection: string, filter: Filter): number {
    const query = compileFilter(filter);
    let count = 0;
    for (const hit of this.candidates(collection, this.plan(collection, filter, {}))) if (query.test(hit.doc)) count++;
    return count;
  }

  private plan(collection: string, filter: Filter, options: FindOptions): Plan {
    return planQuery(filter, options, this.indexesOf(collection), (plan, cap) => this.probe(collection, plan, cap));
  }

  private probe(collection: string, plan: Plan, cap: number): number {
    if (plan.kind === 'ids') return plan.ids.length;
    if (plan.kind === 'union') return plan.plans.reduce((n, p) => n + this.probe(collection, p, cap), 0);
    if (plan.kind !== 'index') return cap;
    let n = 0;
    for (const scan of plan.scans) {
      for (const _ of this.scanKeys(collection, plan.index, scan)) if (++n >= cap) return cap;
    }
    return n;
  }

  /** Each candidate document at most once, read from the committed state. */
  private *candidates(collection: string, plan: Plan): Generator<Revisioned> {
    if (plan.kind === 'scan') {
      for (const { value } of this.layout.docs.getRange({ start: [collection], end: [collection, MAX_KEY] })) {
        yield { revision: value[0], doc: readForm(this.derived, collection, value[1] as StoredDocument) };
      }
      return;
    }
    const seen = new Set<string>();
    for (const id of this.candidateIds(collection, plan)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const hit = this.get(collection, id);
      if (hit) yield hit;
    }
  }

  private *candidateIds(collection: string, plan: Plan): Generator<string> {
    if (plan.kind === 'ids') yield* plan.ids;
    else if (plan.kind === 'union') for (const p of plan.plans) yield* this.candidateIds(collection, p);
    else if (plan.kind === 'index') for (const scan of plan.scans) yield* this.scanKeys(collection, plan.index, scan);
  }

  /**
   * Ids under one key scan: the equality prefix, then the range on the next key. Keys hold (type tag, value)
   * pairs (index-entries.ts), so a range stays within its type's tag and bounds are checked here in JS.
   */
  private *scanKeys(collection: string, index: IndexInfo, scan: KeyScan): Generator<string> {
    const base = [collection, index.spec.name, ...encodeTuple(scan.prefix.map(indexable))];
    const range = scan.range;
    if (!range) {
      for (const k of this.layout.index.getKeys({ start: key(...base), end: key(...base, MAX_KEY) })) yield idOf(k);
      return;
    }
    const sample = range.prefix ?? range.lower?.value ?? range.upper!.value;
    const tag = typeTag(sample);
    const at = base.length + 1;
    const startValue = range.prefix ?? (range.lower ? indexable(range.lower.value) : undefined);
    const start = startValue === undefined ? key(...base, tag) : key(...base, tag, startValue);
    const upper = range.upper ? indexable(range.upper.value) : undefined;
    // Bounds are treated as inclusive here: truncated strings make exclusivity unknowable, and the full filter
    // removes boundary documents afterwards.
    for (const k of this.layout.index.getKeys({ start, end: key(...base, tag, MAX_KEY) })) {
      const value = (k as unknown[])[at] as Scalar;
      if (range.prefix !== undefined && !(value as string).startsWith(range.prefix)) return;
      if (upper !== undefined && compareValues(value, upper) > 0) return;
      yield idOf(k);
    }
  }

  /** Walks the documents in `_id` order (their key order) and stops at the `wanted`-th match. */
  private idOrderedScan(collection: string, direction: 1 | -1, query: { test(doc: unknown): boolean }, wanted: number): Revisioned[] {
    const range =
      direction === 1
        ? { start: [collection], end: [collection, MAX_KEY] }
        : { start: [collection, MAX_KEY], end: [collection], reverse: true };
    const matches: Revisioned[] = [];
    if (wanted <= 0) return matches;
    for (const { value } of this.layout.docs.getRange(range)) {
      const hit = { revision: value[0], doc: readForm(this.derived, collection, value[1] as StoredDocument) };
      if (!query.test(hit.doc)) continue;
      if (matches.push(hit) >= wanted) break;
    }
    return matches;
  }

  /** Walks an index in sort order and stops once `wanted` matches are found and the last sort value's ties are in. */
  private orderedScan(
    collection: string,
    plan: Extract<Plan, { kind: 'ordered' }>,
    query: { test(doc: unknown): boolean },
    options: FindOptions,
    wanted: number,
  ): Revisioned[] {
    const base = [collection, plan.index.spec.name, ...encodeTuple(plan.prefix.map(indexable))];
    const at = base.length;
    const range =
      plan.direction === 1
        ? { start: key(...base), end: key(...base, MAX_KEY) }
        : { start: key(...base, MAX_KEY), end: key(...base), reverse: true };
    const seen = new Set<string>();
    const matches: Revisioned[] = [];
    let lastValue: unknown = undefined;
    for (const k of this.layout.index.getKeys(range)) {
      const parts = k as unknown[];
      const value = decodeValue(parts[at] as number, parts[at + 1] as string | number);
      if (matches.length >= wanted && compareValues(value, lastValue) !== 0) break;
      const id = idOf(k);
      if (seen.has(id)) continue;
      seen.add(id);
      const hit = this.get(collection, id);
      if (!hit || !query.test(hit.doc)) continue;
      matches.push(hit);
      lastValue = value;
    }
    const compare = documentComparator(options.sort!);
    return matches.sort((a, b) => compare(a.doc, b.doc));
  }
}

function idOf(k: unknown): string {
  const parts = k as unknown[];
  return parts[parts.length - 1] as string;
}

export { PROBE_CAP };
