import type { IndexSpec } from '../port';
import { pathCrossesArray, valuesAtPath } from './paths';

export type Scalar = string | number | boolean;
export type IndexValue = Scalar | null;

/**
 * Index keys are LMDB keys, limited to ~2 KB in all, so long strings are cut to a prefix. Truncation keeps
 * order (a prefix sorts before or with the whole), so a lookup by the truncated value still finds a superset of
 * matches, and the full filter is re-checked on every candidate document.
 */
export const MAX_INDEXED_STRING = 120;

export function indexable(value: Scalar): Scalar {
  return typeof value === 'string' && value.length > MAX_INDEXED_STRING ? value.slice(0, MAX_INDEXED_STRING) : value;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The value tuples a document contributes to an index: one per combination of the values of its key paths
 * (multikey). A path with no scalar value contributes null, as MongoDB indexes a missing field as null.
 */
export function indexTuples(doc: unknown, spec: IndexSpec): IndexValue[][] {
  const tuples = allTuples(doc, spec);
  // A sparse index leaves out documents that have none of its fields (MongoDB's rule for sparse indexes).
  if (spec.sparse && tuples.length === 1 && tuples[0].every((v) => v === null)) return [];
  return tuples;
}

function allTuples(doc: unknown, spec: IndexSpec): IndexValue[][] {
  let tuples: IndexValue[][] = [[]];
  for (const [path] of spec.keys) {
    const values = [...new Set(valuesAtPath(doc, path).filter(isScalar).map(indexable))];
    const column: IndexValue[] = values.length > 0 ? values : [null];
    if (column.length === 1) {
      for (const t of tuples) t.push(column[0]);
    } else {
      const next: IndexValue[][] = [];
      for (const t of tuples) for (const v of column) next.push([...t, v]);
      tuples = next;
    }
  }
  return tuples;
}

export function crossesArray(doc: unknown, spec: IndexSpec): boolean {
  return spec.keys.some(([path]) => pathCrossesArray(doc, path));
}

/**
 * Index values go into LMDB keys as (type tag, value) pairs. The tags order types as MongoDB does (null, then
 * numbers, then strings, then booleans; LMDB's own order puts booleans first), and no key part is ever null:
 * lmdb-js reads `[..., null, null, id]` back as `[..., null, id]`, which would corrupt compound keys.
 */
const TAG_NULL = 0;
const TAG_NUMBER = 1;
const TAG_STRING = 2;
const TAG_BOOLEAN = 3;

export function typeTag(value: IndexValue): number {
  if (value === null) return TAG_NULL;
  if (typeof value === 'number') return TAG_NUMBER;
  if (typeof value === 'string') return TAG_STRING;
  return TAG_BOOLEAN;
}

export function encodeValue(value: IndexValue): [number, string | number] {
  if (value === null) return [TAG_NULL, 0];
  if (typeof value === 'boolean') return [TAG_BOOLEAN, value ? 1 : 0];
  return [typeTag(value), value];
}

export function encodeTuple(tuple: readonly IndexValue[]): (string | number)[] {
  return tuple.flatMap(encodeValue);
}

export function decodeValue(tag: number, value: string | number): IndexValue {
  if (tag === TAG_NULL) return null;
  if (tag === TAG_BOOLEAN) return value === 1;
  return value;
}
