import type { SearchEngine } from '../search-engine';
import type { DocumentStore } from '../../storage/port';
import { accessFilter, allows } from './access-filter';
import { r4Terminology, type Terminology } from './compile/terminology';
import type { EngineSettings } from './engine-settings';
import { findMatches } from './execute/find-matches';
import { runSearch } from './execute/run-search';

export interface SearchEngineOptions {
  store: DocumentStore;
  fhirBase: string;
  defaultPageSize: number;
  maxPageSize: number;
  /** Default 1,000: an `$in` list of that size is still one index lookup per value in both stores. */
  maxChainedMatches?: number;
  /** Default 1,000 resources included per page. */
  maxIncludes?: number;
  /** Default: the R4 definitions' value sets and code systems (resources/terminology). */
  terminology?: Terminology;
  clock?: () => number;
}

/**
 * The query side of FHIR search (R4 search.html): parse the request into typed clauses, compile them to MongoDB
 * filters over the index values stored with each resource (index-format.ts), run them on the store, and page
 * the result into a searchset Bundle. Holds no state between requests: any server process serves any page.
 */
export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const settings: EngineSettings = {
    store: options.store,
    fhirBase: options.fhirBase,
    defaultPageSize: options.defaultPageSize,
    maxPageSize: options.maxPageSize,
    maxChainedMatches: options.maxChainedMatches ?? 1000,
    maxIncludes: options.maxIncludes ?? 1000,
    terminology: options.terminology ?? r4Terminology,
    clock: options.clock ?? Date.now,
  };
  const compileContext = () => ({ terminology: settings.terminology, now: settings.clock() });
  return {
    search: (ctx, request, session) => runSearch(settings, ctx, request, session ?? settings.store),
    findMatches: (ctx, type, query, limit, permission, session) =>
      findMatches(settings, ctx, type, query, limit, permission, session ?? settings.store),
    accessFilter: (ctx, type, permission) => accessFilter(ctx, type, permission, settings.fhirBase, compileContext()),
    allows: (ctx, type, permission, doc) => allows(ctx, type, permission, doc, settings.fhirBase, compileContext()),
  };
}
