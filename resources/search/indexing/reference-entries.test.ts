import { referenceEntries } from './reference-entries';
import type { IndexingContext } from './indexing-context';

const context: IndexingContext = { fhirBase: 'http://localhost:8080/fhir', resource: {} };
const ref = (value: unknown, type = 'Reference') => referenceEntries([{ value, type }], context);

describe('reference index entries (R4 search.html#reference)', () => {
  it('stores a relative literal reference as Type/id', () => {
    expect(ref({ reference: 'Patient/123' })).toEqual([{ r: 'Patient/123', t: 'Patient', id: '123' }]);
  });

  it('drops a version from the reference', () => {
    expect(ref({ reference: 'Patient/123/_history/4' })).toEqual([{ r: 'Patient/123', t: 'Patient', id: '123' }]);
  });

  it('stores an absolute reference under this server as local, any other as its URL', () => {
    expect(ref({ reference: 'http://localhost:8080/fhir/Encounter/e1/_history/2' })).toEqual([{ r: 'Encounter/e1', t: 'Encounter', id: 'e1' }]);
    expect(ref({ reference: 'https://other.example.org/fhir/Patient/9' })).toEqual([{ u: 'https://other.example.org/fhir/Patient/9' }]);
    expect(ref({ reference: 'urn:uuid:5f0c2a64-9a43-4f5e-8c21-3e8bfb3b9a1e' })).toEqual([{ u: 'urn:uuid:5f0c2a64-9a43-4f5e-8c21-3e8bfb3b9a1e' }]);
  });

  it('stores a logical reference as its identifier, beside a literal one when both are given', () => {
    expect(ref({ identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' } })).toEqual([
      { is: 'http://hl7.org/fhir/sid/us-npi', iv: '1234567893' },
    ]);
    expect(ref({ reference: 'Practitioner/p1', identifier: { system: 'http://npi', value: '1' } })).toEqual([
      { r: 'Practitioner/p1', t: 'Practitioner', id: 'p1', is: 'http://npi', iv: '1' },
    ]);
  });

  it('does not index a reference to a contained resource', () => {
    expect(ref({ reference: '#med1' })).toEqual([]);
    expect(ref({ display: 'Dr. Who' })).toEqual([]);
  });

  it('splits the version off a canonical', () => {
    expect(ref('http://example.org/Questionnaire/phq-9|2.0', 'canonical')).toEqual([{ u: 'http://example.org/Questionnaire/phq-9', v: '2.0' }]);
    expect(ref('http://hl7.org/fhir/ValueSet/example', 'canonical')).toEqual([{ u: 'http://hl7.org/fhir/ValueSet/example' }]);
    expect(ref('http://hl7.org/fhir/ValueSet/example', 'uri')).toEqual([{ u: 'http://hl7.org/fhir/ValueSet/example' }]);
  });

  it("stores a Bundle's first resource as a reference to it by type and id", () => {
    expect(ref({ resourceType: 'Composition', id: 'c1' }, 'Composition')).toEqual([{ r: 'Composition/c1', t: 'Composition', id: 'c1' }]);
    expect(ref({ resourceType: 'Composition' }, 'Composition')).toEqual([]);
  });
});
