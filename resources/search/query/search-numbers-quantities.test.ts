import type { FhirResource, Observation } from 'fhir/r4';
import { openSearchFixture, type SearchFixture } from './testing/search-fixture';

const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';

function risk(id: string, probability: number): FhirResource {
  return { resourceType: 'RiskAssessment', id, status: 'final', subject: { reference: 'Patient/p' }, prediction: [{ probabilityDecimal: probability }] };
}

function measured(id: string, value: number, code: string, unit = code, system = UCUM): Observation {
  return { resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code: '2339-0' }] }, valueQuantity: { value, unit, system, code } };
}

const DATA: FhirResource[] = [
  { resourceType: 'Patient', id: 'p' },
  risk('r99', 99.4),
  risk('r100', 100),
  risk('r100-4', 100.4),
  risk('r101', 101),
  risk('r110', 110),
  measured('mg', 5.4, 'mg'),
  measured('g', 0.0054, 'g'),
  measured('kg', 1, 'kg'),
  measured('local', 5.4, 'mg-local', 'milligram', 'http://example.org/units'),
  {
    resourceType: 'Observation',
    id: 'bp',
    status: 'final',
    code: { coding: [{ system: LOINC, code: '85354-9' }] },
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 140, system: UCUM, code: 'mm[Hg]' } },
      { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 90, system: UCUM, code: 'mm[Hg]' } },
    ],
  },
  { resourceType: 'ValueSet', id: 'vs1', status: 'active', url: 'http://acme.org/fhir/ValueSet/123' },
  { resourceType: 'ValueSet', id: 'vs2', status: 'active', url: 'http://acme.org/fhir/ValueSet/123/_history/5' },
  { resourceType: 'ValueSet', id: 'vs3', status: 'active', url: 'http://acme.org/fhir' },
];

let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture();
  await f.load(DATA);
});
afterAll(() => f.close());

const ids = (type: string, query: string) => f.matchingIds(type, query);

describe('number parameters (R4 search.html#number)', () => {
  it.each([
    ['100', ['r100', 'r100-4']],
    ['100.0', ['r100']],
    ['1e2', ['r100', 'r100-4', 'r101', 'r99']],
    ['ne100', ['r101', 'r110', 'r99']],
    ['gt100', ['r100-4', 'r101', 'r110']],
    ['ge100', ['r100', 'r100-4', 'r101', 'r110']],
    ['lt100', ['r99']],
    ['le100', ['r100', 'r99']],
    ['sa100', ['r101', 'r110']],
    ['eb100', ['r99']],
    ['ap100', ['r100', 'r100-4', 'r101', 'r110', 'r99']],
    ['ap120', ['r110']],
  ])('probability=%s', async (value, expected) => {
    expect(await ids('RiskAssessment', `probability=${value}`)).toEqual(expected);
  });
});

describe('quantity parameters (R4 search.html#quantity)', () => {
  it('compares UCUM quantities in canonical units', async () => {
    expect(await ids('Observation', `value-quantity=5.4|${UCUM}|mg`)).toEqual(['g', 'mg']);
    expect(await ids('Observation', `value-quantity=0.0054|${UCUM}|g`)).toEqual(['g', 'mg']);
    expect(await ids('Observation', `value-quantity=gt1|${UCUM}|g`)).toEqual(['kg']);
  });

  it('matches other systems by value, system and code', async () => {
    expect(await ids('Observation', 'value-quantity=5.4|http://example.org/units|mg-local')).toEqual(['local']);
  });

  it('matches number||unit by code or by the human-readable unit in any system', async () => {
    expect(await ids('Observation', 'value-quantity=5.4||mg')).toEqual(['mg']);
    expect(await ids('Observation', 'value-quantity=5.4||MILLIGRAM')).toEqual(['local']);
  });

  it('matches a bare number in any unit, with prefixes', async () => {
    expect(await ids('Observation', 'value-quantity=5.4')).toEqual(['local', 'mg']);
    expect(await ids('Observation', 'value-quantity=le0.01')).toEqual(['g']);
  });

  it('refuses a malformed quantity with a 400 naming the parameter', async () => {
    await expect(f.search('Observation', 'value-quantity=5.4|mg')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('value-quantity') });
    await expect(f.search('Observation', 'value-quantity=abc')).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('composite parameters match all components within the same element (R4 search.html#composite)', () => {
  it('code$value on the same component', async () => {
    expect(await ids('Observation', `component-code-value-quantity=${LOINC}|8480-6$gt130`)).toEqual(['bp']);
    expect(await ids('Observation', `component-code-value-quantity=${LOINC}|8462-4$gt130`)).toEqual([]);
    expect(await ids('Observation', `component-code-value-quantity=${LOINC}|8462-4$lt100|${UCUM}|mm[Hg]`)).toEqual(['bp']);
  });

  it('code$value on the resource', async () => {
    expect(await ids('Observation', `code-value-quantity=${LOINC}|2339-0$5.4|${UCUM}|mg`)).toEqual(['g', 'mg']);
  });

  it('refuses a value with the wrong number of components', async () => {
    await expect(f.search('Observation', `code-value-quantity=${LOINC}|2339-0`)).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('uri parameters (R4 search.html#uri)', () => {
  it('match the whole URI exactly', async () => {
    expect(await ids('ValueSet', 'url=http://acme.org/fhir/ValueSet/123')).toEqual(['vs1']);
    expect(await ids('ValueSet', 'url=http://acme.org/fhir/ValueSet')).toEqual([]);
  });

  it(':below matches URIs under the value, :above URIs the value is under', async () => {
    expect(await ids('ValueSet', 'url:below=http://acme.org/fhir/ValueSet/123')).toEqual(['vs1', 'vs2']);
    expect(await ids('ValueSet', 'url:above=http://acme.org/fhir/ValueSet/123/_history/5')).toEqual(['vs1', 'vs2', 'vs3']);
  });
});
