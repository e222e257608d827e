import { startTestServer, type TestServer } from '../support/test-server';

const patient = { resourceType: 'Patient', name: [{ family: 'Okafor' }] };

describe('content negotiation and Prefer (R4 http.html#mime-type, #ops)', () => {
  let t: TestServer;
  let id: string;
  beforeAll(async () => {
    t = await startTestServer();
    id = (await t.fhir('/Patient', { body: patient })).json.id;
  });
  afterAll(() => t.stop());

  it.each(['json', 'application/fhir+json', 'application/json'])('_format=%s returns JSON', async (format) => {
    const res = await t.fhir(`/Patient/${id}?_format=${encodeURIComponent(format)}`);
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(id);
  });

  it.each(['xml', 'application/fhir+xml', 'text/xml', 'html'])('_format=%s is 406 with an OperationOutcome', async (format) => {
    const res = await t.fhir(`/Patient/${id}?_format=${encodeURIComponent(format)}`);
    expect(res.status).toBe(406);
    expect(res.json.resourceType).toBe('OperationOutcome');
  });

  it('Accept: application/fhir+xml is 406; Accept with JSON among others is served', async () => {
    expect((await t.fhir(`/Patient/${id}`, { headers: { accept: 'application/fhir+xml' } })).status).toBe(406);
    const res = await t.fhir(`/Patient/${id}`, { headers: { accept: 'application/fhir+xml;q=0.9, application/json;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await t.fhir(`/Patient/${id}`, { headers: { accept: '*/*' } })).status).toBe(200);
  });

  it('_pretty=true indents the JSON', async () => {
    const res = await t.fhir(`/Patient/${id}?_pretty=true`);
    expect(res.text).toContain('\n  "resourceType": "Patient"');
    expect((await t.fhir(`/Patient/${id}`)).text).not.toContain('\n');
  });

  it('Prefer: return=minimal answers without a body', async () => {
    const res = await t.fhir('/Patient', { body: patient, headers: { prefer: 'return=minimal' } });
    expect(res.status).toBe(201);
    expect(res.text).toBe('');
    expect(res.headers.get('location')).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
  });

  it('Prefer: return=OperationOutcome answers with an OperationOutcome', async () => {
    const res = await t.fhir('/Patient', { body: patient, headers: { prefer: 'return=OperationOutcome' } });
    expect(res.status).toBe(201);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect(res.json.issue[0].severity).toBe('information');
  });

  it('Prefer: return=representation (the default) answers with the resource', async () => {
    const res = await t.fhir('/Patient', { body: patient, headers: { prefer: 'return=representation' } });
    expect(res.json.resourceType).toBe('Patient');
  });
});
