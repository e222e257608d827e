import type { CompartmentDefinition } from 'fhir/r4';
import { readR4File } from './r4-files';

let membership: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * For each resource type, the search parameters that put a resource in a patient's compartment
 * (R4 compartmentdefinition-patient). A type absent from the map can never be in a patient compartment.
 */
export function patientCompartmentParams(): ReadonlyMap<string, readonly string[]> {
  if (!membership) {
    const definition = readR4File<CompartmentDefinition>('compartmentdefinition-patient.json');
    membership = new Map(
      (definition.resource ?? []).filter((r) => r.param && r.param.length > 0).map((r) => [r.code, r.param!]),
    );
  }
  return membership;
}
