import type { Bundle } from 'fhir/r4';
import { openSearchFixture, type SearchFixture } from './testing/search-fixture';

let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture();
  await f.load([
    { resourceType: 'Patient', id: 'p1', gender: 'female', name: [{ family: 'Smith' }] },
    { resourceType: 'Patient', id: 'p2', gender: 'male', name: [{ family: 'Jones' }] },
  ]);
});
afterAll(() => f.close());

const self = (bundle: Bundle) => bundle.link?.find((l) => l.relation === 'self')?.url;
const outcome = (bundle: Bundle) => bundle.entry?.find((e) => e.search?.mode === 'outcome')?.resource;

describe('unknown and unsupported parameters (R4 search.html#errors, Prefer: handling)', () => {
  it.each(['shoe-size=42', '_text=smith', '_contained=true', 'near=1|2|3|km', '_type=Patient'])(
    'lenient: %s is ignored, left out of the self link and reported in an outcome entry',
    async (param) => {
      const bundle = await f.search('Patient', `gender=female&${param}`);
      expect(bundle.entry!.filter((e) => e.search!.mode === 'match').map((e) => e.resource!.id)).toEqual(['p1']);
      expect(self(bundle)).toBe(`${f.fhirBase}/Patient?gender=female`);
      expect(outcome(bundle)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'warning' }] });
    },
  );

  it.each(['shoe-size=42', '_text=smith', 'subject.name=x'])('strict: %s is a 400 naming the parameter', async (param) => {
    const name = param.split('=')[0];
    await expect(f.search('Patient', `gender=female&${param}`, { handling: 'strict' })).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining(name) });
  });

  it('a modifier the parameter type does not take is a 400 either way', async () => {
    await expect(f.search('Patient', 'gender:exact=female')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('gender:exact') });
    await expect(f.search('Patient', 'birthdate:contains=2020')).rejects.toMatchObject({ kind: 'bad-request' });
  });

  it('an empty value is ignored', async () => {
    const bundle = await f.search('Patient', 'gender=&_sort=_id');
    expect(bundle.entry!.map((e) => e.resource!.id)).toEqual(['p1', 'p2']);
  });

  it('a known search needs no outcome entry', async () => {
    expect(outcome(await f.search('Patient', 'gender=female'))).toBeUndefined();
  });

  it('_format and _pretty stay in the links without selecting anything', async () => {
    const bundle = await f.search('Patient', 'gender=male&_format=json&_pretty=true', { handling: 'strict' });
    expect(self(bundle)).toBe(`${f.fhirBase}/Patient?gender=male&_format=json&_pretty=true`);
  });
});
