import type { DocumentStore } from '../../storage/port';
import type { Terminology } from './compile/terminology';

/** What the search engine is configured with; createSearchEngine fills in the defaults. */
export interface EngineSettings {
  store: DocumentStore;
  /** This server's FHIR base URL: fullUrls, links, and recognizing this server's own absolute references. */
  fhirBase: string;
  /** `_count` when the client gives none, and the most it may ask for (larger asks are cut to this). */
  defaultPageSize: number;
  maxPageSize: number;
  /** Most resources one chain link or `_has` may match before the search is refused as too costly (400). */
  maxChainedMatches: number;
  /** Most resources `_include` / `_revinclude` add to one page; past it the page carries a warning. */
  maxIncludes: number;
  terminology: Terminology;
  /** Milliseconds since the epoch (`ap` on dates, Bundle.meta.lastUpdated); injectable for tests. */
  clock: () => number;
}
