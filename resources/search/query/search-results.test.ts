import type { Bundle, FhirResource, Resource } from 'fhir/r4';
import { openSearchFixture, type SearchFixture } from './testing/search-fixture';

const DATA: FhirResource[] = [
  { resourceType: 'Organization', id: 'acme', name: 'Acme' },
  { resourceType: 'Practitioner', id: 'doc', name: [{ family: 'Doc' }] },
  { resourceType: 'PractitionerRole', id: 'role', practitioner: { reference: 'Practitioner/doc' }, organization: { reference: 'Organization/acme' } },
  { resourceType: 'Patient', id: 'ann', gender: 'female', birthDate: '1970', name: [{ family: 'Adams', given: ['Ann'] }], generalPractitioner: [{ reference: 'PractitionerRole/role' }], text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Ann</div>' } },
  { resourceType: 'Patient', id: 'bea', gender: 'female', birthDate: '1990', name: [{ family: 'Baker', given: ['Bea'] }] },
  { resourceType: 'Patient', id: 'cal', gender: 'male', birthDate: '1980', name: [{ family: 'Adams', given: ['Cal'] }] },
  { resourceType: 'Medication', id: 'aspirin', code: { text: 'Aspirin' } },
  {
    resourceType: 'MedicationRequest',
    id: 'mr1',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/ann' },
    medicationReference: { reference: 'Medication/aspirin' },
    requester: { reference: 'PractitionerRole/role' },
  },
  { resourceType: 'Encounter', id: 'enc1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/ann' } },
  { resourceType: 'Provenance', id: 'prov1', target: [{ reference: 'Encounter/enc1' }], recorded: '2020-01-01T00:00:00Z', agent: [{ who: { reference: 'Practitioner/doc' } }] },
];

let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture();
  await f.load(DATA);
});
afterAll(() => f.close());

const refs = (bundle: Bundle, mode: 'match' | 'include') =>
  (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);

describe('_sort (R4 search.html#sort)', () => {
  it('sorts by several keys, - for descending', async () => {
    expect(await f.matches('Patient', '_sort=family,-birthdate')).toEqual(['Patient/cal', 'Patient/ann', 'Patient/bea']);
    expect(await f.matches('Patient', '_sort=-gender,birthdate')).toEqual(['Patient/cal', 'Patient/ann', 'Patient/bea']);
  });

  it('sorts by _id and _lastUpdated', async () => {
    expect(await f.matches('Patient', '_sort=-_id')).toEqual(['Patient/cal', 'Patient/bea', 'Patient/ann']);
    expect(await f.matches('Patient', '_sort=_lastUpdated')).toEqual(['Patient/ann', 'Patient/bea', 'Patient/cal']);
  });

  it('refuses an unknown sort parameter with a 400', async () => {
    await expect(f.search('Patient', '_sort=shoe-size')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('shoe-size') });
  });
});

describe('_count (R4 search.html#count)', () => {
  it('limits the page, and a larger count than allowed is cut to the maximum', async () => {
    expect(await f.matches('Patient', '_count=2')).toHaveLength(2);
    const big = await openSearchFixture({ maxPageSize: 2 });
    try {
      await big.load(DATA);
      expect(await big.matches('Patient', '_count=1000')).toHaveLength(2);
    } finally {
      await big.close();
    }
  });

  it('refuses a count that is not a whole number', async () => {
    await expect(f.search('Patient', '_count=-1')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('_count') });
  });
});

describe('_total (R4 search.html#total)', () => {
  it('counts on request, leaves it out with none, and gives it for free on a complete first page', async () => {
    expect((await f.search('Patient', '_count=1&_total=accurate')).total).toBe(3);
    expect((await f.search('Patient', '_count=1&_total=estimate')).total).toBe(3);
    expect((await f.search('Patient', '_count=1')).total).toBeUndefined();
    expect((await f.search('Patient', '')).total).toBe(3);
    expect((await f.search('Patient', '_total=none')).total).toBeUndefined();
  });
});

describe('_summary and _elements (R4 search.html#summary, #elements)', () => {
  it('_summary=count returns the total and no entries', async () => {
    const bundle = await f.search('Patient', 'gender=female&_summary=count');
    expect(bundle.total).toBe(2);
    expect(bundle.entry).toBeUndefined();
  });

  it('_summary=true keeps the summary elements and marks the resource SUBSETTED', async () => {
    const [entry] = (await f.search('Patient', '_id=ann&_summary=true')).entry!;
    const patient = entry.resource as Record<string, unknown> & Resource;
    expect(patient.name).toBeDefined();
    expect(patient.text).toBeUndefined();
    expect(patient.meta?.tag).toContainEqual(expect.objectContaining({ code: 'SUBSETTED' }));
  });

  it('_summary=text keeps text, id, meta and mandatory elements; data drops text', async () => {
    const text = (await f.search('Patient', '_id=ann&_summary=text')).entry![0].resource as unknown as Record<string, unknown>;
    expect(Object.keys(text).sort()).toEqual(['id', 'meta', 'resourceType', 'text']);
    const data = (await f.search('Patient', '_id=ann&_summary=data')).entry![0].resource as unknown as Record<string, unknown>;
    expect(data.text).toBeUndefined();
    expect(data.name).toBeDefined();
  });

  it('_elements keeps the named elements plus id, meta and mandatory ones', async () => {
    const request = (await f.search('MedicationRequest', '_elements=subject')).entry![0].resource as unknown as Record<string, unknown>;
    expect(Object.keys(request).sort()).toEqual(['id', 'intent', 'medicationReference', 'meta', 'resourceType', 'status', 'subject']);
  });
});

describe('_include and _revinclude (R4 search.html#include)', () => {
  it('includes what the matches refer to, marked include', async () => {
    const bundle = await f.search('MedicationRequest', 'patient=ann&intent=order&status=active,on-hold,cancelled,completed&_include=MedicationRequest:medication');
    expect(refs(bundle, 'match')).toEqual(['MedicationRequest/mr1']);
    expect(refs(bundle, 'include')).toEqual(['Medication/aspirin']);
  });

  it('a target type narrows an include', async () => {
    expect(refs(await f.search('MedicationRequest', '_include=MedicationRequest:requester:Practitioner'), 'include')).toEqual([]);
    expect(refs(await f.search('MedicationRequest', '_include=MedicationRequest:requester:PractitionerRole'), 'include')).toEqual(['PractitionerRole/role']);
  });

  it('* includes through every reference parameter', async () => {
    expect(refs(await f.search('MedicationRequest', '_include=*'), 'include').sort()).toEqual(['Medication/aspirin', 'Patient/ann', 'PractitionerRole/role']);
  });

  it(':iterate applies again to what was included', async () => {
    const bundle = await f.search('MedicationRequest', '_include=MedicationRequest:requester&_include:iterate=PractitionerRole:practitioner&_include:iterate=PractitionerRole:organization');
    expect(refs(bundle, 'include').sort()).toEqual(['Organization/acme', 'Practitioner/doc', 'PractitionerRole/role']);
    const once = await f.search('MedicationRequest', '_include=MedicationRequest:requester&_include=PractitionerRole:practitioner');
    expect(refs(once, 'include')).toEqual(['PractitionerRole/role']);
  });

  it('revincludes what refers to the matches', async () => {
    const bundle = await f.search('Encounter', 'patient=ann&_revinclude=Provenance:target');
    expect(refs(bundle, 'match')).toEqual(['Encounter/enc1']);
    expect(refs(bundle, 'include')).toEqual(['Provenance/prov1']);
  });

  it('_revinclude=* finds every resource that refers to the matches', async () => {
    expect(refs(await f.search('Patient', '_id=ann&_revinclude=*'), 'include').sort()).toEqual(['Encounter/enc1', 'MedicationRequest/mr1']);
  });

  it('a resource that is a match is not included again', async () => {
    expect(refs(await f.search('Patient', '_include=Patient:link&_revinclude=Patient:link'), 'include')).toEqual([]);
  });

  it('refuses an include of a parameter the type does not have', async () => {
    await expect(f.search('MedicationRequest', '_include=MedicationRequest:nothing')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('_include') });
  });
});

describe('chains through whichever target type defines the next link (R4 search.html#chaining)', () => {
  it('general-practitioner.organization.name goes through PractitionerRole, the one target with an organization', async () => {
    expect(await f.matches('Patient', 'general-practitioner.organization.name=acme')).toEqual(['Patient/ann']);
    expect(await f.matches('Patient', 'general-practitioner.organization.name=other')).toEqual([]);
  });
});

describe('system-level search with _type (R4 search.html#searchcontexts)', () => {
  it('searches several types with their common parameters, in one order', async () => {
    expect(await f.matches(undefined, '_type=Patient,Organization&_sort=_id')).toEqual(['Organization/acme', 'Patient/ann', 'Patient/bea', 'Patient/cal']);
    expect(await f.matches(undefined, '_type=Patient,Medication&_id=aspirin,bea')).toEqual(expect.arrayContaining(['Medication/aspirin', 'Patient/bea']));
  });

  it('searches every type without _type', async () => {
    expect(await f.matches(undefined, '_id=enc1')).toEqual(['Encounter/enc1']);
  });
});
