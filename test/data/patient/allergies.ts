import type { AllergyIntolerance } from 'fhir/r4';
import { concept } from '../datatypes';
import { referenceTo } from '../ids';
import { DAY, formatDate, formatDateTime } from '../time';
import { ALLERGIES } from '../vocabulary/allergies';
import { SYSTEM } from '../vocabulary/systems';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/** Allergies are recorded at the first visit; their onset is a childhood date, known only to the day. */
export function buildAllergies(ctx: PatientContext, visits: readonly Visit[]): AllergyIntolerance[] {
  const { rng } = ctx;
  const first = visits[0];
  return rng.sample(ALLERGIES, ctx.options.allergiesPerPatient).map((kind) => {
    const severe = kind.reaction.code === '39579001';
    return {
      resourceType: 'AllergyIntolerance',
      id: ctx.nextId('alg'),
      clinicalStatus: concept(SYSTEM.allergyClinical, 'active', 'Active'),
      verificationStatus: concept(SYSTEM.allergyVerification, 'confirmed', 'Confirmed'),
      type: 'allergy',
      category: [kind.category],
      criticality: severe ? 'high' : rng.pick(['low', 'unable-to-assess'] as const),
      code: concept(SYSTEM.snomed, kind.code, kind.display),
      patient: ctx.ref,
      onsetDateTime: formatDate(ctx.birth + rng.int(365, 15 * 365) * DAY),
      recordedDate: formatDateTime(first.start, ctx.zone),
      recorder: referenceTo('Practitioner', first.practitionerId),
      reaction: [{
        manifestation: [concept(SYSTEM.snomed, kind.reaction.code, kind.reaction.display)],
        severity: severe ? 'severe' : rng.pick(['mild', 'moderate'] as const),
      }],
    };
  });
}
