/**
 * Kinds of visit. `class` is the R4 Encounter.class (v3 ActCode); `type` is SNOMED; `billing` is the CPT
 * code the Claim bills. `observations` orders what is measured: a check-up takes all vitals first, a lab
 * visit goes straight to lab panels.
 */
export type ObservationPlan = 'vitals-then-labs' | 'labs-only' | 'brief-vitals-then-labs';

export interface EncounterKind {
  name: string;
  class: { code: 'AMB' | 'EMER' | 'IMP'; display: string };
  type: { code: string; display: string };
  billing: { code: string; display: string; charge: number };
  /** Length of stay in minutes: [shortest, longest]. */
  minutes: readonly [number, number];
  observations: ObservationPlan;
  /** Relative frequency among a patient's encounters. */
  weight: number;
}

const AMB = { code: 'AMB', display: 'ambulatory' } as const;

export const ENCOUNTER_KINDS: readonly EncounterKind[] = [
  {
    name: 'wellness', class: AMB, type: { code: '162673000', display: 'General examination of patient (procedure)' },
    billing: { code: '99396', display: 'Preventive visit, established patient, 40-64 years', charge: 245 },
    minutes: [20, 45], observations: 'vitals-then-labs', weight: 35,
  },
  {
    name: 'follow-up', class: AMB, type: { code: '185349003', display: 'Encounter for check up (procedure)' },
    billing: { code: '99213', display: 'Office visit, established patient, low complexity', charge: 130 },
    minutes: [15, 30], observations: 'brief-vitals-then-labs', weight: 30,
  },
  {
    name: 'lab', class: AMB, type: { code: '185347001', display: 'Encounter for problem (procedure)' },
    billing: { code: '36415', display: 'Collection of venous blood by venipuncture', charge: 25 },
    minutes: [10, 20], observations: 'labs-only', weight: 15,
  },
  {
    name: 'emergency', class: { code: 'EMER', display: 'emergency' },
    type: { code: '50849002', display: 'Emergency room admission (procedure)' },
    billing: { code: '99285', display: 'Emergency department visit, high severity', charge: 1450 },
    minutes: [120, 480], observations: 'brief-vitals-then-labs', weight: 12,
  },
  {
    name: 'inpatient', class: { code: 'IMP', display: 'inpatient encounter' },
    type: { code: '32485007', display: 'Hospital admission (procedure)' },
    billing: { code: '99223', display: 'Initial hospital inpatient care, high complexity', charge: 6200 },
    minutes: [1440, 7200], observations: 'vitals-then-labs', weight: 8,
  },
];
