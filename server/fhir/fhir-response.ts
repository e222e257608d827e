import type { Resource } from 'fhir/r4';
import type { ResourceVersion } from '../../resources/repository/resource-version';

/** What a handler answers; server/http/send.ts writes it. */
export interface FhirResponse {
  status: number;
  /** A stored version: sent from its stored JSON when nothing needs to reshape it. */
  version?: ResourceVersion;
  resource?: Resource;
  headers?: Record<string, string>;
}
