import type { Filter } from '../port';
import { indexable, type Scalar } from './index-entries';

/**
 * What a filter says about single fields, in the forms an index can serve. Conditions only ever describe a
 * superset of the matching documents: the planner turns them into key ranges and every candidate is then
 * tested against the whole filter.
 */
export interface Bound {
  value: Scalar;
  inclusive: boolean;
}

export interface FieldCondition {
  eq?: Scalar[];
  lower?: Bound;
  upper?: Bound;
  prefix?: string;
  /**
   * Bounds from one operator object may be satisfied by different elements of an array
   * (`{a: {$gt: 1, $lt: 5}}` matches `[0, 9]`), so on a multikey field only one of them narrows the scan.
   * Inside a scalar `$elemMatch` both apply to the same element and can be combined.
   */
  sameElement: boolean;
}

export interface Conditions {
  fields: Map<string, FieldCondition[]>;
  /** Each top-level `$or` (or one inside `$and`): a list of alternative filters. */
  disjunctions: Filter[][];
}

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof RegExp) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export function analyzeFilter(filter: Filter): Conditions {
  const result: Conditions = { fields: new Map(), disjunctions: [] };
  collect(filter, result);
  return result;
}

function collect(filter: Filter, into: Conditions): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) collect(sub as Filter, into);
    } else if (key === '$or' && Array.isArray(value)) {
      into.disjunctions.push(value as Filter[]);
    } else if (!key.startsWith('$')) {
      fieldConditions(key, value, false, into);
    }
  }
}

function add(into: Conditions, path: string, condition: FieldCondition): void {
  const list = into.fields.get(path);
  if (list) list.push(condition);
  else into.fields.set(path, [condition]);
}

function fieldConditions(path: string, value: unknown, inElemMatch: boolean, into: Conditions): void {
  if (isScalar(value)) {
    add(into, path, { eq: [value], sameElement: true });
    return;
  }
  if (!isOperatorObject(value)) return;
  const condition: FieldCondition = { sameElement: inElemMatch };
  let useful = false;
  if (isScalar(value.$eq)) {
    condition.eq = [value.$eq];
    useful = true;
  }
  if (Array.isArray(value.$in) && value.$in.length > 0 && value.$in.every(isScalar)) {
    condition.eq = value.$in as Scalar[];
    useful = true;
  }
  for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) {
    const bound = value[op];
    if (!isScalar(bound)) continue;
    const b: Bound = { value: bound, inclusive: op === '$gte' || op === '$lte' };
    if (op === '$gt' || op === '$gte') condition.lower = b;
    else condition.upper = b;
    useful = true;
  }
  const prefix = literalPrefix(value.$regex, value.$options);
  if (prefix) {
    condition.prefix = prefix;
    useful = true;
  }
  if (useful) add(into, path, condition);
  const elem = value.$elemMatch;
  if (elem && typeof elem === 'object' && !Array.isArray(elem)) {
    if (isOperatorObject(elem)) fieldConditions(path, elem, true, into);
    else for (const [sub, subValue] of Object.entries(elem)) fieldConditions(`${path}.${sub}`, subValue, false, into);
  }
}

const REGEX_META = /[.*+?^${}()|[\]\\]/;

/** The literal text a case-sensitive regex anchored with `^` requires every match to start with. */
function literalPrefix(regex: unknown, options: unknown): string | undefined {
  let source: string;
  let flags = typeof options === 'string' ? options : '';
  if (regex instanceof RegExp) {
    source = regex.source;
    flags += regex.flags;
  } else if (typeof regex === 'string') {
    source = regex;
  } else {
    return undefined;
  }
  // Case-insensitive or multi-line matching, or any alternation, defeats a single literal prefix.
  if (!source.startsWith('^') || flags.includes('i') || flags.includes('m') || source.includes('|')) return undefined;
  let prefix = '';
  for (let i = 1; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length && REGEX_META.test(source[i + 1])) {
      prefix += source[++i];
      continue;
    }
    if (REGEX_META.test(ch)) {
      // A quantifier applies to the character before it, which is then not required.
      if ('*?{'.includes(ch)) prefix = prefix.slice(0, -1);
      break;
    }
    prefix += ch;
  }
  return prefix.length > 0 ? (indexable(prefix) as string) : undefined;
}
