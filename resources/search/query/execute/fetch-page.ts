import type { ResourceDocument } from '../../../repository/resource-document';
import { compareValues, sortKey } from '../../../storage/embedded/mongo-order';
import type { Filter, SortSpec, StoreSession } from '../../../storage/port';
import { afterPosition, beforePosition, type SortValue } from './keyset';
import type { PagePosition } from './page-token';
import { isSingleValued, type SortKey } from './sort-order';

/** What one collection contributes to a search: its type, the full filter, and the order (ending with `_id`). */
export interface Source {
  type: string;
  filter: Filter;
  keys: SortKey[];
}

/** One matched resource with its position in the sort order. */
export interface Row {
  type: string;
  doc: ResourceDocument;
  values: SortValue[];
}

export interface Page {
  rows: Row[];
  /** More results follow the last row. */
  hasNext: boolean;
  /** Results precede the first row. */
  hasPrevious: boolean;
}

/**
 * A previous page over an array sort key cannot be read by reversing the order (reversed, MongoDB would sort the
 * array by its other end), so it is read forward from an offset near its end. The offset comes from a count; this
 * many extra rows cover resources written between the count and the read.
 */
const COUNT_SLACK = 20;

/**
 * Reads one page in the order of the sources' keys, over one collection or several (system search, merged in
 * memory with the same ordering the store uses, ties between collections broken by type name). See keyset.ts.
 */
export async function fetchPage(session: StoreSession, sources: readonly Source[], count: number, position?: PagePosition): Promise<Page> {
  if (position?.direction === 'previous') return fetchPrevious(session, sources, count, position);
  const lists = await Promise.all(
    sources.map((source) => {
      const filter = position ? { $and: [source.filter, afterPosition(source.keys, position.values, source.type > position.type)] } : source.filter;
      return readRows(session, source, filter, { sort: sortSpec(source.keys), limit: count + 1 });
    }),
  );
  const merged = merge(lists, sources[0]?.keys ?? []).slice(0, count + 1);
  return { rows: merged.slice(0, count), hasNext: merged.length > count, hasPrevious: position !== undefined };
}

async function fetchPrevious(session: StoreSession, sources: readonly Source[], count: number, position: PagePosition): Promise<Page> {
  const lists = await Promise.all(
    sources.map(async (source) => {
      const filter = { $and: [source.filter, beforePosition(source.keys, position.values, source.type < position.type)] };
      if (source.keys.every((k) => isSingleValued(k.path))) {
        const reversed = source.keys.map((k) => ({ path: k.path, direction: k.direction === 1 ? -1 : 1 }) as SortKey);
        return (await readRows(session, source, filter, { sort: sortSpec(reversed), limit: count + 1 })).reverse();
      }
      const preceding = await session.collection<ResourceDocument>(source.type).count(filter);
      const skip = Math.max(0, preceding - count - 1 - COUNT_SLACK);
      const rows = await readRows(session, source, filter, { sort: sortSpec(source.keys), skip, limit: count + 1 + 2 * COUNT_SLACK });
      return rows.slice(-(count + 1));
    }),
  );
  const merged = merge(lists, sources[0]?.keys ?? []).slice(-(count + 1));
  const hasPrevious = merged.length > count;
  return { rows: hasPrevious ? merged.slice(1) : merged, hasNext: true, hasPrevious };
}

async function readRows(session: StoreSession, source: Source, filter: Filter, options: { sort: SortSpec; skip?: number; limit: number }): Promise<Row[]> {
  const docs = await session.collection<ResourceDocument>(source.type).find(filter, options);
  return docs.map((doc) => ({ type: source.type, doc, values: positionOf(doc, source.keys) }));
}

/** A document's sort values, computed exactly as the store sorts (mongo-order.ts mirrors MongoDB). */
export function positionOf(doc: ResourceDocument, keys: readonly SortKey[]): SortValue[] {
  return keys.map((k) => {
    const value = sortKey(doc, k.path, k.direction);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  });
}

function sortSpec(keys: readonly SortKey[]): SortSpec {
  return keys.map((k) => [k.path, k.direction] as const);
}

/** The rows of all sources in one order; each list is already in order, and keys agree in direction across types. */
function merge(lists: Row[][], keys: readonly SortKey[]): Row[] {
  const rows = lists.flat();
  if (lists.length > 1) {
    rows.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compareValues(a.values[i], b.values[i]);
        if (c !== 0) return c * keys[i].direction;
      }
      return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
    });
  }
  return rows;
}
