import type { CapabilityStatement } from 'fhir/r4';
import type { Repository } from '../../resources/repository/repository';
import type { Config } from '../config';

/** What FHIR handlers are given: the Repository (the only door to data) and the server's settings. */
export interface FhirServices {
  repository: Repository;
  config: Config;
  capabilityStatement: () => CapabilityStatement;
}
