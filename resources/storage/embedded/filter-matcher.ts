import { Context } from 'mingo/core';
import * as queryOperators from 'mingo/operators/query';
import { Query } from 'mingo/query';
import type { Filter } from '../port';
import { compareValues } from './mongo-order';
import { valuesAtPath } from './paths';

/**
 * Tests documents against MongoDB filters: mingo, with its comparison and `$in` operators replaced for scalar
 * operands. mingo 7 does not match those through two levels of arrays (`{'a.b.c': {$gt: 1}}` on
 * `{a: [{b: [{c: 2}]}]}`; kofrasa/mingo#238), where MongoDB matches if any value reached does
 * (https://www.mongodb.com/docs/manual/tutorial/query-array-of-documents/). Other operands go to mingo's own.
 */
type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: unknown) => Predicate;

const builtIn = queryOperators as unknown as Record<string, QueryOperator>;

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

/** Paths with array positions (`a.0.b`) keep mingo's evaluation, which handles them. */
const hasPosition = (selector: string) => /(^|\.)\d+(\.|$)/.test(selector);

function comparison(name: string, accept: (order: number) => boolean): QueryOperator {
  return (selector, bound, options) => {
    if (!isScalar(bound) || hasPosition(selector)) return builtIn[name](selector, bound, options);
    // Type bracketing: only values of the bound's type compare (numbers with numbers, strings with strings).
    return (doc) => valuesAtPath(doc, selector).some((v) => typeof v === typeof bound && accept(compareValues(v, bound)));
  };
}

function membership(name: string, negate: boolean): QueryOperator {
  return (selector, list, options) => {
    if (!Array.isArray(list) || !list.every((v) => v === null || isScalar(v)) || hasPosition(selector)) {
      return builtIn[name](selector, list, options);
    }
    const wanted = new Set(list);
    const wantsNull = wanted.has(null);
    return (doc) => {
      const values = valuesAtPath(doc, selector);
      const found = values.length === 0 ? wantsNull : values.some((v) => wanted.has(v as never));
      return negate ? !found : found;
    };
  };
}

const CONTEXT = Context.init({
  query: {
    ...builtIn,
    $gt: comparison('$gt', (o) => o > 0),
    $gte: comparison('$gte', (o) => o >= 0),
    $lt: comparison('$lt', (o) => o < 0),
    $lte: comparison('$lte', (o) => o <= 0),
    $in: membership('$in', false),
    $nin: membership('$nin', true),
  },
} as never);

export function compileFilter(filter: Filter): { test(doc: unknown): boolean } {
  return topLevelEquality(filter) ?? new Query(filter, { context: CONTEXT });
}

/**
 * Filters of single-document writes are usually `{_id}` or `{_id, versionId}`: top-level fields equal to
 * scalars. Those are tested directly (equal, or an array holding the value), without compiling a query.
 */
function topLevelEquality(filter: Filter): { test(doc: unknown): boolean } | undefined {
  const entries = Object.entries(filter);
  for (const [key, value] of entries) {
    if (key.startsWith('$') || key.includes('.') || !isScalar(value)) return undefined;
  }
  return {
    test: (doc) =>
      entries.every(([key, value]) => {
        const actual = (doc as Record<string, unknown>)[key];
        return actual === value || (Array.isArray(actual) && actual.includes(value));
      }),
  };
}
