import { patientCompartmentParams } from '../../definitions/patient-compartment';
import type { ReferenceEntry, SearchIndexValues } from '../index-format';

/**
 * The patient compartments a resource belongs to (http://hl7.org/fhir/R4/compartmentdefinition-patient.html):
 * every `Patient/<id>` its compartment parameters refer to (read from the extracted reference entries, so the
 * same normalization decides what is local), and a Patient is in its own compartment.
 */
export type CompartmentMembership = (resourceId: string | undefined, sp: SearchIndexValues) => string[];

const NONE: CompartmentMembership = () => [];

export function compileCompartmentMembership(resourceType: string): CompartmentMembership {
  const params = patientCompartmentParams().get(resourceType) ?? [];
  const isPatient = resourceType === 'Patient';
  if (params.length === 0 && !isPatient) return NONE;
  return (resourceId, sp) => {
    const compartments = new Set<string>();
    if (isPatient && resourceId) compartments.add(`Patient/${resourceId}`);
    for (const code of params) {
      for (const entry of (sp[code] ?? []) as ReferenceEntry[]) {
        if (entry.t === 'Patient' && entry.r !== undefined) compartments.add(entry.r);
      }
    }
    return [...compartments];
  };
}
