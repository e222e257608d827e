import { isResourceType, resourceTypes } from './resource-types';
import { patientCompartmentParams } from './patient-compartment';

describe('R4 definitions', () => {
  it('knows the 146 R4 resource types and nothing else', () => {
    expect(resourceTypes().size).toBe(146);
    for (const t of ['Patient', 'Observation', 'Bundle', 'Binary', 'Parameters', 'ExplanationOfBenefit', 'AuditEvent']) {
      expect(isResourceType(t)).toBe(true);
    }
    for (const t of ['SubscriptionStatus', 'Resource', 'DomainResource', 'patient', 'HumanName']) expect(isResourceType(t)).toBe(false);
  });

  it('reads the patient compartment membership parameters', () => {
    expect(patientCompartmentParams().get('Observation')).toEqual(['subject', 'performer']);
    expect(patientCompartmentParams().get('Patient')).toEqual(['link']);
    expect(patientCompartmentParams().has('Organization')).toBe(false);
  });
});
