import type { CapabilityStatementRestResourceSearchParam } from 'fhir/r4';
import { searchParametersOf } from '../indexing/search-parameter-registry';

/**
 * The search parameters /metadata lists for a type (R4 capabilitystatement.html#search): every R4 SearchParameter
 * of the type from the registry the indexer extracts by, except `special` ones (Location `near`), which this
 * server does not search.
 */
export function supportedSearchParams(type: string): CapabilityStatementRestResourceSearchParam[] {
  return searchParametersOf(type)
    .filter((p) => p.type !== 'special')
    .map((p) => ({ name: p.code, definition: p.url, type: p.type, documentation: p.description }));
}
