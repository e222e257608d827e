import type { Condition, Reference } from 'fhir/r4';
import { coding, concept } from '../datatypes';
import { referenceTo } from '../ids';
import { DAY, formatDateTime } from '../time';
import { CONDITIONS, type ConditionKind } from '../vocabulary/conditions';
import { SYSTEM } from '../vocabulary/systems';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/** A condition as later resources refer to it: what it is and the visit where it was diagnosed. */
export interface Diagnosis {
  ref: Reference;
  kind: ConditionKind;
  visit: Visit;
}

/**
 * Chronic conditions are problem-list items, still active, with an onset up to three years before the
 * visit that recorded them; acute ones are that visit's diagnosis and resolve within three weeks.
 */
export function buildConditions(ctx: PatientContext, visits: readonly Visit[]): { conditions: Condition[]; diagnoses: Diagnosis[] } {
  const { rng } = ctx;
  const count = ctx.options.conditionsPerPatient;
  const distinct = rng.sample(CONDITIONS, count);
  const conditions: Condition[] = [];
  const diagnoses: Diagnosis[] = [];
  for (let i = 0; i < count; i++) {
    const kind = distinct[i] ?? rng.pick(CONDITIONS.filter((c) => !c.chronic));
    const visit = rng.pick(visits);
    const onset = kind.chronic
      ? Math.max(ctx.birth + 18 * 365 * DAY, visit.start - rng.int(0, 3 * 365) * DAY)
      : visit.start - rng.int(1, 6) * DAY;
    const id = ctx.nextId('cond');
    const condition: Condition = {
      resourceType: 'Condition',
      id,
      clinicalStatus: kind.chronic
        ? concept(SYSTEM.conditionClinical, 'active', 'Active')
        : concept(SYSTEM.conditionClinical, 'resolved', 'Resolved'),
      verificationStatus: concept(SYSTEM.conditionVerification, 'confirmed', 'Confirmed'),
      category: [kind.chronic
        ? concept(SYSTEM.conditionCategory, 'problem-list-item', 'Problem List Item')
        : concept(SYSTEM.conditionCategory, 'encounter-diagnosis', 'Encounter Diagnosis')],
      code: {
        coding: [coding(SYSTEM.snomed, kind.snomed, kind.snomedDisplay), coding(SYSTEM.icd10cm, kind.icd10, kind.icd10Display)],
        text: kind.snomedDisplay,
      },
      subject: ctx.ref,
      encounter: visit.ref,
      onsetDateTime: formatDateTime(onset, ctx.zone),
      recordedDate: formatDateTime(visit.start, ctx.zone),
      recorder: referenceTo('Practitioner', visit.practitionerId),
    };
    if (!kind.chronic) condition.abatementDateTime = formatDateTime(visit.start + rng.int(7, 21) * DAY, ctx.zone);
    conditions.push(condition);
    diagnoses.push({ ref: referenceTo('Condition', id, kind.snomedDisplay), kind, visit });
  }
  return { conditions, diagnoses };
}
