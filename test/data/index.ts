/**
 * Deterministic, realistic FHIR R4 test data: shared Organizations, Locations, Practitioners and
 * Medications, then patient records with encounters, vital signs and labs, conditions, prescriptions,
 * procedures, immunizations, allergies, claims with their explanations of benefit, and provenance.
 * The same options always give byte-identical output.
 */
export { type GeneratorOptions, DEFAULT_OPTIONS } from './options';
export { generateSharedResources } from './shared';
export { generatePatientRecords, generatePatientRecord, generateResources } from './generator';
export type { PatientRecord } from './patient/record';
export { toTransactionBundle, urnUuidFor, type BundleMode } from './bundle';
export { samplePatient } from './sample';
export { collectReferences, forEachReference, rewriteReferences } from './references';
export { deterministicUuid, patientId, patientScopedId } from './ids';
