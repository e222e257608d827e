import type { Bundle, FhirResource } from 'fhir/r4';
import { startTestServer, type TestServer } from '../support/test-server';

/** Chaining, reverse chaining, includes, sorting and compartment search over HTTP (R4 search.html). */
const DATA: FhirResource[] = [
  { resourceType: 'Organization', id: 'acme', name: 'Acme Health' },
  { resourceType: 'Organization', id: 'other', name: 'Other Clinic' },
  { resourceType: 'Practitioner', id: 'jones', name: [{ family: 'Jones' }] },
  { resourceType: 'PractitionerRole', id: 'jones-acme', practitioner: { reference: 'Practitioner/jones' }, organization: { reference: 'Organization/acme' } },
  { resourceType: 'Patient', id: 'ann', name: [{ family: 'Smith', given: ['Ann'] }], birthDate: '1970', generalPractitioner: [{ reference: 'Organization/acme' }] },
  { resourceType: 'Patient', id: 'cal', name: [{ family: 'Brown', given: ['Cal'] }], birthDate: '1990', generalPractitioner: [{ reference: 'Organization/other' }] },
  { resourceType: 'Patient', id: 'dee', name: [{ family: 'Smith', given: ['Dee'] }], birthDate: '1980' },
  { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/ann' } },
  { resourceType: 'Observation', id: 'o1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '2339-0' }] }, subject: { reference: 'Patient/ann' }, encounter: { reference: 'Encounter/e1' } },
  { resourceType: 'Observation', id: 'o2', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, subject: { reference: 'Patient/cal' } },
  { resourceType: 'Provenance', id: 'pv1', target: [{ reference: 'Observation/o1' }], recorded: '2021-01-01T00:00:00Z', agent: [{ who: { reference: 'PractitionerRole/jones-acme' } }] },
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.putAll(DATA);
}, 60_000);
afterAll(() => t.stop());

async function get(path: string): Promise<Bundle> {
  const res = await t.fhir(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json as Bundle;
}

const entries = (bundle: Bundle, mode: string) =>
  (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);
const matches = async (path: string) => entries(await get(path), 'match');

describe('chaining (search.html#chaining)', () => {
  it('follows a typed chain', async () => {
    expect(await matches('/Observation?subject:Patient.name=smith')).toEqual(['Observation/o1']);
  });

  it('follows a chain of two links, untyped where the definitions allow', async () => {
    expect(await matches('/Observation?subject:Patient.general-practitioner.name=acme')).toEqual(['Observation/o1']);
    expect(await matches('/Observation?patient.general-practitioner:Organization.name=other')).toEqual(['Observation/o2']);
  });
});

describe('reverse chaining with _has (search.html#has)', () => {
  it('finds patients by what refers to them, nested', async () => {
    expect(await matches('/Patient?_has:Observation:patient:code=2339-0')).toEqual(['Patient/ann']);
    expect(await matches('/Patient?_has:Observation:patient:_has:Provenance:target:agent=PractitionerRole/jones-acme')).toEqual(['Patient/ann']);
  });
});

describe('_include and _revinclude (search.html#include)', () => {
  it('marks included resources include and matches match', async () => {
    const bundle = await get('/Observation?_id=o1&_include=Observation:patient&_include=Observation:encounter');
    expect(entries(bundle, 'match')).toEqual(['Observation/o1']);
    expect(entries(bundle, 'include').sort()).toEqual(['Encounter/e1', 'Patient/ann']);
    expect(bundle.entry![0].fullUrl).toBe(`${t.base}/Observation/o1`);
  });

  it('iterates with :iterate, and * takes every reference', async () => {
    const iterated = await get('/Observation?_id=o1&_revinclude=Provenance:target&_include:iterate=Provenance:agent&_include:iterate=PractitionerRole:organization');
    expect(entries(iterated, 'include').sort()).toEqual(['Organization/acme', 'PractitionerRole/jones-acme', 'Provenance/pv1']);
    // AuditEvents of the searches so far refer to the patient too; they are resources like any other.
    const referring = entries(await get('/Patient?_id=ann&_revinclude=*'), 'include').filter((r) => !r.startsWith('AuditEvent/'));
    expect(referring.sort()).toEqual(['Encounter/e1', 'Observation/o1']);
  });
});

describe('_sort (search.html#sort)', () => {
  it('sorts on several keys, - descending', async () => {
    expect(await matches('/Patient?_sort=family,-birthdate')).toEqual(['Patient/cal', 'Patient/dee', 'Patient/ann']);
  });
});

describe('compartment search (compartmentdefinition-patient)', () => {
  it('/Patient/{id}/Observation returns that patient\'s observations', async () => {
    expect(await matches('/Patient/ann/Observation')).toEqual(['Observation/o1']);
    expect(await matches('/Patient/ann/Observation?code=8867-4')).toEqual([]);
  });
});

describe('system-level search with _type (search.html#searchcontexts)', () => {
  it('searches several types in one order', async () => {
    expect(await matches('/?_type=Patient,Organization&_sort=-_id')).toEqual(['Organization/other', 'Patient/dee', 'Patient/cal', 'Patient/ann', 'Organization/acme']);
  });
});
