import type { FhirResource } from 'fhir/r4';
import { conformanceErrors, jsonSchemaErrors } from './r4-conformance';

/** The validity suite only means something if these checkers reject broken resources. */
const broken = (r: object) => r as FhirResource;

describe('conformanceErrors', () => {
  it('reports a missing required primitive', () => {
    expect(conformanceErrors(broken({ resourceType: 'Observation', code: { text: 'x' } }))).toContain('Observation.status is required');
  });

  it('reports a missing required choice element', () => {
    const request = { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p' } };
    expect(conformanceErrors(broken(request))).toContain('MedicationRequest.medication[x] is required');
  });

  it('reports a missing required element inside a backbone element', () => {
    const claim = {
      resourceType: 'Claim', status: 'active', type: {}, use: 'claim', patient: { reference: 'Patient/p' }, created: '2020-01-01',
      provider: { reference: 'Organization/o' }, priority: {}, insurance: [{ sequence: 1, focal: true }],
    };
    expect(conformanceErrors(broken(claim))).toContain('Claim.insurance[0].coverage is required');
  });

  it('reports a reference to a type the element does not allow', () => {
    const observation = { resourceType: 'Observation', status: 'final', code: {}, performer: [{ reference: 'Location/l' }] };
    expect(conformanceErrors(broken(observation))[0]).toMatch(/performer\[0\] may not point at Location/);
  });

  it('reports unknown elements and a single value where an array belongs', () => {
    const errors = conformanceErrors(broken({ resourceType: 'Patient', name: { family: 'Smith' }, nickname: 'Bob' }));
    expect(errors).toEqual(['Patient.name must be an array', 'Patient.nickname is not an element of Patient']);
  });

  it('accepts a minimal valid resource', () => {
    expect(conformanceErrors(broken({ resourceType: 'Observation', status: 'final', code: { text: 'x' } }))).toEqual([]);
  });
});

describe('jsonSchemaErrors', () => {
  it('rejects a dateTime with a time but no zone', () => {
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectiveDateTime: '2020-01-01T10:00:00' };
    expect(jsonSchemaErrors(broken(observation)).length).toBeGreaterThan(0);
  });

  it('accepts the same dateTime with a zone', () => {
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectiveDateTime: '2020-01-01T10:00:00-05:00' };
    expect(jsonSchemaErrors(broken(observation))).toEqual([]);
  });
});
