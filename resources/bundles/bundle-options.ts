import type { FhirError } from '../errors/fhir-error';
import type { PageSizes } from '../operations/request-parameters';
import type { SearchRequest } from '../search/search-engine';
import type { StatusOf } from './entry-failure';
import type { ReturnPreference } from './entry-response';

/** What processing a batch or transaction needs from the server around it (the HTTP layer supplies it). */
export interface BundleOptions {
  /** The FHIR base URL: absolute request.urls under it are accepted, and response fullUrls are made from it. */
  fhirBase: string;
  /** Most entries one Bundle may hold (BUNDLE_MAX_ENTRIES); more is refused with 413 before any is processed. */
  maxEntries: number;
  /** `Prefer: return=` of the request, applied to every write entry's response. */
  prefer: ReturnPreference;
  /** `Prefer: handling=` of the request, applied to search entries. */
  handling: SearchRequest['handling'];
  /** Page sizes of history and $everything entries; search entries use the search engine's. */
  pageSizes: PageSizes;
  statusOf: StatusOf;
  /** Turns what a batch entry threw into the FhirError its response reports (store errors, unexpected faults). */
  toFhirError(error: unknown): FhirError;
}
