import type { FhirResource, Patient } from 'fhir/r4';
import { referenceTo } from '../ids';
import type { ResolvedOptions } from '../options';
import type { SharedCatalog } from '../shared/catalog';
import { buildAllergies } from './allergies';
import { billVisit } from './bill';
import { ChargeSheet } from './charges';
import { buildClaim } from './claim';
import { buildConditions } from './conditions';
import { createPatientContext } from './context';
import { buildCoverage } from './coverage';
import { buildEncounter, planVisits } from './encounters';
import { buildExplanationOfBenefit } from './explanation-of-benefit';
import { buildFindings } from './findings';
import { buildImmunizations } from './immunizations';
import { buildMedicationRequests } from './medication-requests';
import { buildPatient } from './patient';
import { buildProcedures } from './procedures';
import { buildProvenance } from './provenance';

export interface PatientRecord {
  /** Position of the patient in the data set; ids derive from it (`pat-000123`). */
  index: number;
  patient: Patient;
  /**
   * Everything in the record, the Patient first, in dependency order: every reference points at a shared
   * resource or at a resource earlier in this list, so the list loads in order even on a server that
   * enforces referential integrity.
   */
  resources: FhirResource[];
}

export function buildPatientRecord(options: ResolvedOptions, catalog: SharedCatalog, index: number): PatientRecord {
  const ctx = createPatientContext(options, catalog, index);
  const patient = buildPatient(ctx);
  const coverage = buildCoverage(ctx);
  const coverageRef = referenceTo('Coverage', coverage.id as string);
  const visits = planVisits(ctx);
  const encounters = visits.map((v) => buildEncounter(ctx, v));
  const { conditions, diagnoses } = buildConditions(ctx, visits);
  const allergies = buildAllergies(ctx, visits);
  const medicationRequests = buildMedicationRequests(ctx, visits, diagnoses);
  const findings = buildFindings(ctx, visits);
  const charges = new ChargeSheet();
  const procedures = buildProcedures(ctx, visits, diagnoses, charges);
  const immunizations = buildImmunizations(ctx, visits, charges);
  const bills = visits.map((v) => billVisit(ctx, v, diagnoses, charges));
  const claims = bills.map((b) => buildClaim(ctx, b, coverageRef));
  const explanations = bills.map((b, i) =>
    buildExplanationOfBenefit(ctx, b, referenceTo('Claim', claims[i].id as string), coverageRef));
  const provenances = visits.map((v) => buildProvenance(ctx, v, findings.reportsByVisit.get(v.id) ?? []));
  return {
    index,
    patient,
    resources: [
      patient, coverage, ...encounters, ...conditions, ...allergies, ...medicationRequests,
      ...findings.serviceRequests, ...findings.specimens, ...findings.observations, ...findings.reports,
      ...procedures, ...immunizations, ...claims, ...explanations, ...provenances,
    ],
  };
}
