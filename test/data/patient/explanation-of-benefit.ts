import type { ExplanationOfBenefit, ExplanationOfBenefitItemAdjudication, Reference } from 'fhir/r4';
import { concept, usd } from '../datatypes';
import { referenceTo } from '../ids';
import { DAY, formatDate, formatDateTime } from '../time';
import { SYSTEM } from '../vocabulary/systems';
import type { Bill } from './bill';
import type { PatientContext } from './context';

/**
 * The payer's answer to a Claim, a few weeks after the visit: each line is adjudicated (submitted, the
 * eligible share under the contract, the patient's copay on the first line of clinic visits, what the
 * payer pays) and the payment is the sum of the benefits.
 */
export function buildExplanationOfBenefit(ctx: PatientContext, bill: Bill, claim: Reference, coverage: Reference): ExplanationOfBenefit {
  const { rng } = ctx;
  const { visit } = bill;
  const contractRate = rng.decimal(0.6, 0.95, 2);
  const copayCents = visit.kind.class.code === 'AMB' ? rng.pick([0, 1000, 2500, 4000]) : 0;
  let benefitTotal = 0;
  const items = bill.lines.map((line, i) => {
    const eligible = Math.round(line.cents * contractRate);
    const copay = i === 0 ? Math.min(copayCents, eligible) : 0;
    const benefit = eligible - copay;
    benefitTotal += benefit;
    const adjudication: ExplanationOfBenefitItemAdjudication[] = [
      { category: concept(SYSTEM.adjudication, 'submitted', 'Submitted Amount'), amount: usd(line.cents) },
      { category: concept(SYSTEM.adjudication, 'eligible', 'Eligible Amount'), amount: usd(eligible) },
    ];
    if (copay > 0) adjudication.push({ category: concept(SYSTEM.adjudication, 'copay', 'CoPay'), amount: usd(copay) });
    adjudication.push({ category: concept(SYSTEM.adjudication, 'benefit', 'Benefit Amount'), amount: usd(benefit) });
    return {
      sequence: line.sequence,
      careTeamSequence: [1],
      productOrService: line.service,
      servicedPeriod: bill.period,
      locationReference: referenceTo('Location', visit.location.id),
      net: usd(line.cents),
      encounter: [visit.ref],
      adjudication,
    };
  });
  const created = visit.end + rng.int(3, 30) * DAY;
  const eob: ExplanationOfBenefit = {
    resourceType: 'ExplanationOfBenefit',
    id: ctx.nextId('eob'),
    status: 'active',
    type: bill.type,
    use: 'claim',
    patient: ctx.ref,
    billablePeriod: bill.period,
    created: formatDateTime(created, ctx.zone),
    insurer: referenceTo('Organization', ctx.payer.id, ctx.payer.name),
    provider: referenceTo('Organization', ctx.hospital.id, ctx.hospital.name),
    facility: referenceTo('Location', visit.location.id, visit.location.name),
    claim,
    outcome: 'complete',
    disposition: 'Claim settled as per contract.',
    careTeam: [{ sequence: 1, provider: referenceTo('Practitioner', visit.practitionerId) }],
    insurance: [{ focal: true, coverage }],
    item: items,
    total: [
      { category: concept(SYSTEM.adjudication, 'submitted', 'Submitted Amount'), amount: usd(bill.totalCents) },
      { category: concept(SYSTEM.adjudication, 'benefit', 'Benefit Amount'), amount: usd(benefitTotal) },
    ],
    payment: {
      type: concept(SYSTEM.paymentType, 'complete', 'Complete'),
      date: formatDate(created + rng.int(1, 10) * DAY),
      amount: usd(benefitTotal),
    },
  };
  if (bill.diagnoses.length > 0) {
    eob.diagnosis = bill.diagnoses.map((d, i) => ({ sequence: i + 1, diagnosisReference: d.ref }));
  }
  return eob;
}
