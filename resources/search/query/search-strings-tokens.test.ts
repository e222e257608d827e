import type { FhirResource } from 'fhir/r4';
import { openSearchFixture, type SearchFixture } from './testing/search-fixture';

const LOINC = 'http://loinc.org';
const MRN = 'http://hospital.example/mrn';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

const RESOURCES: FhirResource[] = [
  {
    resourceType: 'Patient',
    id: 'zoe',
    active: true,
    gender: 'female',
    name: [{ family: 'Müller', given: ['Zoë', 'Anne'] }],
    identifier: [{ system: MRN, value: 'A|1,2', type: { coding: [{ system: V2_0203, code: 'MR' }], text: 'Medical record number' } }],
    telecom: [{ system: 'email', value: 'zoe@example.org' }],
  },
  { resourceType: 'Patient', id: 'bob', active: false, gender: 'male', name: [{ family: 'Smith', given: ['Bob'] }], identifier: [{ value: 'B-7' }] },
  { resourceType: 'Patient', id: 'eve', gender: 'female', name: [{ family: 'Smithson', given: ['Eve'], text: 'Eve (x.*) Smithson' }] },
  {
    resourceType: 'Observation',
    id: 'glucose',
    status: 'final',
    code: { coding: [{ system: LOINC, code: '2339-0', display: 'Glucose [Mass/volume] in Blood' }], text: 'Blood glucose' },
    subject: { reference: 'Patient/zoe' },
  },
  {
    resourceType: 'Observation',
    id: 'local-code',
    status: 'preliminary',
    code: { coding: [{ code: '2339-0' }] },
    subject: { reference: 'Patient/bob' },
  },
  {
    resourceType: 'Observation',
    id: 'other-system',
    status: 'amended',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '2339-0' }] },
  },
];

let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture();
  await f.load(RESOURCES);
});
afterAll(() => f.close());

describe('string parameters (R4 search.html#string)', () => {
  it('match the start of any part, ignoring case and accents', async () => {
    expect(await f.matches('Patient', 'name=MULL')).toEqual(['Patient/zoe']);
    expect(await f.matches('Patient', 'name=zoe')).toEqual(['Patient/zoe']);
    expect(await f.matches('Patient', 'family=smith&_sort=_id')).toEqual(['Patient/bob', 'Patient/eve']);
  });

  it(':contains matches anywhere in the value', async () => {
    expect(await f.matches('Patient', 'family:contains=ITHS')).toEqual(['Patient/eve']);
  });

  it(':exact matches the whole value, with its case and accents', async () => {
    expect(await f.matches('Patient', 'family:exact=Müller')).toEqual(['Patient/zoe']);
    expect(await f.matches('Patient', 'family:exact=muller')).toEqual([]);
    expect(await f.matches('Patient', 'family:exact=Smith')).toEqual(['Patient/bob']);
  });

  it('takes regular expression characters literally', async () => {
    expect(await f.matches('Patient', 'name:contains=(x.*)')).toEqual(['Patient/eve']);
    expect(await f.matches('Patient', 'name=.*')).toEqual([]);
    expect(await f.matches('Patient', 'name=^smith')).toEqual([]);
  });

  it('ORs comma-separated values and ANDs repeated parameters', async () => {
    expect(await f.matches('Patient', 'name=bob,eve&_sort=_id')).toEqual(['Patient/bob', 'Patient/eve']);
    expect(await f.matches('Patient', 'name=smith&name=eve')).toEqual(['Patient/eve']);
  });
});

describe('token parameters (R4 search.html#token)', () => {
  it('code matches in any system; system|code in that system; |code without a system; system| any code of it', async () => {
    expect(await f.matches('Observation', 'code=2339-0&_sort=_id')).toEqual(['Observation/glucose', 'Observation/local-code', 'Observation/other-system']);
    expect(await f.matches('Observation', `code=${LOINC}|2339-0`)).toEqual(['Observation/glucose']);
    expect(await f.matches('Observation', 'code=|2339-0')).toEqual(['Observation/local-code']);
    expect(await f.matches('Observation', `code=${LOINC}|`)).toEqual(['Observation/glucose']);
  });

  it('matches identifiers by system and value, with escaped separators in the value', async () => {
    expect(await f.matches('Patient', `identifier=${MRN}|A\\|1\\,2`)).toEqual(['Patient/zoe']);
    expect(await f.matches('Patient', 'identifier=B-7')).toEqual(['Patient/bob']);
  });

  it('matches booleans and codes', async () => {
    expect(await f.matches('Patient', 'active=true')).toEqual(['Patient/zoe']);
    expect(await f.matches('Patient', 'gender=female&_sort=_id')).toEqual(['Patient/eve', 'Patient/zoe']);
    expect(await f.matches('Patient', 'email=zoe@example.org')).toEqual(['Patient/zoe']);
  });

  it(':not returns resources without a matching value, including those without the element', async () => {
    expect(await f.matches('Patient', 'active:not=true&_sort=_id')).toEqual(['Patient/bob', 'Patient/eve']);
    expect(await f.matches('Patient', 'gender:not=male&_sort=_id')).toEqual(['Patient/eve', 'Patient/zoe']);
  });

  it(':text matches the start of a word of the display or text', async () => {
    expect(await f.matches('Observation', 'code:text=glucose')).toEqual(['Observation/glucose']);
    expect(await f.matches('Observation', 'code:text=BLOOD GLU')).toEqual(['Observation/glucose']);
    expect(await f.matches('Observation', 'code:text=lucose')).toEqual([]);
  });

  it(':of-type matches an identifier by its type and value', async () => {
    expect(await f.matches('Patient', `identifier:of-type=${V2_0203}|MR|A\\|1\\,2`)).toEqual(['Patient/zoe']);
    expect(await f.matches('Patient', `identifier:of-type=${V2_0203}|DL|A\\|1\\,2`)).toEqual([]);
  });

  it(':in and :not-in test membership of a value set from the definitions', async () => {
    const statuses = 'http://hl7.org/fhir/ValueSet/observation-status';
    expect(await f.matches('Observation', `status:in=${statuses}&_sort=_id`)).toHaveLength(3);
    expect(await f.matches('Observation', `status:not-in=${statuses}`)).toEqual([]);
    expect(await f.matches('Patient', 'gender:in=http://hl7.org/fhir/ValueSet/administrative-gender&_sort=_id')).toHaveLength(3);
  });

  it(':below and :above follow the code system hierarchy', async () => {
    // In http://hl7.org/fhir/observation-status, `amended` subsumes `corrected`.
    const system = 'http://hl7.org/fhir/observation-status';
    await f.load([{ resourceType: 'Observation', id: 'corrected', status: 'corrected', code: { text: 'x' } }]);
    expect(await f.matches('Observation', `status:below=${system}|amended&_sort=_id`)).toEqual(['Observation/corrected', 'Observation/other-system']);
    expect(await f.matches('Observation', `status:above=${system}|corrected&_sort=_id`)).toEqual(['Observation/corrected', 'Observation/other-system']);
    expect(await f.matches('Observation', `status:below=${system}|final`)).toEqual(['Observation/glucose']);
  });

  it(':in with a value set the server does not know is a 400 naming the parameter', async () => {
    await expect(f.search('Observation', 'status:in=http://example.org/ValueSet/unknown')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('status:in') });
  });

  it('a comparison prefix on a token is a 400 naming the parameter', async () => {
    await expect(f.search('Observation', 'code=ge2020-01-01')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('code') });
  });

  it('takes values that look like query operators as data', async () => {
    expect(await f.matches('Patient', 'gender={"$gt":""}')).toEqual([]);
    expect(await f.matches('Patient', 'identifier={"$ne":null}')).toEqual([]);
    expect(await f.matches('Patient', '_id={"$gt":""}')).toEqual([]);
  });
});
