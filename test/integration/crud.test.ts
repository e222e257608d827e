import { startTestServer, type TestServer } from '../support/test-server';

const patient = { resourceType: 'Patient', name: [{ family: 'Chalmers', given: ['Peter'] }], gender: 'male', birthDate: '1974-12-25' };

describe('create, read, vread, update and delete (R4 http.html)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('create assigns an id and answers 201 with Location, ETag and Last-Modified', async () => {
    const res = await t.fhir('/Patient', { body: { ...patient, id: 'client-chosen' } });
    expect(res.status).toBe(201);
    const id = res.json.id;
    expect(id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(id).not.toBe('client-chosen');
    expect(res.headers.get('location')).toBe(`${t.base}/Patient/${id}/_history/1`);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(new Date(res.headers.get('last-modified')!).getTime()).not.toBeNaN();
    expect(res.json.meta.versionId).toBe('1');
    expect(res.json.meta.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
  });

  it('read returns the current version with its ETag', async () => {
    const created = await t.fhir('/Patient', { body: patient });
    const res = await t.fhir(`/Patient/${created.json.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(created.json);
    expect(res.headers.get('etag')).toBe('W/"1"');
  });

  it('update makes a new version; vread still returns the old one', async () => {
    const created = await t.fhir('/Patient', { body: patient });
    const id = created.json.id;
    const updated = await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient, id, gender: 'other' } });
    expect(updated.status).toBe(200);
    expect(updated.json.meta.versionId).toBe('2');
    expect(updated.headers.get('etag')).toBe('W/"2"');
    expect(updated.json.meta.lastUpdated > created.json.meta.lastUpdated).toBe(true);
    expect((await t.fhir(`/Patient/${id}/_history/1`)).json.gender).toBe('male');
    expect((await t.fhir(`/Patient/${id}/_history/2`)).json.gender).toBe('other');
    expect((await t.fhir(`/Patient/${id}`)).json.gender).toBe('other');
  });

  it('an update that changes nothing makes no new version', async () => {
    const created = await t.fhir('/Patient', { body: patient });
    const id = created.json.id;
    const same = await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient, id } });
    expect(same.status).toBe(200);
    expect(same.json.meta.versionId).toBe('1');
  });

  it('update of an unknown id creates the resource with that id (update as create)', async () => {
    const res = await t.fhir('/Patient/mrn-12345', { method: 'PUT', body: { ...patient, id: 'mrn-12345' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${t.base}/Patient/mrn-12345/_history/1`);
    expect((await t.fhir('/Patient/mrn-12345')).json.id).toBe('mrn-12345');
  });

  it('update needs the id in the body to match the URL', async () => {
    const mismatch = await t.fhir('/Patient/a1', { method: 'PUT', body: { ...patient, id: 'b2' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.issue[0].expression).toEqual(['Patient.id']);
    const missing = await t.fhir('/Patient/a1', { method: 'PUT', body: patient });
    expect(missing.status).toBe(400);
    expect((await t.fhir('/Patient/a1')).status).toBe(404);
  });

  it('delete answers 200; read is then 410 Gone and old versions can still be vread', async () => {
    const created = await t.fhir('/Patient', { body: patient });
    const id = created.json.id;
    const deleted = await t.fhir(`/Patient/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.json.resourceType).toBe('OperationOutcome');
    expect(deleted.headers.get('etag')).toBe('W/"2"');
    const gone = await t.fhir(`/Patient/${id}`);
    expect(gone.status).toBe(410);
    expect(gone.json.issue[0].code).toBe('deleted');
    expect((await t.fhir(`/Patient/${id}/_history/1`)).status).toBe(200);
    expect((await t.fhir(`/Patient/${id}/_history/2`)).status).toBe(410);
    const again = await t.fhir(`/Patient/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(200);
  });

  it('a deleted resource can be brought back by update, as a new version', async () => {
    const created = await t.fhir('/Patient', { body: patient });
    const id = created.json.id;
    await t.fhir(`/Patient/${id}`, { method: 'DELETE' });
    const revived = await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient, id } });
    expect(revived.status).toBe(201);
    expect(revived.json.meta.versionId).toBe('3');
  });

  it('reads of unknown resources and versions are 404', async () => {
    expect((await t.fhir('/Patient/does-not-exist')).status).toBe(404);
    const created = await t.fhir('/Patient', { body: patient });
    expect((await t.fhir(`/Patient/${created.json.id}/_history/9`)).status).toBe(404);
    expect((await t.fhir(`/Patient/${created.json.id}/_history/x`)).status).toBe(404);
    expect((await t.fhir('/Observation/does-not-exist', { method: 'DELETE' })).status).toBe(404);
  });

  it('server-managed meta is replaced, client meta (profile, tag, source) is kept', async () => {
    const body = {
      ...patient,
      meta: { versionId: '99', lastUpdated: '2001-01-01T00:00:00Z', profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'], tag: [{ system: 'http://example.org/tags', code: 'vip' }], source: '#lab' },
    };
    const res = await t.fhir('/Patient', { body });
    expect(res.json.meta.versionId).toBe('1');
    expect(res.json.meta.lastUpdated).not.toBe('2001-01-01T00:00:00Z');
    expect(res.json.meta.profile).toEqual(body.meta.profile);
    expect(res.json.meta.tag).toEqual(body.meta.tag);
    expect(res.json.meta.source).toBe('#lab');
  });
});
