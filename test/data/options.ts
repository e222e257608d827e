/**
 * What to generate. Counts are exact rather than random so sizes are predictable: with the defaults a
 * patient's record holds about 110 resources, about 120 KB of JSON (86-140 resources: the lab orders
 * behind the observations vary with the kinds of visit).
 */
export interface GeneratorOptions {
  /** Same seed, same output, byte for byte. Default 1. */
  seed?: number;
  /** Number of patients. */
  patients: number;
  /** Index of the first patient (default 0), so shards of one large data set can be generated independently. */
  firstPatient?: number;
  /** Default 6. Claims, ExplanationOfBenefits and Provenances follow, one each per encounter. */
  encountersPerPatient?: number;
  /** Vital signs and lab results together; lab results bring their ServiceRequest, Specimen and DiagnosticReport. Default 40. */
  observationsPerPatient?: number;
  /** Default 4. */
  conditionsPerPatient?: number;
  /** Default 6. */
  medicationRequestsPerPatient?: number;
  /** Default 4. */
  proceduresPerPatient?: number;
  /** Default 4. */
  immunizationsPerPatient?: number;
  /** Default 2. */
  allergiesPerPatient?: number;
  /** Shared Practitioners that patients' care is spread over. Default 20. */
  practitioners?: number;
}

export type ResolvedOptions = Required<GeneratorOptions>;

export const DEFAULT_OPTIONS: Omit<ResolvedOptions, 'patients'> = {
  seed: 1,
  firstPatient: 0,
  encountersPerPatient: 6,
  observationsPerPatient: 40,
  conditionsPerPatient: 4,
  medicationRequestsPerPatient: 6,
  proceduresPerPatient: 4,
  immunizationsPerPatient: 4,
  allergiesPerPatient: 2,
  practitioners: 20,
};

export function resolveOptions(options: GeneratorOptions): ResolvedOptions {
  const resolved: ResolvedOptions = { ...DEFAULT_OPTIONS, patients: options.patients };
  for (const [key, value] of Object.entries(options) as [keyof ResolvedOptions, number | undefined][]) {
    if (value !== undefined) resolved[key] = value;
  }
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer, got ${value}`);
  }
  if (resolved.practitioners < 1) throw new Error('practitioners must be at least 1');
  const perEncounter = resolved.observationsPerPatient + resolved.proceduresPerPatient + resolved.immunizationsPerPatient
    + resolved.conditionsPerPatient + resolved.medicationRequestsPerPatient + resolved.allergiesPerPatient;
  if (resolved.encountersPerPatient === 0 && perEncounter > 0) {
    throw new Error('encountersPerPatient must be at least 1 when encounter-bound resources are requested');
  }
  return resolved;
}
