import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/test-server';

const MRN = 'http://hospital.example/mrn';
const CLAIMS = 'http://billing.example/claims';
const batch = (...entry: object[]) => ({ resourceType: 'Bundle', type: 'batch', entry });
const patient = (mrn: string) => ({ resourceType: 'Patient', identifier: [{ system: MRN, value: mrn }], name: [{ family: 'Batch' }] });
const claim = (patientId: string, number: string) => ({
  resourceType: 'Claim',
  identifier: [{ system: CLAIMS, value: number }],
  status: 'active',
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
  use: 'claim',
  patient: { reference: `Patient/${patientId}` },
  created: '2026-11-01',
  provider: { display: 'Clinic' },
  priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
  insurance: [{ sequence: 1, focal: true, coverage: { display: 'Plan' } }],
});

describe('batch Bundles (R4 http.html#batch)', () => {
  let t: TestServer;
  let patientId: string;
  beforeAll(async () => {
    t = await startTestServer();
    patientId = (await t.fhir('/Patient', { body: patient('B-0') })).json.id;
  });
  afterAll(() => t.stop());

  const post = (body: object, headers: Record<string, string> = {}) => t.fhir('/', { body, headers });

  it('carries out each entry on its own: a failing entry gets its status and OperationOutcome, the others go on', async () => {
    const res = await post(
      batch(
        { resource: patient('B-1'), request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        { resource: { resourceType: 'Observation', code: { text: 'no status' } }, request: { method: 'POST', url: 'Observation' } },
        { resource: { ...patient('B-0'), id: patientId, active: true }, request: { method: 'PUT', url: `Patient/${patientId}` } },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.json.type).toBe('batch-response');
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['201 Created', '404 Not Found', '400 Bad Request', '200 OK']);
    expect(res.json.entry[0].response.location).toMatch(/^Patient\/.+\/_history\/1$/);
    expect(res.json.entry[1].response.outcome.issue[0].code).toBe('not-found');
    expect(res.json.entry[2].response.outcome.resourceType).toBe('OperationOutcome');
    expect(res.json.entry[3].response).toMatchObject({ etag: 'W/"2"', lastModified: expect.any(String) });
    expect((await t.fhir(`/Patient/${patientId}`)).json.active).toBe(true);
  });

  it('lets a billing system re-send a batch of claims: ifNoneExist creates nothing the second time', async () => {
    const claims = batch(
      ...['CL-1', 'CL-2', 'CL-3'].map((n) => ({ resource: claim(patientId, n), request: { method: 'POST', url: 'Claim', ifNoneExist: `identifier=${CLAIMS}|${n}` } })),
    );
    const first = await post(claims);
    expect(first.json.entry.map((e: any) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created']);
    const again = await post(claims);
    expect(again.json.entry.map((e: any) => e.response.status)).toEqual(['200 OK', '200 OK', '200 OK']);
    expect(again.json.entry.map((e: any) => e.response.location)).toEqual(first.json.entry.map((e: any) => e.response.location));
    expect((await t.fhir(`/Claim?identifier=${CLAIMS}|CL-1&_total=accurate`)).json.total).toBe(1);
  });

  it('refuses an entry that refers to another entry by urn:uuid (batch entries are independent), and goes on', async () => {
    const p = `urn:uuid:${randomUUID()}`;
    const res = await post(
      batch(
        { fullUrl: p, resource: patient('B-2'), request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: p } }, request: { method: 'POST', url: 'Observation' } },
      ),
    );
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['201 Created', '400 Bad Request']);
    expect(res.json.entry[1].response.outcome.issue[0].diagnostics).toMatch(/names entry 0: entries of a batch are independent/);
  });

  it('reads, vreads and searches in GET entries, and answers 304 to a conditional read that matches', async () => {
    const res = await post(
      batch(
        { request: { method: 'GET', url: `Patient/${patientId}` } },
        { request: { method: 'GET', url: `Patient/${patientId}/_history/1` } },
        { request: { method: 'GET', url: `Patient?identifier=${MRN}|B-0` } },
        { request: { method: 'GET', url: `Patient/${patientId}`, ifNoneMatch: 'W/"2"' } },
        { request: { method: 'GET', url: `Patient/${patientId}/Claim` } },
      ),
    );
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['200 OK', '200 OK', '200 OK', '304 Not Modified', '200 OK']);
    expect(res.json.entry[0].resource.id).toBe(patientId);
    expect(res.json.entry[1].resource.meta.versionId).toBe('1');
    expect(res.json.entry[2].resource.type).toBe('searchset');
    expect(res.json.entry[2].resource.entry[0].resource.id).toBe(patientId);
    expect(res.json.entry[3].resource).toBeUndefined();
    expect(res.json.entry[4].resource.entry.length).toBeGreaterThanOrEqual(3);
  });

  it('answers history in GET entries, for a resource, a type and the system, as the REST history interaction does', async () => {
    const id = (await t.fhir('/Patient', { body: patient('B-H') })).json.id;
    await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient('B-H'), id, active: true } });
    const res = await post(
      batch(
        { request: { method: 'GET', url: `Patient/${id}/_history` } },
        { request: { method: 'GET', url: `Patient/${id}/_history?_count=1` } },
        { request: { method: 'GET', url: 'Patient/_history?_count=2' } },
        { request: { method: 'GET', url: '_history?_count=1' } },
        { request: { method: 'GET', url: `Patient/${id}/_history?_since=not-a-date` } },
        { request: { method: 'DELETE', url: `Patient/${id}/_history` } },
      ),
    );
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['200 OK', '200 OK', '200 OK', '200 OK', '400 Bad Request', '400 Bad Request']);
    const [instance, firstPage, type, system] = res.json.entry.map((e: any) => e.resource);
    const rest = (await t.fhir(`/Patient/${id}/_history`)).json;
    expect(instance.type).toBe('history');
    expect(instance.total).toBe(2);
    expect(instance.entry.map((e: any) => [e.request.method, e.response.status, e.resource.meta.versionId])).toEqual([
      ['PUT', '200 OK', '2'],
      ['POST', '201 Created', '1'],
    ]);
    expect(instance.entry).toEqual(rest.entry);
    expect(firstPage.entry).toHaveLength(1);
    const next = firstPage.link.find((l: any) => l.relation === 'next').url;
    expect(next).toContain(`/Patient/${id}/_history?_count=1&_page=`);
    expect((await t.fhir(next.slice(next.indexOf('/Patient/')))).json.entry[0].resource.meta.versionId).toBe('1');
    expect(type.entry).toHaveLength(2);
    expect(type.entry.every((e: any) => e.resource.resourceType === 'Patient')).toBe(true);
    expect(system.entry).toHaveLength(1);
    expect(res.json.entry[4].response.outcome.issue[0].expression).toEqual(['_since']);
    expect(res.json.entry[5].response.outcome.issue[0].expression).toEqual(['Bundle.entry[5].request.url']);
  });

  it('checks ifMatch per entry: only the stale entry fails', async () => {
    const id = (await t.fhir('/Patient', { body: patient('B-3') })).json.id;
    const res = await post(
      batch(
        { resource: { ...patient('B-3'), id, active: true }, request: { method: 'PUT', url: `Patient/${id}`, ifMatch: 'W/"9"' } },
        { resource: { ...patient('B-3'), id, active: false }, request: { method: 'PUT', url: `Patient/${id}`, ifMatch: 'W/"1"' } },
      ),
    );
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['412 Precondition Failed', '200 OK']);
  });

  it('records an AuditEvent per entry, failed ones included, and one for the batch', async () => {
    const requestId = `batch-audit-${randomUUID()}`;
    await post(batch({ resource: patient('B-4'), request: { method: 'POST', url: 'Patient' } }, { request: { method: 'GET', url: 'Patient/not-there' } }), { 'x-request-id': requestId });
    const events = (await t.fhir('/AuditEvent?_count=1000&_sort=-date')).json.entry.map((e: any) => e.resource);
    const ofRequest = events.filter((e: any) => (e.entity ?? []).some((x: any) => x.what?.identifier?.value === requestId));
    expect(ofRequest.map((e: any) => [e.subtype[0].code, e.outcome]).sort()).toEqual([['batch', '0'], ['create', '0'], ['read', '4']]);
  });
});
