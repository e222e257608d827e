import type { FhirResource } from 'fhir/r4';
import { resolveOptions, type GeneratorOptions } from './options';
import { buildPatientRecord, type PatientRecord } from './patient/record';
import { sharedCatalog } from './shared/catalog';
import { generateSharedResources } from './shared';

/**
 * Patient records one at a time, so 10,000 patients (about a million resources) stream through a
 * loader without being held in memory. Records reference the resources of generateSharedResources
 * (same options), which must be loaded first.
 */
export function* generatePatientRecords(options: GeneratorOptions): Generator<PatientRecord> {
  const resolved = resolveOptions(options);
  const catalog = sharedCatalog(resolved.practitioners);
  for (let i = 0; i < resolved.patients; i++) {
    yield buildPatientRecord(resolved, catalog, resolved.firstPatient + i);
  }
}

/** The record of the patient at `index`: identical to the one generatePatientRecords yields for it. */
export function generatePatientRecord(options: Omit<GeneratorOptions, 'patients' | 'firstPatient'>, index: number): PatientRecord {
  const resolved = resolveOptions({ ...options, patients: 1, firstPatient: index });
  return buildPatientRecord(resolved, sharedCatalog(resolved.practitioners), index);
}

/** The whole data set in load order: shared resources, then each patient's record. */
export function* generateResources(options: GeneratorOptions): Generator<FhirResource> {
  yield* generateSharedResources(options);
  for (const record of generatePatientRecords(options)) yield* record.resources;
}
