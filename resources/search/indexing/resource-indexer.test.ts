import type { Claim, Condition, Encounter, ExplanationOfBenefit, FhirResource, MedicationRequest, Observation, Patient } from 'fhir/r4';
import { MAX_INSTANT } from '../index-format';
import { createResourceIndexer } from './resource-indexer';

const indexer = createResourceIndexer({ fhirBase: 'http://localhost:8080/fhir/' });
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';

function index(resource: FhirResource) {
  return indexer.index(resource);
}

describe('ResourceIndexer: search values of clinical resources (R4 search.html)', () => {
  const patient: Patient = {
    resourceType: 'Patient',
    id: 'pat-1',
    meta: {
      profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'],
      tag: [{ system: 'http://example.org/tags', code: 'vip' }],
      security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
      source: 'http://ehr.example.org/#abc',
    },
    identifier: [
      {
        system: 'http://hospital.example.org/mrn',
        value: 'MRN-001',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }], text: 'Medical Record Number' },
      },
    ],
    active: true,
    name: [{ use: 'official', family: 'Müller', given: ['Zoë', 'Anne'] }],
    telecom: [
      { system: 'phone', value: '+1 555 0100', use: 'home' },
      { system: 'email', value: 'zoe@example.org' },
    ],
    gender: 'female',
    birthDate: '1980-05',
    deceasedDateTime: '2023-02-14T08:30:00Z',
    address: [{ line: ['12 Rue de l’Église'], city: 'Montréal', state: 'QC', postalCode: 'H2X 1Y4', country: 'CA', use: 'home' }],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'fr-CA' }] } }],
    generalPractitioner: [{ reference: 'Practitioner/prac-1' }],
    managingOrganization: { reference: 'http://localhost:8080/fhir/Organization/org-1' },
    link: [{ other: { reference: 'Patient/pat-0' }, type: 'replaces' }],
  };

  it('indexes a Patient: names folded, telecoms split by system, dates as ranges, deceased as a boolean', () => {
    const { sp } = index(patient);
    expect(sp.family).toEqual([{ f: 'muller', e: 'Müller' }]);
    expect(sp.given).toEqual([
      { f: 'zoe', e: 'Zoë' },
      { f: 'anne', e: 'Anne' },
    ]);
    expect(sp.name).toHaveLength(3);
    expect(sp['address-city']).toEqual([{ f: 'montreal', e: 'Montréal' }]);
    expect(sp.address).toContainEqual({ f: '12 rue de l’eglise', e: '12 Rue de l’Église' });
    expect(sp.phone).toEqual([{ s: 'phone', c: '+1 555 0100', sc: 'phone|+1 555 0100' }]);
    expect(sp.email).toEqual([{ s: 'email', c: 'zoe@example.org', sc: 'email|zoe@example.org' }]);
    expect(sp.telecom).toHaveLength(2);
    expect(sp['address-use']).toEqual([{ c: 'home' }]);
    expect(sp.birthdate).toEqual([{ lo: '1980-05-01T00:00:00.000Z', hi: '1980-05-31T23:59:59.999Z' }]);
    expect(sp['death-date']).toEqual([{ lo: '2023-02-14T08:30:00.000Z', hi: '2023-02-14T08:30:00.999Z' }]);
    expect(sp.deceased).toEqual([{ c: 'true' }]);
    expect(sp.gender).toEqual([{ c: 'female' }]);
    expect(sp.active).toEqual([{ c: 'true' }]);
    expect(sp.language).toEqual([{ s: 'urn:ietf:bcp:47', c: 'fr-CA', sc: 'urn:ietf:bcp:47|fr-CA' }]);
    expect(sp.identifier).toEqual([
      {
        s: 'http://hospital.example.org/mrn',
        c: 'MRN-001',
        sc: 'http://hospital.example.org/mrn|MRN-001',
        t: 'medical record number',
        ot: ['http://terminology.hl7.org/CodeSystem/v2-0203|MR'],
      },
    ]);
    expect(sp['general-practitioner']).toEqual([{ r: 'Practitioner/prac-1', t: 'Practitioner', id: 'prac-1' }]);
    expect(sp.organization).toEqual([{ r: 'Organization/org-1', t: 'Organization', id: 'org-1' }]);
    expect(sp.link).toEqual([{ r: 'Patient/pat-0', t: 'Patient', id: 'pat-0' }]);
  });

  it('indexes the Resource-level parameters of any resource, and never _id or _lastUpdated', () => {
    const { sp } = index({ ...patient, meta: { ...patient.meta, versionId: '3', lastUpdated: '2024-01-01T00:00:00.000Z' } });
    expect(sp._profile).toEqual([{ u: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient' }]);
    expect(sp._tag).toEqual([{ s: 'http://example.org/tags', c: 'vip', sc: 'http://example.org/tags|vip' }]);
    expect(sp._security).toEqual([{ s: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', c: 'R', sc: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R' }]);
    expect(sp._source).toEqual([{ u: 'http://ehr.example.org/#abc' }]);
    expect(sp._id).toBeUndefined();
    expect(sp._lastUpdated).toBeUndefined();
  });

  it('leaves out parameters without values, and indexes a living patient as deceased=false', () => {
    const { sp } = index({ resourceType: 'Patient', id: 'p2', gender: 'male' });
    expect(Object.keys(sp).sort()).toEqual(['deceased', 'gender']);
    expect(sp.deceased).toEqual([{ c: 'false' }]);
  });

  it('puts a Patient in its own compartment and in those of the patients it links to', () => {
    expect(index(patient).compartments.sort()).toEqual(['Patient/pat-0', 'Patient/pat-1']);
  });

  const bloodPressure: Observation = {
    resourceType: 'Observation',
    id: 'bp-1',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }], text: 'Blood pressure' },
    subject: { reference: 'Patient/pat-1' },
    encounter: { reference: 'Encounter/enc-1' },
    effectiveDateTime: '2024-03-05T09:15:00-05:00',
    performer: [{ reference: 'Practitioner/prac-1' }, { reference: 'Patient/pat-1' }],
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic' }] }, valueQuantity: { value: 128, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
      { code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic' }] }, valueQuantity: { value: 82, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
    ],
  };

  it('indexes an Observation with components: codes, quantities and composites per component', () => {
    const { sp, compartments } = index(bloodPressure);
    expect(sp.code).toEqual([{ s: LOINC, c: '85354-9', sc: `${LOINC}|85354-9`, t: 'blood pressure panel' }, { t: 'blood pressure' }]);
    expect(sp['component-code']!.map((e) => (e as { c: string }).c)).toEqual(['8480-6', '8462-4']);
    expect(sp['combo-code']!.map((e) => (e as { c?: string }).c)).toEqual(['85354-9', undefined, '8480-6', '8462-4']);
    expect(sp['component-value-quantity']).toEqual([
      { v: 128, s: UCUM, c: 'mm[Hg]', u: 'mmhg', cv: 17065216, cc: 'g.m-1.s-2' },
      { v: 82, s: UCUM, c: 'mm[Hg]', u: 'mmhg', cv: 10932404, cc: 'g.m-1.s-2' },
    ]);
    expect(sp['value-quantity']).toBeUndefined();
    expect(sp['component-code-value-quantity']).toEqual([
      { c0: [{ s: LOINC, c: '8480-6', sc: `${LOINC}|8480-6`, t: 'systolic' }], c1: [sp['component-value-quantity']![0]] },
      { c0: [{ s: LOINC, c: '8462-4', sc: `${LOINC}|8462-4`, t: 'diastolic' }], c1: [sp['component-value-quantity']![1]] },
    ]);
    expect(sp['combo-code-value-quantity']).toEqual(sp['component-code-value-quantity']);
    expect(sp['code-value-quantity']).toBeUndefined();
    expect(sp.date).toEqual([{ lo: '2024-03-05T14:15:00.000Z', hi: '2024-03-05T14:15:00.999Z' }]);
    expect(sp.patient).toEqual([{ r: 'Patient/pat-1', t: 'Patient', id: 'pat-1' }]);
    expect(sp.subject).toEqual(sp.patient);
    expect(sp.performer).toHaveLength(2);
    expect(sp.status).toEqual([{ c: 'final' }]);
    expect(compartments).toEqual(['Patient/pat-1']);
  });

  it('indexes the value[x] of an Observation by type: concept, string, period, quantity', () => {
    const base: Observation = { resourceType: 'Observation', status: 'final', code: { coding: [{ system: LOINC, code: 'x' }] } };
    const concept = index({ ...base, valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }], text: 'Negative' } }).sp;
    expect(concept['value-concept']).toEqual([{ s: 'http://snomed.info/sct', c: '260385009', sc: 'http://snomed.info/sct|260385009' }, { t: 'negative' }]);
    expect(concept['value-string']).toEqual([{ f: 'negative', e: 'Negative' }]);
    expect(concept['code-value-concept']).toHaveLength(1);
    const text = index({ ...base, valueString: 'Clear  Yellow' }).sp;
    expect(text['value-string']).toEqual([{ f: 'clear yellow', e: 'Clear  Yellow' }]);
    expect(text['code-value-string']).toEqual([{ c0: [{ s: LOINC, c: 'x', sc: `${LOINC}|x` }], c1: [{ f: 'clear yellow', e: 'Clear  Yellow' }] }]);
    const period = index({ ...base, valuePeriod: { start: '2024-01-01' } }).sp;
    expect(period['value-date']).toEqual([{ lo: '2024-01-01T00:00:00.000Z', hi: MAX_INSTANT }]);
    const weight = index({ ...base, valueQuantity: { value: 72500, unit: 'g', system: UCUM, code: 'g' } }).sp;
    expect(weight['value-quantity']).toEqual([{ v: 72500, s: UCUM, c: 'g', u: 'g', cv: 72500, cc: 'g' }]);
    expect(weight['code-value-quantity']).toHaveLength(1);
  });

  it('does not index a reference to a contained patient, nor put the resource in a compartment for it', () => {
    const { sp, compartments } = index({ ...bloodPressure, contained: [{ resourceType: 'Patient', id: 'p' }], subject: { reference: '#p' }, performer: undefined });
    expect(sp.subject).toBeUndefined();
    expect(sp.patient).toBeUndefined();
    expect(compartments).toEqual([]);
  });

  const encounter: Encounter = {
    resourceType: 'Encounter',
    id: 'enc-1',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185349003', display: 'Encounter for check up' }] }],
    subject: { reference: 'Patient/pat-1' },
    participant: [
      { individual: { reference: 'Practitioner/prac-1' } },
      { individual: { reference: 'RelatedPerson/rp-1' } },
    ],
    period: { start: '2024-03-05T09:00:00-05:00', end: '2024-03-05T09:45:00-05:00' },
    length: { value: 45, unit: 'min', system: UCUM, code: 'min' },
    reasonCode: [{ text: 'Annual check-up' }],
    location: [{ location: { reference: 'Location/loc-1' }, period: { start: '2024-03-05T09:00:00-05:00' } }],
    serviceProvider: { reference: 'Organization/org-1' },
  };

  it('indexes an Encounter: period, length, participants by type and location period', () => {
    const { sp, compartments } = index(encounter);
    expect(sp.date).toEqual([{ lo: '2024-03-05T14:00:00.000Z', hi: '2024-03-05T14:45:00.999Z' }]);
    expect(sp.length).toEqual([{ v: 45, s: UCUM, c: 'min', u: 'min', cv: 2700, cc: 's' }]);
    expect(sp.class).toEqual([{ s: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', c: 'AMB', sc: 'http://terminology.hl7.org/CodeSystem/v3-ActCode|AMB' }]);
    expect(sp.practitioner).toEqual([{ r: 'Practitioner/prac-1', t: 'Practitioner', id: 'prac-1' }]);
    expect(sp.participant).toHaveLength(2);
    expect(sp['reason-code']).toEqual([{ t: 'annual check-up' }]);
    expect(sp['location-period']).toEqual([{ lo: '2024-03-05T14:00:00.000Z', hi: MAX_INSTANT }]);
    expect(sp['service-provider']).toEqual([{ r: 'Organization/org-1', t: 'Organization', id: 'org-1' }]);
    expect(compartments).toEqual(['Patient/pat-1']);
  });

  const claim: Claim = {
    resourceType: 'Claim',
    id: 'claim-1',
    identifier: [{ system: 'http://payer.example.org/claim', value: 'C-77' }],
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'claim',
    patient: { reference: 'Patient/pat-1' },
    created: '2024-03-06',
    insurer: { reference: 'Organization/payer-1' },
    provider: { reference: 'Organization/org-1' },
    priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
    careTeam: [{ sequence: 1, provider: { reference: 'Practitioner/prac-1' } }],
    insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/cov-1' } }],
    item: [{ sequence: 1, productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99213' }] }, encounter: [{ reference: 'Encounter/enc-1' }], net: { value: 150, currency: 'USD' } }],
  };

  it('indexes a Claim: parties, dates, items and care team', () => {
    const { sp, compartments } = index(claim);
    expect(sp.patient).toEqual([{ r: 'Patient/pat-1', t: 'Patient', id: 'pat-1' }]);
    expect(sp.created).toEqual([{ lo: '2024-03-06T00:00:00.000Z', hi: '2024-03-06T23:59:59.999Z' }]);
    expect(sp.insurer).toEqual([{ r: 'Organization/payer-1', t: 'Organization', id: 'payer-1' }]);
    expect(sp.encounter).toEqual([{ r: 'Encounter/enc-1', t: 'Encounter', id: 'enc-1' }]);
    expect(sp['care-team']).toEqual([{ r: 'Practitioner/prac-1', t: 'Practitioner', id: 'prac-1' }]);
    expect(sp.use).toEqual([{ c: 'claim' }]);
    expect(sp.priority).toHaveLength(1);
    expect(sp.identifier).toEqual([{ s: 'http://payer.example.org/claim', c: 'C-77', sc: 'http://payer.example.org/claim|C-77' }]);
    expect(compartments).toEqual(['Patient/pat-1']);
  });

  it('indexes an ExplanationOfBenefit: claim, coverage, disposition and payee', () => {
    const eob: ExplanationOfBenefit = {
      resourceType: 'ExplanationOfBenefit',
      id: 'eob-1',
      status: 'active',
      type: claim.type,
      use: 'claim',
      patient: { reference: 'Patient/pat-1' },
      created: '2024-03-10T12:00:00Z',
      insurer: { reference: 'Organization/payer-1' },
      provider: { reference: 'Organization/org-1' },
      claim: { reference: 'Claim/claim-1' },
      outcome: 'complete',
      disposition: 'Claim settled as per contract',
      payee: { party: { reference: 'Organization/org-1' } },
      insurance: [{ focal: true, coverage: { reference: 'Coverage/cov-1' } }],
    };
    const { sp, compartments } = index(eob);
    expect(sp.claim).toEqual([{ r: 'Claim/claim-1', t: 'Claim', id: 'claim-1' }]);
    expect(sp.coverage).toEqual([{ r: 'Coverage/cov-1', t: 'Coverage', id: 'cov-1' }]);
    expect(sp.disposition).toEqual([{ f: 'claim settled as per contract', e: 'Claim settled as per contract' }]);
    expect(sp.payee).toEqual([{ r: 'Organization/org-1', t: 'Organization', id: 'org-1' }]);
    expect(sp.created).toEqual([{ lo: '2024-03-10T12:00:00.000Z', hi: '2024-03-10T12:00:00.999Z' }]);
    expect(compartments).toEqual(['Patient/pat-1']);
  });

  it('indexes a Condition onset given as an Age, and an abatement given as a dateTime', () => {
    const condition: Condition = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/pat-1' },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] },
      onsetAge: { value: 42, unit: 'years', system: UCUM, code: 'a' },
      abatementDateTime: '2020-06',
    };
    const { sp } = index(condition);
    expect(sp['onset-age']).toEqual([{ v: 42, s: UCUM, c: 'a', u: 'years', cv: 1325419200, cc: 's' }]);
    expect(sp['onset-date']).toBeUndefined();
    expect(sp['abatement-date']).toEqual([{ lo: '2020-06-01T00:00:00.000Z', hi: '2020-06-30T23:59:59.999Z' }]);
  });

  it('indexes a MedicationRequest medication as a code or as a reference, by its type', () => {
    const base: MedicationRequest = { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/pat-1' } };
    const coded = index({ ...base, medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361' }] } }).sp;
    expect(coded.code).toHaveLength(1);
    expect(coded.medication).toBeUndefined();
    const referenced = index({ ...base, medicationReference: { reference: 'Medication/med-1' } }).sp;
    expect(referenced.medication).toEqual([{ r: 'Medication/med-1', t: 'Medication', id: 'med-1' }]);
    expect(referenced.code).toBeUndefined();
  });
});
