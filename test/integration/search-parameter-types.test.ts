import type { Bundle, FhirResource } from 'fhir/r4';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Every search parameter type with its prefixes and modifiers, over HTTP (R4 search.html#ptypes), each answered
 * the same by GET and by POST _search. The engine's own tests (resources/search/query) hold the full tables.
 */
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const MRN = 'http://hospital.example/mrn';

const DATA: FhirResource[] = [
  { resourceType: 'Patient', id: 'ann', active: true, gender: 'female', birthDate: '1980-05-17', name: [{ family: 'Åström', given: ['Ann'] }], identifier: [{ system: MRN, value: '1|2' }] },
  { resourceType: 'Patient', id: 'bob', active: false, gender: 'male', birthDate: '1990', name: [{ family: 'Smith', given: ['Bob'] }] },
  {
    resourceType: 'Observation',
    id: 'glu',
    status: 'final',
    code: { coding: [{ system: LOINC, code: '2339-0', display: 'Glucose [Mass/volume] in Blood' }] },
    subject: { reference: 'Patient/ann' },
    effectivePeriod: { start: '2021-03-01T08:00:00Z', end: '2021-03-01T09:00:00Z' },
    valueQuantity: { value: 5.4, unit: 'mg', system: UCUM, code: 'mg' },
  },
  {
    resourceType: 'Observation',
    id: 'bp',
    status: 'amended',
    code: { coding: [{ system: LOINC, code: '85354-9' }] },
    subject: { reference: 'Patient/bob' },
    effectiveDateTime: '2022-07-04',
    component: [{ code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 150, system: UCUM, code: 'mm[Hg]' } }],
  },
  { resourceType: 'RiskAssessment', id: 'risk', status: 'final', subject: { reference: 'Patient/ann' }, prediction: [{ probabilityDecimal: 0.25 }] },
  { resourceType: 'ValueSet', id: 'vs', status: 'active', url: 'http://acme.org/fhir/ValueSet/colors' },
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.putAll(DATA);
}, 60_000);
afterAll(() => t.stop());

const ids = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!.id!).sort();

async function both(type: string, query: string): Promise<string[]> {
  const viaGet = await t.fhir(`/${type}?${query}`);
  expect(viaGet.status).toBe(200);
  const viaPost = await t.fhir(`/${type}/_search`, { method: 'POST', rawBody: query, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(ids(viaPost.json)).toEqual(ids(viaGet.json));
  return ids(viaGet.json);
}

const q = encodeURIComponent;

describe('search parameter types, prefixes and modifiers over HTTP, by GET and POST _search alike', () => {
  it.each([
    ['string, folded prefix', 'Patient', 'name=ASTR', ['ann']],
    ['string :contains', 'Patient', 'family:contains=mit', ['bob']],
    ['string :exact', 'Patient', `family:exact=${q('Åström')}`, ['ann']],
    ['string :missing', 'Patient', 'address:missing=true', ['ann', 'bob']],
    ['token code', 'Observation', 'code=2339-0', ['glu']],
    ['token system|code', 'Observation', `code=${q(`${LOINC}|2339-0`)}`, ['glu']],
    ['token with escaped |', 'Patient', `identifier=${q(`${MRN}|1\\|2`)}`, ['ann']],
    ['token boolean', 'Patient', 'active=false', ['bob']],
    ['token :not', 'Patient', 'gender:not=male', ['ann']],
    ['token :text', 'Observation', 'code:text=glucose', ['glu']],
    ['token :in', 'Patient', `gender:in=${q('http://hl7.org/fhir/ValueSet/administrative-gender')}`, ['ann', 'bob']],
    ['token :not-in', 'Patient', `gender:not-in=${q('http://hl7.org/fhir/ValueSet/administrative-gender')}`, []],
    ['token :below', 'Observation', `status:below=${q('http://hl7.org/fhir/observation-status|amended')}`, ['bp']],
    ['token :above', 'Observation', `status:above=${q('http://hl7.org/fhir/observation-status|corrected')}`, ['bp']],
    ['token :of-type', 'Patient', `identifier:of-type=${q('http://terminology.hl7.org/CodeSystem/v2-0203|MR|1\\|2')}`, []],
    ['date eq (day)', 'Patient', 'birthdate=1980-05-17', ['ann']],
    ['date eq (year) contains a day', 'Patient', 'birthdate=1980', ['ann']],
    ['date ne', 'Patient', 'birthdate=ne1980', ['bob']],
    ['date gt', 'Observation', 'date=gt2021-03-01', ['bp']],
    ['date ge on a period', 'Observation', 'date=ge2021-03-01', ['bp', 'glu']],
    ['date lt', 'Observation', 'date=lt2022', ['glu']],
    ['date le', 'Observation', 'date=le2022-07-04', ['bp', 'glu']],
    ['date sa', 'Observation', 'date=sa2021-03-01T08:30:00Z', ['bp']],
    ['date eb', 'Observation', 'date=eb2022', ['glu']],
    ['date ap', 'Patient', 'birthdate=ap1990-03', ['bob']],
    ['date with a time zone', 'Observation', `date=${q('2021-03-01T10:30:00+02:00')}`, []],
    ['number eq (precision)', 'RiskAssessment', 'probability=0.25', ['risk']],
    ['number gt', 'RiskAssessment', 'probability=gt0.3', []],
    ['number le', 'RiskAssessment', 'probability=le0.25', ['risk']],
    ['quantity in canonical units', 'Observation', `value-quantity=${q(`0.0054|${UCUM}|g`)}`, ['glu']],
    ['quantity number||code', 'Observation', `value-quantity=${q('ge5||mg')}`, ['glu']],
    ['reference id', 'Observation', 'subject=ann', ['glu']],
    ['reference Type/id', 'Observation', 'subject=Patient/bob', ['bp']],
    ['reference :Type', 'Observation', 'subject:Patient=ann', ['glu']],
    ['reference :missing', 'RiskAssessment', 'subject:missing=false', ['risk']],
    ['composite', 'Observation', `component-code-value-quantity=${q(`${LOINC}|8480-6$gt140`)}`, ['bp']],
    ['uri', 'ValueSet', `url=${q('http://acme.org/fhir/ValueSet/colors')}`, ['vs']],
    ['uri :below', 'ValueSet', `url:below=${q('http://acme.org/fhir')}`, ['vs']],
    ['uri :above', 'ValueSet', `url:above=${q('http://acme.org/fhir/ValueSet/colors/2')}`, ['vs']],
    ['_id', 'Patient', '_id=ann,bob', ['ann', 'bob']],
    ['_lastUpdated', 'Patient', `_lastUpdated=ge${new Date(Date.now() - 3_600_000).toISOString().slice(0, 10)}`, ['ann', 'bob']],
    ['OR with commas', 'Patient', 'gender=male,female', ['ann', 'bob']],
    ['AND with repeats', 'Patient', 'birthdate=ge1980&birthdate=lt1985', ['ann']],
  ])('%s: %s?%s', async (_name, type, query, expected) => {
    expect(await both(type, query)).toEqual(expected);
  });
});
