import type { Patient } from 'fhir/r4';
import { resolveOptions } from './options';
import { buildPatient } from './patient/patient';
import { createPatientContext } from './patient/context';
import { sharedCatalog } from './shared/catalog';

/**
 * A single realistic Patient of about 1 KB of JSON, for tests and benchmarks that need one resource.
 * It is patient 0 of the data set with this seed (id `pat-000000`), so it references the shared
 * Practitioner and Organization of that data set.
 */
export function samplePatient(seed = 1): Patient {
  const options = resolveOptions({ seed, patients: 1 });
  return buildPatient(createPatientContext(options, sharedCatalog(options.practitioners), 0));
}
