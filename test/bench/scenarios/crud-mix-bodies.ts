import type { FhirResource, Reference } from 'fhir/r4';
import { forEachReference, generatePatientRecord, generateSharedResources } from '../../data/index';

/** The nine types crud-mix cycles through, in an order where every reference points at an earlier one. */
export const CRUD_TYPES = [
  'Organization', 'Location', 'Practitioner', 'Patient', 'Encounter', 'Observation', 'MedicationRequest', 'Claim',
  'ExplanationOfBenefit',
] as const;
export type CrudType = (typeof CRUD_TYPES)[number];
export type CrudIds = Partial<Record<CrudType, string>>;

/** JSON with placeholders: `__REF_Patient__` for the id created earlier in the loop, `__SELF_ID__` for the resource's own. */
export interface BodyTemplate {
  create: string;
  update: string;
}
export type BodySet = Record<CrudType, BodyTemplate>;

const REF = /__REF_([A-Za-z]+)__/g;
const SELF = '__SELF_ID__';

/**
 * Request bodies from the generator: for each variant, one linked set from one generated patient (their
 * hospital, clinic, doctor, first visit and what came of it). References to the nine types become
 * placeholders; references to anything else (Coverage, Condition, Medication, ...) become display-only
 * References, still valid R4, since those resources do not exist on the server under test.
 */
export function buildBodySets(variants: number, seed = 1): BodySet[] {
  const shared = new Map(generateSharedResources({ seed, patients: variants }).map((r) => [`${r.resourceType}/${r.id}`, r]));
  return Array.from({ length: variants }, (_, v) => {
    const { resources } = generatePatientRecord({ seed }, v);
    const first = <T extends FhirResource['resourceType']>(type: T) =>
      resources.find((r) => r.resourceType === type) as Extract<FhirResource, { resourceType: T }>;
    const patient = first('Patient');
    const encounter = first('Encounter');
    const fromShared = (ref: Reference | undefined) => shared.get(ref?.reference ?? '') as FhirResource;
    const observation = resources.find((r) => r.resourceType === 'Observation' && r.encounter?.reference === `Encounter/${encounter.id}`)
      ?? first('Observation');
    const picked: Record<CrudType, FhirResource> = {
      Organization: fromShared(encounter.serviceProvider),
      Location: fromShared(encounter.location?.[0].location),
      Practitioner: fromShared(patient.generalPractitioner?.[0]),
      Patient: patient,
      Encounter: encounter,
      Observation: observation,
      MedicationRequest: first('MedicationRequest'),
      Claim: first('Claim'),
      ExplanationOfBenefit: first('ExplanationOfBenefit'),
    };
    return Object.fromEntries(CRUD_TYPES.map((type) => [type, toTemplate(picked[type])])) as BodySet;
  });
}

/** The template with placeholders filled in, or undefined when an id it needs was not created. */
export function fillTemplate(template: string, ids: CrudIds, selfId?: string): string | undefined {
  let missing = false;
  const filled = template.replace(REF, (_, type: string) => {
    const id = ids[type as CrudType];
    if (id === undefined) missing = true;
    return `${type}/${id}`;
  });
  if (missing) return undefined;
  return selfId === undefined ? filled : filled.replace(SELF, selfId);
}

function toTemplate(resource: FhirResource): BodyTemplate {
  const { id: _generatedId, resourceType, ...content } = structuredClone(resource);
  forEachReference(content, (ref) => {
    const type = (ref.reference as string).split('/')[0];
    if ((CRUD_TYPES as readonly string[]).includes(type)) {
      ref.reference = `__REF_${type}__`;
    } else {
      ref.display ??= ref.reference;
      delete ref.reference;
    }
  });
  return {
    create: JSON.stringify({ resourceType, ...content }),
    update: JSON.stringify({ resourceType, id: SELF, ...content }),
  };
}
