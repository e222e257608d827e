import type { OperationOutcome, Resource } from 'fhir/r4';
import type { AccessContext } from '../../../access/access-context';
import { isFhirError, operationOutcome, type IssueInput } from '../../../errors/fhir-error';
import type { ResourceDocument } from '../../../repository/resource-document';
import type { StoreSession } from '../../../storage/port';
import type { SearchEntryInfo, SearchRequest, SearchResult } from '../../search-engine';
import { accessFilter } from '../access-filter';
import { pageLinks, searchUrl } from '../bundle/page-links';
import { searchsetBundle, type PageEntry } from '../bundle/searchset';
import type { EngineSettings } from '../engine-settings';
import { applyElements } from '../summary/apply-elements';
import { applySummary } from '../summary/apply-summary';
import { fetchPage, type Page, type Row } from './fetch-page';
import { findIncludes, type Found } from './includes';
import { decodePageToken, encodePageToken, type PagePosition } from './page-token';
import { planSearch, type SearchPlan } from './plan-search';

/** A search from request to searchset Bundle: plan, one page, its total, its includes, the Bundle. */
export async function runSearch(settings: EngineSettings, ctx: AccessContext, request: SearchRequest, session: StoreSession): Promise<SearchResult> {
  const plan = await planSearch(settings, ctx, request, session);
  const keys = plan.sources[0].keys;
  const position = plan.parsed.page ? decodePageToken(plan.parsed.page, keys) : undefined;
  const page: Page = plan.count === 0 ? { rows: [], hasNext: false, hasPrevious: false } : await fetchPage(session, plan.sources, plan.count, position);
  const total = await totalOf(plan, page, position, session);

  const matches: Found[] = page.rows.map((r) => ({ type: r.type, doc: r.doc }));
  const { included, truncated } = await findIncludes(matches, plan.parsed.includes, plan.parsed.revincludes, {
    session,
    readable: (type) => readable(settings, ctx, type, plan),
    maxIncludes: settings.maxIncludes,
  });

  const entries: PageEntry[] = [...matches.map((f) => entry(f, 'match', plan)), ...included.map((f) => entry(f, 'include', plan))];
  const tokens = {
    current: plan.parsed.page,
    next: page.hasNext && page.rows.length > 0 ? tokenFor('next', page.rows[page.rows.length - 1], keys) : undefined,
    previous: page.hasPrevious && page.rows.length > 0 ? tokenFor('previous', page.rows[0], keys) : undefined,
  };
  const bundle = searchsetBundle({
    fhirBase: settings.fhirBase,
    entries,
    links: pageLinks(searchUrl(settings.fhirBase, request.resourceType, request.compartment), plan.linkParams, tokens),
    total,
    outcome: warnings(plan, truncated, settings.maxIncludes),
    now: settings.clock(),
  });
  return { bundle, entries: [...matches.map((f) => info(f, 'match')), ...included.map((f) => info(f, 'include'))] };
}

/**
 * Bundle.total (search.html#total): counted when asked (`_total=accurate` or `estimate`, `_summary=count`), left
 * out with `_total=none`, and otherwise given only when it is known for free: a first page that holds everything.
 */
async function totalOf(plan: SearchPlan, page: Page, position: PagePosition | undefined, session: StoreSession): Promise<number | undefined> {
  const asked = plan.parsed.total;
  if (asked === 'none') return undefined;
  if (asked === 'accurate' || asked === 'estimate' || plan.count === 0) {
    const counts = await Promise.all(plan.sources.map((s) => session.collection(s.type).count(s.filter)));
    return counts.reduce((a, b) => a + b, 0);
  }
  return position === undefined && !page.hasNext ? page.rows.length : undefined;
}

/** Included resources are read, not searched: the caller's read access decides, and a type they may not read is skipped. */
function readable(settings: EngineSettings, ctx: AccessContext, type: string, plan: SearchPlan) {
  try {
    return accessFilter(ctx, type, 'r', settings.fhirBase, plan.compile);
  } catch (e) {
    if (isFhirError(e) && e.kind === 'forbidden') return null;
    throw e;
  }
}

function entry(found: Found, mode: PageEntry['mode'], plan: SearchPlan): PageEntry {
  let resource = JSON.parse(found.doc.json!) as Resource;
  if (plan.parsed.summary) resource = applySummary(resource, plan.parsed.summary);
  if (plan.parsed.elements) resource = applyElements(resource, plan.parsed.elements);
  return { type: found.type, id: found.doc._id, resource, mode };
}

function info(found: Found, mode: SearchEntryInfo['mode']): SearchEntryInfo {
  const doc: ResourceDocument = found.doc;
  return { type: found.type, id: doc._id, versionId: doc.versionId, mode, compartments: doc.compartments };
}

function tokenFor(direction: PagePosition['direction'], row: Row, keys: SearchPlan['sources'][number]['keys']): string {
  return encodePageToken({ direction, values: row.values, type: row.type }, keys);
}

function warnings(plan: SearchPlan, truncated: boolean, maxIncludes: number): OperationOutcome | undefined {
  const issues: IssueInput[] = [];
  if (plan.ignored.length > 0) {
    issues.push({
      severity: 'warning',
      code: 'not-supported',
      diagnostics: `Ignored unknown or unsupported search parameters: ${plan.ignored.join(', ')} (they are not in the self link)`,
      expression: plan.ignored,
    });
  }
  if (truncated) {
    issues.push({ severity: 'warning', code: 'too-costly', diagnostics: `This page includes the first ${maxIncludes} resources of _include/_revinclude only` });
  }
  return issues.length > 0 ? operationOutcome(issues) : undefined;
}
