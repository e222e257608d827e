import type { Claim, Reference } from 'fhir/r4';
import { concept, usd } from '../datatypes';
import { referenceTo } from '../ids';
import { formatDateTime } from '../time';
import { SYSTEM } from '../vocabulary/systems';
import type { Bill } from './bill';
import type { PatientContext } from './context';

/** The hospital's claim to the patient's payer for one visit. */
export function buildClaim(ctx: PatientContext, bill: Bill, coverage: Reference): Claim {
  const { visit } = bill;
  const diagnosisSequence = bill.diagnoses.map((_, i) => i + 1);
  const claim: Claim = {
    resourceType: 'Claim',
    id: ctx.nextId('claim'),
    status: 'active',
    type: bill.type,
    use: 'claim',
    patient: ctx.ref,
    billablePeriod: bill.period,
    created: formatDateTime(visit.end, ctx.zone),
    insurer: referenceTo('Organization', ctx.payer.id, ctx.payer.name),
    provider: referenceTo('Organization', ctx.hospital.id, ctx.hospital.name),
    priority: concept(SYSTEM.processPriority, 'normal', 'Normal'),
    facility: referenceTo('Location', visit.location.id, visit.location.name),
    careTeam: [{ sequence: 1, provider: referenceTo('Practitioner', visit.practitionerId) }],
    insurance: [{ sequence: 1, focal: true, coverage }],
    item: bill.lines.map((line) => ({
      sequence: line.sequence,
      careTeamSequence: [1],
      ...(diagnosisSequence.length > 0 ? { diagnosisSequence } : {}),
      productOrService: line.service,
      servicedPeriod: bill.period,
      locationReference: referenceTo('Location', visit.location.id),
      net: usd(line.cents),
      encounter: [visit.ref],
    })),
    total: usd(bill.totalCents),
  };
  if (bill.diagnoses.length > 0) {
    claim.diagnosis = bill.diagnoses.map((d, i) => ({ sequence: i + 1, diagnosisReference: d.ref }));
  }
  return claim;
}
