import { badRequest } from '../../../errors/fhir-error';
import { searchParameterFor } from '../../indexing/search-parameter-registry';
import type { SortDirection } from '../../../storage/port';
import type { SortRequest } from '../parse/result-parameters';

/**
 * A sort key as the store sorts it: a document field path and a direction. `_sort` (R4 search.html#sort) names
 * search parameters; each sorts by one field of its index entries (index-format.ts). The store sorts an array the
 * way MongoDB does (ascending by its smallest value, descending by its largest), so a date sorts ascending by the
 * earliest start among its values and descending by the latest end, and `name` by the first (or last) of all the
 * name parts in alphabetical order (`family` sorts by family names only).
 */
export interface SortKey {
  path: string;
  direction: SortDirection;
}

/** `_id` and `lastUpdated` hold one value in every document; every `sp` path is an array of entries. */
export function isSingleValued(path: string): boolean {
  return path === '_id' || path === 'lastUpdated';
}

const ENTRY_FIELD: Readonly<Record<string, string | undefined>> = {
  string: 'f',
  token: 'c',
  reference: 'r',
  number: 'n',
  quantity: 'v',
  uri: 'u',
};

export function sortKeys(type: string, requests: readonly SortRequest[]): SortKey[] {
  return requests.map(({ code, descending }) => {
    const direction: SortDirection = descending ? -1 : 1;
    const param = searchParameterFor(type, code);
    if (!param) throw badRequest(`${type} has no search parameter '${code}' to sort by`, '_sort');
    if (param.documentField) return { path: param.documentField, direction };
    if (param.type === 'date') return { path: `sp.${code}.${descending ? 'hi' : 'lo'}`, direction };
    const field = ENTRY_FIELD[param.type];
    if (!field) throw badRequest(`Sorting by ${param.type} parameter '${code}' is not supported`, '_sort', 'not-supported');
    return { path: `sp.${code}.${field}`, direction };
  });
}

/**
 * The full order: the requested keys, then `_id`, so that every position is unique (keyset paging needs that).
 * With no `_sort`, results come oldest change first (`_lastUpdated`, then `_id`): the one order both stores serve
 * from an index (`lastUpdated_id`, index-specs.ts) without reading every match. Under concurrent writes a
 * created resource lands after every page already served, so it never shifts one; an updated resource moves to
 * the end, where it is served again with its new content, and is never skipped.
 */
export function fullOrder(keys: readonly SortKey[]): SortKey[] {
  if (keys.length === 0) return [{ path: 'lastUpdated', direction: 1 }, { path: '_id', direction: 1 }];
  const id = keys.findIndex((k) => k.path === '_id');
  return id >= 0 ? keys.slice(0, id + 1) : [...keys, { path: '_id', direction: 1 }];
}
