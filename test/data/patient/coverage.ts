import type { Coverage } from 'fhir/r4';
import { concept } from '../datatypes';
import { referenceTo } from '../ids';
import { DAY, formatDate } from '../time';
import { SYSTEM } from '../vocabulary/systems';
import { activeSpan, type PatientContext } from './context';

/** The patient's health plan. Claims and ExplanationOfBenefits name it (Claim.insurance.coverage is 1..1). */
export function buildCoverage(ctx: PatientContext): Coverage {
  const { rng } = ctx;
  const plan = rng.pick(['Gold PPO', 'Silver HMO', 'Bronze EPO', 'Medicare Advantage']);
  return {
    resourceType: 'Coverage',
    id: ctx.nextId('cov'),
    status: 'active',
    type: concept(SYSTEM.actCode, 'HIP', 'health insurance plan policy'),
    subscriberId: `${ctx.payer.id.slice(-2)}${rng.digits(9)}`,
    beneficiary: ctx.ref,
    relationship: concept(SYSTEM.subscriberRelationship, 'self', 'Self'),
    period: { start: formatDate(activeSpan(ctx).from - rng.int(30, 900) * DAY) },
    payor: [referenceTo('Organization', ctx.payer.id, ctx.payer.name)],
    class: [{ type: concept(SYSTEM.coverageClass, 'plan', 'Plan'), value: plan.toUpperCase().replace(/ /g, '-'), name: plan }],
  };
}
