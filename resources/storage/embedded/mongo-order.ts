import type { SortSpec } from '../port';
import { valuesAtPath } from './paths';

/**
 * Ordering of values and documents as MongoDB sorts them, for the types this server stores: missing and null
 * first, then numbers, then strings (by code point, MongoDB's binary comparison without collation), then
 * booleans. A multikey field sorts by its smallest element ascending and its largest descending
 * (https://www.mongodb.com/docs/manual/reference/method/cursor.sort/#sort-with-arrays).
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === RANK_NUMBER) return (a as number) - (b as number);
  if (ra === RANK_STRING) return compareCodePoints(a as string, b as string);
  if (ra === RANK_BOOLEAN) return Number(a) - Number(b);
  return 0;
}

const RANK_NULL = 0;
const RANK_NUMBER = 1;
const RANK_STRING = 2;
const RANK_OTHER = 3;
const RANK_BOOLEAN = 4;

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return RANK_NULL;
  if (typeof v === 'number') return RANK_NUMBER;
  if (typeof v === 'string') return RANK_STRING;
  if (typeof v === 'boolean') return RANK_BOOLEAN;
  return RANK_OTHER;
}

/** JS compares UTF-16 code units; MongoDB compares UTF-8 bytes, i.e. code points. They differ only past U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const surrogateA = ca >= 0xd800 && ca <= 0xdfff;
    const surrogateB = cb >= 0xd800 && cb <= 0xdfff;
    if (surrogateA === surrogateB) return ca - cb;
    return surrogateA ? 1 : -1;
  }
  return a.length - b.length;
}

/** The value a document sorts by on one key and direction. */
export function sortKey(doc: unknown, path: string, direction: 1 | -1): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = values[i];
  }
  return best;
}

export function documentComparator(sort: SortSpec): (a: unknown, b: unknown) => number {
  return (a, b) => {
    for (const [path, direction] of sort) {
      const c = compareValues(sortKey(a, path, direction), sortKey(b, path, direction));
      if (c !== 0) return direction * c;
    }
    return 0;
  };
}
