import type { Bundle, FhirResource } from 'fhir/r4';
import { forgeAccessToken } from '../support/auth-forge';
import { LOOPBACK_BASE_URL, rootOf } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Searches under SMART scopes (SMART App Launch 2, scopes-and-launch-context): a `patient/` scope confines to the
 * launch patient's compartment, a granular scope's query is compiled into the search, and types without a grant
 * are refused (403), or silently left out when they would only be included.
 */
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

const observation = (id: string, patient: string, category: string): FhirResource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ system: CATEGORY, code: category }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '2339-0' }] },
  subject: { reference: `Patient/${patient}` },
  performer: [{ reference: 'Practitioner/doc' }],
});

const DATA: FhirResource[] = [
  { resourceType: 'Practitioner', id: 'doc', name: [{ family: 'Doc' }] },
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'One' }], generalPractitioner: [{ reference: 'Practitioner/doc' }] },
  { resourceType: 'Patient', id: 'p2', name: [{ family: 'Two' }] },
  observation('lab1', 'p1', 'laboratory'),
  observation('vital1', 'p1', 'vital-signs'),
  observation('lab2', 'p2', 'laboratory'),
];

let t: TestServer;
let labsOfP1: string;
beforeAll(async () => {
  t = await startTestServer(LOOPBACK_BASE_URL);
  await t.putAll(DATA);
  labsOfP1 = await forgeAccessToken(t.server.app.store, rootOf(t), t.base, {
    claims: { scope: `patient/Patient.rs patient/Observation.rs?category=${CATEGORY}|laboratory`, patient: 'p1' },
  });
}, 60_000);
afterAll(() => t.stop());

const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const entries = (bundle: Bundle) => (bundle.entry ?? []).map((e) => `${e.search?.mode} ${e.resource!.resourceType}/${e.resource!.id}`);

describe('search under SMART scopes', () => {
  it('a granular patient scope returns only that patient\'s resources matching the scope\'s query', async () => {
    const res = await t.fhir('/Observation', as(labsOfP1));
    expect(res.status).toBe(200);
    expect(entries(res.json)).toEqual(['match Observation/lab1']);
    expect(entries((await t.fhir('/Observation?category=vital-signs', as(labsOfP1))).json)).toEqual([]);
    expect(entries((await t.fhir('/Patient', as(labsOfP1))).json)).toEqual(['match Patient/p1']);
  });

  it('a compartment search for another patient finds nothing the token may see', async () => {
    expect(entries((await t.fhir('/Patient/p2/Observation', as(labsOfP1))).json)).toEqual([]);
  });

  it('a type without any grant is 403', async () => {
    expect((await t.fhir('/Practitioner', as(labsOfP1))).status).toBe(403);
  });

  it('a chain or _has through a type without a grant is 403', async () => {
    expect((await t.fhir('/Observation?performer:Practitioner.name=doc', as(labsOfP1))).status).toBe(403);
    const patientsOnly = await forgeAccessToken(t.server.app.store, rootOf(t), t.base, { claims: { scope: 'patient/Patient.rs', patient: 'p1' } });
    expect((await t.fhir('/Patient?_has:Observation:patient:category=laboratory', as(patientsOnly))).status).toBe(403);
  });

  it('included resources the token may not read are left out without an error', async () => {
    const res = await t.fhir('/Observation?_include=Observation:performer&_include=Observation:subject', as(labsOfP1));
    expect(res.status).toBe(200);
    expect(entries(res.json)).toEqual(['match Observation/lab1', 'include Patient/p1']);
  });

  it('a system-level search covers only the granted types', async () => {
    expect(entries((await t.fhir('/?_type=Patient,Observation&_sort=_id', as(labsOfP1))).json)).toEqual(['match Observation/lab1', 'match Patient/p1']);
  });
});
