import { patientCompartmentParams } from '../definitions/patient-compartment';
import { searchParameterFor } from '../search/indexing/search-parameter-registry';
import { careDateParameter, careDateTypes } from './care-date';

describe('care dates for $everything start and end', () => {
  it.each(careDateTypes())('%s: a date search parameter R4 defines on a type of the patient compartment', (type) => {
    expect(patientCompartmentParams().has(type)).toBe(true);
    expect(searchParameterFor(type, careDateParameter(type)!)?.type).toBe('date');
  });

  it('has none for the types about the person or the record rather than an episode of care', () => {
    for (const type of ['Patient', 'RelatedPerson', 'Coverage', 'Consent', 'Provenance', 'AuditEvent', 'toString']) expect(careDateParameter(type)).toBeUndefined();
  });
});
