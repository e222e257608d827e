import type { Filter } from '../../../storage/port';
import { isSingleValued, type SortKey } from './sort-order';

/**
 * Keyset paging (https://use-the-index-luke.com/no-offset): a page starts right after (or ends right before) the
 * position of one resource in the sort order, given by its sort values. Resources inserted or deleted elsewhere
 * do not shift the pages, and nothing is kept between requests, so any server process can serve any page.
 *
 * Sort paths over `sp` are arrays, ordered as MongoDB orders them: ascending by the smallest value, descending by
 * the largest, with a missing value (null) first ascending and last descending. "Sorts after x" is therefore
 * said about all values of the array, not some: ascending, min > x means no value <= x (`$not: {$lte: x}`);
 * descending, max < x means no value >= x. Single-valued fields (`_id`, `lastUpdated`) take plain comparisons,
 * which indexes serve directly.
 */
export type SortValue = string | number | boolean | null;

/** Documents strictly after the position (values, in key order) in the order of `keys`; `orEqual` also takes ties. */
export function afterPosition(keys: readonly SortKey[], values: readonly SortValue[], orEqual: boolean): Filter {
  return beyond(keys, values, orEqual, after);
}

/** Documents strictly before the position in the order of `keys`; `orEqual` also takes ties. */
export function beforePosition(keys: readonly SortKey[], values: readonly SortValue[], orEqual: boolean): Filter {
  return beyond(keys, values, orEqual, before);
}

type Side = (key: SortKey, value: SortValue) => Filter | undefined;

/** (k1 beyond) or (k1 equal and k2 beyond) or ... or (all equal, when orEqual). */
function beyond(keys: readonly SortKey[], values: readonly SortValue[], orEqual: boolean, side: Side): Filter {
  const branches: Filter[] = [];
  const equalSoFar: Filter[] = [];
  keys.forEach((key, i) => {
    const strictly = side(key, values[i]);
    if (strictly) branches.push(all([...equalSoFar, strictly]));
    equalSoFar.push(equal(key, values[i]));
  });
  if (orEqual) branches.push(all(equalSoFar));
  if (branches.length === 0) return NOTHING;
  return branches.length === 1 ? branches[0] : { $or: branches };
}

const NOTHING: Filter = { _id: { $in: [] } };

function all(filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0] : { $and: filters };
}

function equal(key: SortKey, value: SortValue): Filter {
  if (value === null) return { [key.path]: { $exists: false } };
  if (isSingleValued(key.path)) return { [key.path]: value };
  // The array's smallest (ascending) or largest (descending) value is exactly `value`.
  return { [key.path]: { $eq: value, $not: key.direction === 1 ? { $lt: value } : { $gt: value } } };
}

function after(key: SortKey, value: SortValue): Filter | undefined {
  const { path, direction } = key;
  if (isSingleValued(path)) return value === null ? undefined : { [path]: direction === 1 ? { $gt: value } : { $lt: value } };
  if (direction === 1) {
    if (value === null) return { [path]: { $exists: true } };
    // `$gt` alone would also take arrays with a value below; it stays to let an index bound the scan.
    return { [path]: { $gt: value, $not: { $lte: value } } };
  }
  // Descending: a missing value sorts last, so it is after any value (and `$not` matches it).
  return value === null ? undefined : { [path]: { $not: { $gte: value } } };
}

function before(key: SortKey, value: SortValue): Filter | undefined {
  const { path, direction } = key;
  if (isSingleValued(path)) return value === null ? undefined : { [path]: direction === 1 ? { $lt: value } : { $gt: value } };
  if (direction === 1) {
    if (value === null) return undefined;
    return { $or: [{ [path]: { $lt: value } }, { [path]: { $exists: false } }] };
  }
  if (value === null) return { [path]: { $exists: true } };
  return { [path]: { $gt: value } };
}
