import type { FhirResource } from 'fhir/r4';
import { createResourceIndexer } from './resource-indexer';

const indexer = createResourceIndexer({ fhirBase: 'http://localhost:8080/fhir' });
const sp = (resource: FhirResource) => indexer.index(resource).sp;
const UCUM = 'http://unitsofmeasure.org';
const USAGE = 'http://terminology.hl7.org/CodeSystem/usage-context-type';

describe('ResourceIndexer: the less common shapes of R4 search parameters', () => {
  it("stores Location's position for near as latitude and longitude", () => {
    const location = sp({ resourceType: 'Location', name: 'Clinic', position: { latitude: 42.3568, longitude: -71.0434 } });
    expect(location.near).toEqual([{ c0: [{ n: 42.3568 }], c1: [{ n: -71.0434 }] }]);
    expect(location.name).toEqual([{ f: 'clinic', e: 'Clinic' }]);
  });

  it("pairs a DocumentReference's relatesTo target with its code in relationship", () => {
    const values = sp({
      resourceType: 'DocumentReference',
      status: 'current',
      relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/old' } }],
      content: [{ attachment: { contentType: 'application/pdf', url: 'http://example.org/doc.pdf' } }],
    });
    expect(values.relationship).toEqual([
      { c0: [{ r: 'DocumentReference/old', t: 'DocumentReference', id: 'old' }], c1: [{ c: 'replaces' }] },
    ]);
    expect(values.relatesto).toEqual([{ r: 'DocumentReference/old', t: 'DocumentReference', id: 'old' }]);
    expect(values.relation).toEqual([{ c: 'replaces' }]);
    expect(values.contenttype).toEqual([{ c: 'application/pdf' }]);
    expect(values.location).toEqual([{ u: 'http://example.org/doc.pdf' }]);
  });

  it("indexes a document Bundle's Composition for composition chains", () => {
    const values = sp({
      resourceType: 'Bundle',
      type: 'document',
      identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0' },
      timestamp: '2024-01-01T00:00:00Z',
      entry: [{ resource: { resourceType: 'Composition', id: 'comp-1' } as FhirResource }],
    });
    expect(values.composition).toEqual([{ r: 'Composition/comp-1', t: 'Composition', id: 'comp-1' }]);
    expect(values.type).toEqual([{ c: 'document' }]);
    expect(values.timestamp).toEqual([{ lo: '2024-01-01T00:00:00.000Z', hi: '2024-01-01T00:00:00.999Z' }]);
  });

  it('indexes use contexts and related artifacts of a definitional resource', () => {
    const values = sp({
      resourceType: 'ActivityDefinition',
      status: 'active',
      url: 'http://example.org/ActivityDefinition/flu-shot',
      version: '1.2',
      useContext: [
        { code: { system: USAGE, code: 'focus' }, valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '6142004' }] } },
        { code: { system: USAGE, code: 'age' }, valueRange: { low: { value: 18, system: UCUM, code: 'a' }, high: { value: 65, system: UCUM, code: 'a' } } },
      ],
      relatedArtifact: [
        { type: 'composed-of', resource: 'http://example.org/Library/a|2.0' },
        { type: 'depends-on', resource: 'http://localhost:8080/fhir/Library/lib-1' },
      ],
    });
    expect(values.url).toEqual([{ u: 'http://example.org/ActivityDefinition/flu-shot' }]);
    expect(values.version).toEqual([{ c: '1.2' }]);
    expect(values['context-type']).toEqual([
      { s: USAGE, c: 'focus', sc: `${USAGE}|focus` },
      { s: USAGE, c: 'age', sc: `${USAGE}|age` },
    ]);
    expect(values.context).toEqual([{ s: 'http://snomed.info/sct', c: '6142004', sc: 'http://snomed.info/sct|6142004' }]);
    expect(values['context-quantity']).toEqual([
      { v: 18, s: UCUM, c: 'a', cv: 568036800, cc: 's' },
      { v: 65, s: UCUM, c: 'a', cv: 2051244000, cc: 's' },
    ]);
    expect(values['context-type-value']).toEqual([{ c0: [values['context-type']![0]], c1: values.context }]);
    expect(values['context-type-quantity']).toEqual([{ c0: [values['context-type']![1]], c1: values['context-quantity'] }]);
    expect(values['composed-of']).toEqual([{ u: 'http://example.org/Library/a', v: '2.0' }]);
    expect(values['depends-on']).toEqual([{ r: 'Library/lib-1', t: 'Library', id: 'lib-1' }]);
  });

  it("indexes a Group's characteristics by value type and its members as compartments", () => {
    const group = {
      resourceType: 'Group',
      id: 'g1',
      type: 'person',
      actual: true,
      characteristic: [
        { code: { text: 'smoker' }, valueBoolean: true, exclude: false },
        { code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }] }, valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '8517006' }] }, exclude: false },
        { code: { text: 'age' }, valueQuantity: { value: 40 }, exclude: false },
      ],
      member: [{ entity: { reference: 'Patient/pat-1' } }, { entity: { reference: 'Patient/pat-2' } }],
    } as FhirResource;
    const { sp: values, compartments } = indexer.index(group);
    expect(values['characteristic-value']).toEqual([
      { c0: [{ t: 'smoker' }], c1: [{ c: 'true' }] },
      { c0: [{ s: 'http://loinc.org', c: '72166-2', sc: 'http://loinc.org|72166-2' }], c1: [{ s: 'http://snomed.info/sct', c: '8517006', sc: 'http://snomed.info/sct|8517006' }] },
    ]);
    expect(values.value).toEqual([{ s: 'http://snomed.info/sct', c: '8517006', sc: 'http://snomed.info/sct|8517006' }, { c: 'true' }]);
    expect(values.exclude).toEqual([{ c: 'false' }, { c: 'false' }, { c: 'false' }]);
    expect(compartments.sort()).toEqual(['Patient/pat-1', 'Patient/pat-2']);
  });

  it('indexes number parameters: a probability and sequence coordinates with %resource in a composite', () => {
    expect(sp({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/p' }, prediction: [{ probabilityDecimal: 0.37 }] }).probability).toEqual([{ n: 0.37 }]);
    const sequence = sp({
      resourceType: 'MolecularSequence',
      type: 'dna',
      coordinateSystem: 0,
      referenceSeq: { chromosome: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/chromosome-human', code: '1' }] }, windowStart: 100, windowEnd: 200 },
      variant: [{ start: 120, end: 121 }],
    } as FhirResource);
    expect(sequence['variant-start']).toEqual([{ n: 120 }]);
    const chromosome = [{ s: 'http://terminology.hl7.org/CodeSystem/chromosome-human', c: '1', sc: 'http://terminology.hl7.org/CodeSystem/chromosome-human|1' }];
    expect(sequence['chromosome-variant-coordinate']).toEqual([{ c0: chromosome, c1: [{ n: 120 }], c2: [{ n: 121 }] }]);
    expect(sequence['chromosome-window-coordinate']).toEqual([{ c0: chromosome, c1: [{ n: 100 }], c2: [{ n: 200 }] }]);
  });

  it('separates the participants of an Appointment by the type they reference', () => {
    const appointment: FhirResource = {
      resourceType: 'Appointment',
      status: 'booked',
      start: '2024-05-01T10:00:00Z',
      end: '2024-05-01T10:30:00Z',
      participant: [
        { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/prac-1' }, status: 'accepted' },
        { actor: { reference: 'Location/loc-1' }, status: 'accepted' },
      ],
    };
    const { sp: values, compartments } = indexer.index(appointment);
    expect(values.patient).toEqual([{ r: 'Patient/pat-1', t: 'Patient', id: 'pat-1' }]);
    expect(values.practitioner).toEqual([{ r: 'Practitioner/prac-1', t: 'Practitioner', id: 'prac-1' }]);
    expect(values.location).toEqual([{ r: 'Location/loc-1', t: 'Location', id: 'loc-1' }]);
    expect(values.actor).toHaveLength(3);
    expect(values.date).toEqual([{ lo: '2024-05-01T10:00:00.000Z', hi: '2024-05-01T10:00:00.999Z' }]);
    expect(compartments).toEqual(['Patient/pat-1']);
  });

  it('indexes money, factors and canonicals', () => {
    const charge = sp({
      resourceType: 'ChargeItem',
      status: 'billable',
      code: { text: 'visit' },
      subject: { reference: 'Patient/pat-1' },
      priceOverride: { value: 99.5, currency: 'EUR' },
      factorOverride: 0.8,
      quantity: { value: 2 },
    });
    expect(charge['price-override']).toEqual([{ v: 99.5, s: 'urn:iso:std:iso:4217', c: 'EUR' }]);
    expect(charge['factor-override']).toEqual([{ n: 0.8 }]);
    expect(charge.quantity).toEqual([{ v: 2 }]);
    const response = sp({ resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'http://example.org/Questionnaire/phq-9|3' });
    expect(response.questionnaire).toEqual([{ u: 'http://example.org/Questionnaire/phq-9', v: '3' }]);
  });

  it('indexes the reference in a choice of Reference and Attachment, and nothing for the Attachment', () => {
    const consent = (source: object) => sp({ resourceType: 'Consent', status: 'active', scope: { text: 's' }, category: [{ text: 'c' }], ...source } as FhirResource);
    expect(consent({ sourceReference: { reference: 'DocumentReference/d1' } })['source-reference']).toEqual([
      { r: 'DocumentReference/d1', t: 'DocumentReference', id: 'd1' },
    ]);
    expect(consent({ sourceAttachment: { url: 'http://example.org/consent.pdf' } })['source-reference']).toBeUndefined();
  });

  it('indexes both names of an InsurancePlan, whose R4 expression has no type', () => {
    expect(sp({ resourceType: 'InsurancePlan', name: 'Gold', alias: ['Premium'] }).name).toEqual([
      { f: 'gold', e: 'Gold' },
      { f: 'premium', e: 'Premium' },
    ]);
  });
});
