import { startTestServer, type TestServer } from '../support/test-server';

const patient = { resourceType: 'Patient', active: true, name: [{ family: 'Ortiz', given: ['Ana'] }], birthDate: '1980-02-03' };

describe('patch (R4 http.html#patch)', () => {
  let t: TestServer;
  let id: string;
  beforeAll(async () => {
    t = await startTestServer();
  });
  beforeEach(async () => {
    id = (await t.fhir('/Patient', { body: patient })).json.id;
  });
  afterAll(() => t.stop());

  it('applies a JSON Patch and makes a new version', async () => {
    const res = await t.fhir(`/Patient/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: [
        { op: 'replace', path: '/active', value: false },
        { op: 'add', path: '/name/0/given/-', value: 'Maria' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.active).toBe(false);
    expect(res.json.name[0].given).toEqual(['Ana', 'Maria']);
    expect(res.json.meta.versionId).toBe('2');
  });

  it('applies a FHIRPath Patch given as Parameters', async () => {
    const res = await t.fhir(`/Patient/${id}`, {
      method: 'PATCH',
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'operation', part: [{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: 'Patient.birthDate' }, { name: 'value', valueDate: '1981-02-03' }] },
          { name: 'operation', part: [{ name: 'type', valueCode: 'add' }, { name: 'path', valueString: 'Patient' }, { name: 'name', valueString: 'gender' }, { name: 'value', valueCode: 'female' }] },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.birthDate).toBe('1981-02-03');
    expect(res.json.gender).toBe('female');
  });

  it('a failing JSON Patch test operation is 422 and writes nothing', async () => {
    const res = await t.fhir(`/Patient/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: [{ op: 'test', path: '/active', value: false }, { op: 'remove', path: '/name' }],
    });
    expect(res.status).toBe(422);
    expect((await t.fhir(`/Patient/${id}`)).json.meta.versionId).toBe('1');
  });

  it('a patch that makes the resource invalid is 400 and writes nothing', async () => {
    const res = await t.fhir(`/Patient/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: [{ op: 'replace', path: '/birthDate', value: 'not-a-date' }],
    });
    expect(res.status).toBe(400);
    expect(res.json.issue[0].expression).toEqual(['Patient.birthDate']);
    expect((await t.fhir(`/Patient/${id}`)).json.birthDate).toBe('1980-02-03');
  });

  it('honours If-Match', async () => {
    const res = await t.fhir(`/Patient/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json', 'if-match': 'W/"5"' },
      body: [{ op: 'replace', path: '/active', value: false }],
    });
    expect(res.status).toBe(412);
  });

  it('patching a missing resource is 404 and a deleted one 410', async () => {
    const ops = { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: [{ op: 'replace', path: '/active', value: false }] };
    expect((await t.fhir('/Patient/nope', ops)).status).toBe(404);
    await t.fhir(`/Patient/${id}`, { method: 'DELETE' });
    expect((await t.fhir(`/Patient/${id}`, ops)).status).toBe(410);
  });
});
