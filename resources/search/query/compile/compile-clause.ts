import type { Filter } from '../../../storage/port';
import type { Clause } from '../ast';
import { compositeCondition } from './composite-condition';
import { dateCondition, instantCondition } from './date-condition';
import type { EntryCondition } from './entry-condition';
import { numberBounds, numberCondition } from './number-condition';
import { quantityCondition } from './quantity-condition';
import { referenceCondition } from './reference-condition';
import { stringCondition } from './string-condition';
import type { Terminology } from './terminology';
import { tokenCondition } from './token-condition';
import { uriCondition } from './uri-condition';

/** A clause whose chains and `_has` have been resolved to plain lists (resolve/), so it compiles without I/O. */
export type ResolvedClause = Exclude<Clause, { kind: 'chain' } | { kind: 'has' }>;

export interface CompileContext {
  terminology: Terminology;
  /** Milliseconds since the epoch, for `ap` on dates. */
  now: number;
}

/**
 * One clause as a MongoDB filter over the stored document: `sp.<code>` entries (index-format.ts), `_id` or
 * `lastUpdated`. Keys come from the SearchParameter registry, never from the request; values only ever appear
 * as operands. OR alternatives of one clause become `$in` where they test one field, else `$or` (each branch still
 * index-served); `:not` and `:not-in` negate the whole clause (search.html#modifiers: resources without the
 * element match too).
 */
export function compileClause(clause: ResolvedClause, context: CompileContext): Filter {
  const path = `sp.${clause.param.code}`;
  switch (clause.kind) {
    case 'missing':
      return missingCondition(clause, path);
    case 'id': {
      const ids = { _id: clause.ids.length === 1 ? clause.ids[0] : { $in: clause.ids } };
      return clause.negate ? { $nor: [ids] } : ids;
    }
    case 'ids':
      return { _id: { $in: clause.ids } };
    case 'last-updated':
      return anyOf(clause.values.map((v) => instantCondition('lastUpdated', v, context.now)));
    case 'string':
      return anyEntry(path, clause.values.map((v) => stringCondition(clause.match, v)));
    case 'token': {
      const positive = anyEntry(path, clause.tests.map((t) => tokenCondition(t, clause.name, context.terminology)));
      return clause.negate ? { $nor: [positive] } : positive;
    }
    case 'date':
      return anyEntry(path, clause.values.map((v) => dateCondition(v, context.now)));
    case 'number':
      return anyEntry(path, clause.values.map((v) => numberCondition('n', numberBounds(v))));
    case 'quantity':
      return anyEntry(path, clause.values.map(quantityCondition));
    case 'uri':
      return anyEntry(path, clause.values.map((v) => uriCondition(clause.match, v)));
    case 'reference':
      return anyEntry(path, clause.tests.map(referenceCondition));
    case 'composite':
      return anyEntry(path, clause.values.map((v) => compositeCondition(v, clause.name, context.terminology, context.now)));
  }
}

/** `:missing` (search.html#missing): `sp.<code>` is present exactly when the resource has a value for it. */
function missingCondition(clause: Extract<ResolvedClause, { kind: 'missing' }>, path: string): Filter {
  const field = clause.param.documentField;
  // Every resource has an id and a lastUpdated.
  if (field) return clause.missing ? { _id: { $in: [] } } : {};
  return { [path]: { $exists: !clause.missing } };
}

/** Some entry of `path` matches one of the conditions. */
function anyEntry(path: string, conditions: EntryCondition[]): Filter {
  const merged = asIn(conditions);
  if (merged) return { [path]: { $elemMatch: merged } };
  return anyOf(conditions.map((c) => ({ [path]: { $elemMatch: c } })));
}

function anyOf(filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0] : { $or: filters };
}

/**
 * `{c: 'a'}`, `{c: {$in: ['b', 'c']}}` -> `{c: {$in: ['a', 'b', 'c']}}`: alternatives that are equalities on one
 * field become one `$in`, which an index serves as a single list of keys.
 */
function asIn(conditions: EntryCondition[]): EntryCondition | undefined {
  if (conditions.length === 1) return conditions[0];
  const values: unknown[] = [];
  let field: string | undefined;
  for (const c of conditions) {
    const keys = Object.keys(c);
    if (keys.length !== 1 || keys[0].startsWith('$') || (field !== undefined && keys[0] !== field)) return undefined;
    field = keys[0];
    const equal = equalities(c[field]);
    if (!equal) return undefined;
    values.push(...equal);
  }
  return field === undefined ? undefined : { [field]: { $in: values } };
}

function equalities(value: unknown): unknown[] | undefined {
  if (typeof value === 'string' || typeof value === 'number') return [value];
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 1 && Array.isArray((value as { $in?: unknown }).$in)) {
    return (value as { $in: unknown[] }).$in;
  }
  return undefined;
}
