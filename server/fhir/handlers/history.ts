import type { Bundle, BundleEntry, BundleLink, Resource } from 'fhir/r4';
import { parseDateRange } from '../../../resources/datatypes/date-range';
import { badRequest } from '../../../resources/errors/fhir-error';
import type { HistoryPage, HistoryQuery } from '../../../resources/repository/history';
import type { HistoryDocument } from '../../../resources/repository/resource-document';
import { queryParam, type FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';

/** History of one resource, a type, or the whole system (R4 http.html#history), as a `history` Bundle. */
export async function history(req: FhirRequest, { repository, config }: FhirServices): Promise<FhirResponse> {
  const query: HistoryQuery = {
    type: req.params.type,
    id: req.params.id,
    count: pageSize(queryParam(req, '_count'), config.defaultPageSize, config.maxPageSize),
    page: queryParam(req, '_page'),
  };
  const since = queryParam(req, '_since');
  if (since !== undefined) query.since = instant(since, '_since')[0];
  const at = queryParam(req, '_at');
  if (at !== undefined) query.at = instant(at, '_at');
  const page = await repository.history(req.ctx, query);
  return { status: 200, resource: historyBundle(req, page) };
}

export function pageSize(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`_count must be a non-negative integer, got '${raw}'`, '_count');
  return Math.min(Number(raw), max);
}

function instant(value: string, name: string): readonly [string, string] {
  const range = parseDateRange(value);
  if (!range) throw badRequest(`${name} must be a FHIR instant or date such as 2024-01-31T10:00:00Z, got '${value}'`, name);
  return range;
}

function historyBundle(req: FhirRequest, page: HistoryPage): Bundle {
  const bundle: Bundle = { resourceType: 'Bundle', type: 'history' };
  if (page.total !== undefined) bundle.total = page.total;
  bundle.link = links(req, page);
  bundle.entry = page.versions.map((v) => entry(req, v));
  return bundle;
}

function links(req: FhirRequest, page: HistoryPage): BundleLink[] {
  const path = [req.params.type, req.params.id, '_history'].filter(Boolean).join('/');
  const url = (pageToken?: string) => {
    const params = new URLSearchParams();
    for (const [k, v] of req.query) if (k !== '_page') params.append(k, v);
    if (pageToken) params.set('_page', pageToken);
    const qs = params.toString();
    return `${req.fhirBase}/${path}${qs ? `?${qs}` : ''}`;
  };
  const result: BundleLink[] = [
    { relation: 'self', url: url(queryParam(req, '_page')) },
    { relation: 'first', url: url() },
  ];
  if (page.next) result.push({ relation: 'next', url: url(page.next) });
  if (page.previous) result.push({ relation: 'previous', url: url(page.previous) });
  return result;
}

function entry(req: FhirRequest, v: HistoryDocument): BundleEntry {
  const fullUrl = `${req.fhirBase}/${v.type}/${v.id}`;
  const e: BundleEntry = { fullUrl };
  if (v.json) e.resource = JSON.parse(v.json) as Resource;
  e.request = { method: v.method, url: v.method === 'POST' ? v.type : `${v.type}/${v.id}` };
  const status = v.deleted ? '204 No Content' : v.versionId === 1 ? '201 Created' : '200 OK';
  e.response = { status, etag: `W/"${v.versionId}"`, lastModified: v.lastUpdated };
  return e;
}
