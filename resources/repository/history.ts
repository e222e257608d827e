import type { Resource } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { patientsOf, type AuditResult, type AuditSpec } from '../audit/auditor';
import { badRequest, notFound } from '../errors/fhir-error';
import { resourceTypes } from '../definitions/resource-types';
import type { Filter, SortSpec, StoreSession } from '../storage/port';
import { AccessGuard } from './access-guard';
import type { RepositoryDeps } from './repository-deps';
import { HISTORY_COLLECTION, type HistoryDocument, type ResourceDocument } from './resource-document';

export interface HistoryQuery {
  /** Absent for whole-system history. */
  type?: string;
  /** With type: one resource's history. */
  id?: string;
  count: number;
  /** Versions made at or after this instant (`_since`). */
  since?: string;
  /** Versions current at some moment of this range (`_at`), as [low, high] instants. */
  at?: readonly [string, string];
  /** Opaque page token from a previous page's links. */
  page?: string;
}

export interface HistoryPage {
  versions: HistoryDocument[];
  /** Number of versions in the whole history asked for; given for one resource's history, where it is cheap. */
  total?: number;
  next?: string;
  previous?: string;
}

/** How a history interaction is audited: as BALP's read, of one resource or of many (`query` is the request line). */
export function historyAudit(query: HistoryQuery, requestLine: string): AuditSpec {
  const interaction = query.id ? 'history-instance' : query.type ? 'history-type' : 'history-system';
  return { interaction, action: 'R', what: query.id ? `${query.type}/${query.id}` : undefined, query: requestLine };
}

/** The patients whose versions a history page shows. */
export function historyAuditResult(page: HistoryPage): AuditResult {
  return { patients: page.versions.flatMap((v) => patientsOf(v.compartments)) };
}

/** Newest first; `_id` (Type/id/version) breaks ties between versions of different resources made in the same ms. */
const NEWEST_FIRST: SortSpec = [['lastUpdated', -1], ['_id', -1]];
const OLDEST_FIRST: SortSpec = [['lastUpdated', 1], ['_id', 1]];

/** `_at` needs every version up to its end; past this many, the client is asked to narrow the request. */
const MAX_AT_SCAN = 50_000;

/**
 * History (R4 http.html#history), paged by keyset: a page token names the last version shown and the
 * direction, so pages stay correct while new versions are written (they arrive at the top, never shifting
 * later pages).
 */
export async function readHistory(deps: RepositoryDeps, session: StoreSession, ctx: AccessContext, query: HistoryQuery): Promise<HistoryPage> {
  const guard = new AccessGuard(() => deps.engine);
  const filter: Filter = { ...scopeFilter(query), ...(await accessFilter(session, guard, ctx, query)) };
  if (query.since) filter.lastUpdated = { $gte: query.since };
  const history = session.collection<HistoryDocument>(HISTORY_COLLECTION);
  const visible = (v: HistoryDocument) => permitted(deps, guard, ctx, v);

  if (query.at) {
    const all = (await history.find({ ...filter, lastUpdated: { $lte: query.at[1] } }, { sort: NEWEST_FIRST, limit: MAX_AT_SCAN + 1 }))
      .filter(visible);
    if (all.length > MAX_AT_SCAN) throw badRequest(`_at covers more than ${MAX_AT_SCAN} versions; add _since or narrow the type`, undefined, 'too-costly');
    return pageInMemory(currentDuring(all, query.at[0]), query);
  }

  const cursor = query.page ? decodePage(query.page) : undefined;
  const forward = !cursor || cursor.direction === 'next';
  const pageFilter = cursor ? { $and: [filter, beyond(cursor)] } : filter;
  const rows = (await history.find(pageFilter, { sort: forward ? NEWEST_FIRST : OLDEST_FIRST, limit: query.count + 1 })).filter(visible);
  const more = rows.length > query.count;
  const versions = rows.slice(0, query.count);
  if (!forward) versions.reverse();
  const page: HistoryPage = { versions };
  if (versions.length > 0) {
    const newest = versions[0];
    const oldest = versions[versions.length - 1];
    // Going forward, `more` means older versions remain; going back, that newer ones do. The way we came
    // from always has more.
    if (forward ? more : true) page.next = encodePage('next', oldest);
    if (forward ? cursor !== undefined : more) page.previous = encodePage('previous', newest);
  }
  if (query.type && query.id) page.total = (await history.find(filter, { projection: ['_id'] })).filter(visible).length;
  return page;
}

function scopeFilter(query: HistoryQuery): Filter {
  if (query.type && query.id) return { type: query.type, id: query.id };
  if (query.type) return { type: query.type };
  return {};
}

/**
 * Restricts history to what the caller may read: types it holds a read grant on, and, when every grant is
 * tied to compartments, those compartments. Granular (query) grants are checked per version afterwards.
 */
async function accessFilter(
  session: StoreSession,
  guard: AccessGuard,
  ctx: AccessContext,
  query: HistoryQuery,
): Promise<Filter> {
  if (query.type && query.id) {
    guard.require(ctx, query.type, 'r');
    const current = await session.collection<ResourceDocument>(query.type).findById(query.id);
    if (!current || !guard.permits(ctx, query.type, 'r', current)) throw notFound(query.type, query.id);
    return {};
  }
  const types = query.type ? [query.type] : [...resourceTypes()];
  if (query.type) guard.require(ctx, query.type, 'r');
  const granted = types.filter((t) => ctx.policy.grants(t, 'r').length > 0);
  const compartments = new Set<string>();
  let unrestrictedCompartments = false;
  for (const t of granted) {
    for (const g of ctx.policy.grants(t, 'r')) {
      if (g.compartment === undefined) unrestrictedCompartments = true;
      else compartments.add(g.compartment);
    }
  }
  const filter: Filter = {};
  if (!query.type && granted.length < types.length) filter.type = { $in: granted };
  if (!unrestrictedCompartments) filter.compartments = { $in: [...compartments] };
  return filter;
}

function permitted(deps: RepositoryDeps, guard: AccessGuard, ctx: AccessContext, version: HistoryDocument): boolean {
  const grants = ctx.policy.grants(version.type, 'r');
  if (grants.some((g) => g.compartment === undefined && g.query === undefined)) return true;
  if (grants.length === 0) return false;
  const sp = version.json ? deps.indexer.index(JSON.parse(version.json) as Resource).sp : {};
  return guard.permits(ctx, version.type, 'r', { _id: version.id, compartments: version.compartments, sp });
}

/** Versions current at some moment at or after `low` (the caller already cut everything after the high end). */
function currentDuring(newestFirst: HistoryDocument[], low: string): HistoryDocument[] {
  const seenBeforeLow = new Set<string>();
  return newestFirst.filter((v) => {
    if (v.lastUpdated >= low) return true;
    const key = `${v.type}/${v.id}`;
    if (seenBeforeLow.has(key)) return false;
    seenBeforeLow.add(key);
    return true;
  });
}

function pageInMemory(newestFirst: HistoryDocument[], query: HistoryQuery): HistoryPage {
  const offset = query.page ? Number(Buffer.from(query.page, 'base64url').toString().replace(/^o:/, '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('Invalid history page token', '_page');
  const versions = newestFirst.slice(offset, offset + query.count);
  const page: HistoryPage = { versions, total: newestFirst.length };
  if (offset + query.count < newestFirst.length) page.next = Buffer.from(`o:${offset + query.count}`).toString('base64url');
  if (offset > 0) page.previous = Buffer.from(`o:${Math.max(0, offset - query.count)}`).toString('base64url');
  return page;
}

interface Cursor {
  direction: 'next' | 'previous';
  lastUpdated: string;
  id: string;
}

function encodePage(direction: Cursor['direction'], at: HistoryDocument): string {
  return Buffer.from(JSON.stringify([direction === 'next' ? 'n' : 'p', at.lastUpdated, at._id])).toString('base64url');
}

function decodePage(token: string): Cursor {
  try {
    const [d, lastUpdated, id] = JSON.parse(Buffer.from(token, 'base64url').toString()) as [string, string, string];
    if ((d === 'n' || d === 'p') && typeof lastUpdated === 'string' && typeof id === 'string') {
      return { direction: d === 'n' ? 'next' : 'previous', lastUpdated, id };
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest('Invalid history page token', '_page');
}

/** Versions strictly older (next page) or newer (previous page) than the cursor, in (lastUpdated, _id) order. */
function beyond(cursor: Cursor): Filter {
  const op = cursor.direction === 'next' ? '$lt' : '$gt';
  return { $or: [{ lastUpdated: { [op]: cursor.lastUpdated } }, { lastUpdated: cursor.lastUpdated, _id: { [op]: cursor.id } }] };
}
