import type { Bundle, BundleEntry, BundleLink, Resource } from 'fhir/r4';
import { parseDateRange } from '../datatypes/date-range';
import { badRequest } from '../errors/fhir-error';
import type { PageSizes, QueryParams } from '../operations/request-parameters';
import type { HistoryPage, HistoryQuery } from './history';
import type { HistoryDocument } from './resource-document';

/** Whose history: the whole system (neither), a type, or one resource (both). */
export interface HistoryScope {
  type?: string;
  id?: string;
}

/**
 * A history interaction's parameters (R4 http.html#history: `_count`, `_since`, `_at`) and this server's `_page`
 * token, read the same way whether it came as `GET [base]/Patient/1/_history` or as a Bundle entry.
 */
export function historyQuery(scope: HistoryScope, params: QueryParams, sizes: PageSizes): HistoryQuery {
  const param = (name: string) => params.find(([k]) => k === name)?.[1];
  const query: HistoryQuery = { ...scope, count: pageSize(param('_count'), sizes.defaultPageSize, sizes.maxPageSize), page: param('_page') };
  const since = param('_since');
  if (since !== undefined) query.since = instant(since, '_since')[0];
  const at = param('_at');
  if (at !== undefined) query.at = instant(at, '_at');
  return query;
}

function pageSize(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`_count must be a non-negative integer, got '${raw}'`, '_count');
  return Math.min(Number(raw), max);
}

function instant(value: string, name: string): readonly [string, string] {
  const range = parseDateRange(value);
  if (!range) throw badRequest(`${name} must be a FHIR instant or date such as 2024-01-31T10:00:00Z, got '${value}'`, name);
  return range;
}

/** One page of history as a `history` Bundle, with self, first, next and previous links that keep the parameters. */
export function historyBundle(fhirBase: string, scope: HistoryScope, params: QueryParams, page: HistoryPage): Bundle {
  const bundle: Bundle = { resourceType: 'Bundle', type: 'history' };
  if (page.total !== undefined) bundle.total = page.total;
  bundle.link = links(fhirBase, scope, params, page);
  bundle.entry = page.versions.map((v) => entry(fhirBase, v));
  return bundle;
}

function links(fhirBase: string, scope: HistoryScope, params: QueryParams, page: HistoryPage): BundleLink[] {
  const path = [scope.type, scope.id, '_history'].filter(Boolean).join('/');
  const url = (pageToken?: string) => {
    const query = new URLSearchParams();
    for (const [k, v] of params) if (k !== '_page') query.append(k, v);
    if (pageToken) query.set('_page', pageToken);
    const qs = query.toString();
    return `${fhirBase}/${path}${qs ? `?${qs}` : ''}`;
  };
  const result: BundleLink[] = [
    { relation: 'self', url: url(params.find(([k]) => k === '_page')?.[1]) },
    { relation: 'first', url: url() },
  ];
  if (page.next) result.push({ relation: 'next', url: url(page.next) });
  if (page.previous) result.push({ relation: 'previous', url: url(page.previous) });
  return result;
}

function entry(fhirBase: string, v: HistoryDocument): BundleEntry {
  const e: BundleEntry = { fullUrl: `${fhirBase}/${v.type}/${v.id}` };
  if (v.json) e.resource = JSON.parse(v.json) as Resource;
  e.request = { method: v.method, url: v.method === 'POST' ? v.type : `${v.type}/${v.id}` };
  const status = v.deleted ? '204 No Content' : v.versionId === 1 ? '201 Created' : '200 OK';
  e.response = { status, etag: `W/"${v.versionId}"`, lastModified: v.lastUpdated };
  return e;
}
