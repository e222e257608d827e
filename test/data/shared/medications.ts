import type { Medication } from 'fhir/r4';
import { concept } from '../datatypes';
import type { Drug } from '../vocabulary/medications';
import { SYSTEM } from '../vocabulary/systems';

export function buildMedication(id: string, drug: Drug): Medication {
  return {
    resourceType: 'Medication',
    id,
    code: concept(SYSTEM.rxnorm, drug.rxnorm, drug.display),
    status: 'active',
  };
}
