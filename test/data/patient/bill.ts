import type { CodeableConcept, Period } from 'fhir/r4';
import { concept } from '../datatypes';
import { formatDateTime } from '../time';
import { SYSTEM } from '../vocabulary/systems';
import type { ChargeSheet } from './charges';
import type { Diagnosis } from './conditions';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/**
 * What one visit bills: the visit itself (by its CPT code), then every procedure and vaccine charged to
 * it, against the conditions diagnosed there. Amounts are integer cents so totals add up exactly.
 */
export interface Bill {
  visit: Visit;
  period: Period;
  type: CodeableConcept;
  lines: { sequence: number; service: CodeableConcept; cents: number }[];
  diagnoses: Diagnosis[];
  totalCents: number;
}

export function billVisit(ctx: PatientContext, visit: Visit, diagnoses: readonly Diagnosis[], charges: ChargeSheet): Bill {
  const { billing } = visit.kind;
  const lines = [{ service: concept(SYSTEM.cpt, billing.code, billing.display), cents: billing.charge * 100 }, ...charges.linesFor(visit.id)]
    .map((line, i) => ({ sequence: i + 1, ...line }));
  // Hospital stays and emergency visits are billed by the facility; clinic visits by the professional.
  const institutional = visit.kind.class.code !== 'AMB';
  return {
    visit,
    period: { start: formatDateTime(visit.start, ctx.zone), end: formatDateTime(visit.end, ctx.zone) },
    type: institutional
      ? concept(SYSTEM.claimType, 'institutional', 'Institutional')
      : concept(SYSTEM.claimType, 'professional', 'Professional'),
    lines,
    diagnoses: diagnoses.filter((d) => d.visit.id === visit.id),
    totalCents: lines.reduce((sum, l) => sum + l.cents, 0),
  };
}
