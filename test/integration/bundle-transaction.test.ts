import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/test-server';

const MRN = 'http://hospital.example/mrn';
const urn = () => `urn:uuid:${randomUUID()}`;
const patient = (mrn: string, extra: object = {}) => ({ resourceType: 'Patient', identifier: [{ system: MRN, value: mrn }], name: [{ family: 'Lab' }], ...extra });
const observation = (subject: string, extra: object = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
  subject: { reference: subject },
  ...extra,
});
const transaction = (...entry: object[]) => ({ resourceType: 'Bundle', type: 'transaction', entry });
const idOf = (location: string) => location.split('/')[1];

describe('transaction Bundles (R4 http.html#transaction)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  const post = (body: object, headers: Record<string, string> = {}) => t.fhir('/', { body, headers });
  const count = async (query: string) => (await t.fhir(`${query}&_total=accurate&_count=0`)).json.total as number;

  it('creates every entry and answers a transaction-response with one entry per request entry, in request order', async () => {
    const p = urn();
    const res = await post(transaction({ fullUrl: p, resource: patient('T-1'), request: { method: 'POST', url: 'Patient' } }, { resource: observation(p), request: { method: 'POST', url: 'Observation' } }));
    expect(res.status).toBe(200);
    expect(res.json.resourceType).toBe('Bundle');
    expect(res.json.type).toBe('transaction-response');
    const [first, second] = res.json.entry;
    expect(first.response).toEqual({ status: '201 Created', location: expect.stringMatching(/^Patient\/[^/]+\/_history\/1$/), etag: 'W/"1"', lastModified: expect.any(String) });
    expect(second.response.location).toMatch(/^Observation\//);
    expect(first.resource.identifier[0].value).toBe('T-1');
    expect(second.resource.subject.reference).toBe(`Patient/${idOf(first.response.location)}`);
    expect((await t.fhir(`/${second.response.location}`)).status).toBe(200);
  });

  it('honours Prefer: return=minimal and return=OperationOutcome for every entry', async () => {
    const minimal = await post(transaction({ resource: patient('T-2'), request: { method: 'POST', url: 'Patient' } }), { prefer: 'return=minimal' });
    expect(minimal.json.entry[0].resource).toBeUndefined();
    expect(minimal.json.entry[0].response.status).toBe('201 Created');
    const outcome = await post(transaction({ resource: patient('T-3'), request: { method: 'POST', url: 'Patient' } }), { prefer: 'return=OperationOutcome' });
    expect(outcome.json.entry[0].response.outcome.resourceType).toBe('OperationOutcome');
  });

  it('processes DELETE, then POST, then PUT and PATCH, then GET, and answers in the order of the request', async () => {
    const doomed = (await t.fhir('/Patient', { body: patient('T-4-doomed') })).json.id;
    const kept = (await t.fhir('/Patient', { body: patient('T-4-kept') })).json.id;
    const jsonPatch = Buffer.from(JSON.stringify([{ op: 'add', path: '/active', value: true }])).toString('base64');
    const res = await post(
      transaction(
        { request: { method: 'GET', url: `Patient?identifier=${MRN}|T-4-new` } },
        { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: jsonPatch }, request: { method: 'PATCH', url: `Patient/${kept}` } },
        { resource: patient('T-4-new'), request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'DELETE', url: `Patient/${doomed}` } },
        { request: { method: 'GET', url: `Patient/${kept}` } },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['200 OK', '200 OK', '201 Created', '200 OK', '200 OK']);
    // The search (entry 0) ran after the create (entry 2), and the read (entry 4) after the patch (entry 1).
    expect(res.json.entry[0].resource.entry.map((e: any) => e.resource.identifier[0].value)).toEqual(['T-4-new']);
    expect(res.json.entry[4].resource.active).toBe(true);
    expect((await t.fhir(`/Patient/${doomed}`)).status).toBe(410);
  });

  it('answers a history GET entry after the transaction\'s writes, which it shows', async () => {
    const id = (await t.fhir('/Patient', { body: patient('T-H') })).json.id;
    const res = await post(
      transaction(
        { request: { method: 'GET', url: `Patient/${id}/_history` } },
        { resource: patient('T-H', { id, active: true }), request: { method: 'PUT', url: `Patient/${id}` } },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.json.entry[0].response.status).toBe('200 OK');
    expect(res.json.entry[0].resource.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['2', '1']);
  });

  it('rewrites urn:uuid and urn:oid references everywhere: nested elements, extensions, contained resources, uri elements, narrative', async () => {
    const p = urn();
    const org = 'urn:oid:1.2.840.99999.1';
    const div = `<div xmlns="http://www.w3.org/1999/xhtml"><a href="${p}">patient</a></div>`;
    const res = await post(
      transaction(
        { fullUrl: org, resource: { resourceType: 'Organization', name: 'Lab Corp' }, request: { method: 'POST', url: 'Organization' } },
        { fullUrl: p, resource: patient('T-5', { managingOrganization: { reference: org } }), request: { method: 'POST', url: 'Patient' } },
        {
          resource: observation(p, {
            text: { status: 'generated', div },
            performer: [{ reference: org }],
            extension: [{ url: 'http://example.org/fhir/source', valueUri: p }, { url: 'http://example.org/fhir/by', valueReference: { reference: org } }],
            identifier: [{ system: 'urn:ietf:rfc:3986', value: p }],
            contained: [{ resourceType: 'Specimen', id: 'spec', subject: { reference: p } }],
            specimen: { reference: '#spec' },
            component: [{ code: { text: 'part' }, valueString: 'x', extension: [{ url: 'http://example.org/fhir/who', valueReference: { reference: p } }] }],
          }),
          request: { method: 'POST', url: 'Observation' },
        },
      ),
    );
    expect(res.status).toBe(200);
    const orgRef = `Organization/${idOf(res.json.entry[0].response.location)}`;
    const patientRef = `Patient/${idOf(res.json.entry[1].response.location)}`;
    const stored = (await t.fhir(`/${res.json.entry[2].response.location.split('/_history')[0]}`)).json;
    expect(stored.subject.reference).toBe(patientRef);
    expect(stored.performer[0].reference).toBe(orgRef);
    expect(stored.extension.map((e: any) => e.valueUri ?? e.valueReference.reference)).toEqual([patientRef, orgRef]);
    expect(stored.contained[0].subject.reference).toBe(patientRef);
    expect(stored.component[0].extension[0].valueReference.reference).toBe(patientRef);
    expect(stored.text.div).toContain(`href="${patientRef}"`);
    // An identifier that happens to be the urn is data, not a link.
    expect(stored.identifier[0].value).toBe(p);
    expect((await t.fhir(`/${patientRef}`)).json.managingOrganization.reference).toBe(orgRef);
  });

  it('rewrites fullUrls in the criteria of GET entries', async () => {
    const p = urn();
    const res = await post(
      transaction(
        { fullUrl: p, resource: patient('T-6'), request: { method: 'POST', url: 'Patient' } },
        { resource: observation(p), request: { method: 'POST', url: 'Observation' } },
        { request: { method: 'GET', url: `Observation?subject=${p}` } },
      ),
    );
    expect(res.json.entry[2].resource.entry).toHaveLength(1);
  });

  it('lets entries refer to each other in any order, also to an entry written later', async () => {
    const p = urn();
    const res = await post(transaction({ resource: observation(p), request: { method: 'POST', url: 'Observation' } }, { fullUrl: p, resource: patient('T-7'), request: { method: 'POST', url: 'Patient' } }));
    expect(res.json.entry[0].resource.subject.reference).toBe(`Patient/${idOf(res.json.entry[1].response.location)}`);
  });

  it('fails as a whole when one entry fails: nothing of it is visible, not even its AuditEvents of success', async () => {
    const requestId = `tx-rollback-${randomUUID()}`;
    const p = urn();
    const res = await post(
      transaction(
        { fullUrl: p, resource: patient('T-8'), request: { method: 'POST', url: 'Patient' } },
        { fullUrl: 'urn:uuid:8a0a9f1e-52a4-4f6e-9d8e-4f1c1c2b3a44', resource: { resourceType: 'Observation', code: { text: 'no status' }, subject: { reference: p } }, request: { method: 'POST', url: 'Observation' } },
      ),
      { 'x-request-id': requestId },
    );
    expect(res.status).toBe(400);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect(res.json.issue[0].diagnostics).toMatch(/entry 1 \(fullUrl urn:uuid:8a0a9f1e-52a4-4f6e-9d8e-4f1c1c2b3a44\), POST Observation, with status 400/);
    expect(res.json.issue[0].expression).toEqual(['Bundle.entry[1]']);
    expect(res.json.issue.slice(1).some((i: any) => /status/.test(i.diagnostics))).toBe(true);
    // Where in the Bundle, not only where in "an Observation".
    expect(res.json.issue.slice(1).flatMap((i: any) => i.expression ?? [])).toContain('Bundle.entry[1].resource.status');
    expect(await count(`/Patient?identifier=${MRN}|T-8`)).toBe(0);

    const events = (await t.fhir('/AuditEvent?_count=1000&_sort=-date')).json.entry.map((e: any) => e.resource);
    const ofRequest = events.filter((e: any) => (e.entity ?? []).some((x: any) => x.what?.identifier?.value === requestId));
    // The failures are recorded (the entry's and the transaction's); no success survives the rollback.
    expect(ofRequest.filter((e: any) => e.outcome === '0')).toEqual([]);
    expect(ofRequest.map((e: any) => [e.subtype[0].code, e.outcome]).sort()).toEqual([['create', '4'], ['transaction', '4']]);
  });

  it('checks ifMatch per entry: a stale version fails the transaction with 412', async () => {
    const id = (await t.fhir('/Patient', { body: patient('T-9') })).json.id;
    await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient('T-9', { active: true }), id } });
    const stale = await post(transaction({ resource: { ...patient('T-9', { active: false }), id }, request: { method: 'PUT', url: `Patient/${id}`, ifMatch: 'W/"1"' } }));
    expect(stale.status).toBe(412);
    const fresh = await post(transaction({ resource: { ...patient('T-9', { active: false }), id }, request: { method: 'PUT', url: `Patient/${id}`, ifMatch: 'W/"2"' } }));
    expect(fresh.json.entry[0].response.etag).toBe('W/"3"');
  });

  it('takes a FHIRPath Patch entry as Parameters', async () => {
    const id = (await t.fhir('/Patient', { body: patient('T-10') })).json.id;
    const parameters = { resourceType: 'Parameters', parameter: [{ name: 'operation', part: [{ name: 'type', valueCode: 'add' }, { name: 'path', valueString: 'Patient' }, { name: 'name', valueString: 'gender' }, { name: 'value', valueCode: 'female' }] }] };
    const res = await post(transaction({ resource: parameters, request: { method: 'PATCH', url: `Patient/${id}` } }));
    expect(res.status).toBe(200);
    expect((await t.fhir(`/Patient/${id}`)).json.gender).toBe('female');
  });

  it('refuses two entries that would change the same resource with 400', async () => {
    const id = (await t.fhir('/Patient', { body: patient('T-11') })).json.id;
    const put = { resource: { ...patient('T-11'), id }, request: { method: 'PUT', url: `Patient/${id}` } };
    const res = await post(transaction(put, { request: { method: 'DELETE', url: `Patient/${id}` } }));
    expect(res.status).toBe(400);
    expect(res.json.issue[0].diagnostics).toMatch(/Entries 1 and 0/);
    expect((await t.fhir(`/Patient/${id}`)).status).toBe(200);
  });

  it('refuses a reference to a urn:uuid that no entry declares, and a duplicate fullUrl', async () => {
    const dangling = await post(transaction({ resource: observation('urn:uuid:0b7d3d5e-1c86-4b43-9a39-6a1e3e8d1f00'), request: { method: 'POST', url: 'Observation' } }));
    expect(dangling.status).toBe(400);
    expect(dangling.json.issue.map((i: any) => i.diagnostics).join(' ')).toMatch(/fullUrl of no entry/);
    const p = urn();
    const twice = await post(transaction({ fullUrl: p, resource: patient('T-12'), request: { method: 'POST', url: 'Patient' } }, { fullUrl: p, resource: patient('T-12'), request: { method: 'POST', url: 'Patient' } }));
    expect(twice.status).toBe(400);
    expect(twice.json.issue[0].diagnostics).toMatch(/same fullUrl/);
  });

  it('stores another system\'s AuditEvent sent in a transaction at the id the transaction assigned it', async () => {
    const external = {
      resourceType: 'AuditEvent',
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' },
      recorded: '2026-11-20T08:00:00Z',
      agent: [{ who: { display: 'badge reader 7' }, requestor: true }],
      source: { observer: { display: 'lab system' } },
    };
    const res = await post(transaction({ resource: external, request: { method: 'POST', url: 'AuditEvent' } }));
    expect(res.status).toBe(200);
    expect((await t.fhir(`/${res.json.entry[0].response.location}`)).json.source.observer.display).toBe('lab system');
  });

  it('records an AuditEvent per entry and one for the transaction per patient it touched (BALP), all committed with it', async () => {
    const requestId = `tx-audit-${randomUUID()}`;
    await post(transaction({ resource: patient('T-13'), request: { method: 'POST', url: 'Patient' } }, { resource: patient('T-14'), request: { method: 'POST', url: 'Patient' } }), { 'x-request-id': requestId });
    const events = (await t.fhir('/AuditEvent?_count=1000&_sort=-date')).json.entry.map((e: any) => e.resource);
    const ofRequest = events.filter((e: any) => (e.entity ?? []).some((x: any) => x.what?.identifier?.value === requestId));
    expect(ofRequest.map((e: any) => e.subtype[0].code).sort()).toEqual(['create', 'create', 'transaction', 'transaction']);
    expect(ofRequest.every((e: any) => e.outcome === '0')).toBe(true);
  });
});
