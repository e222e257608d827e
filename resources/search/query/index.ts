/**
 * The query side of FHIR search: the engine the Repository searches through, the parameters /metadata lists,
 * and `_summary` / `_elements`, which reads apply too.
 */
export { createSearchEngine, type SearchEngineOptions } from './create-search-engine';
export { supportedSearchParams } from './supported-search-params';
export { applySummary } from './summary/apply-summary';
export { applyElements } from './summary/apply-elements';
export type { SummaryMode } from './parse/result-parameters';
export type { Terminology } from './compile/terminology';
