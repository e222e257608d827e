import { startTestServer, type TestServer } from '../support/test-server';

const observation = (value: number) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
  valueQuantity: { value, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
});

describe('versioning and conditional requests (R4 http.html#versioning, #cread)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('an update with a stale If-Match is 412 and changes nothing', async () => {
    const created = await t.fhir('/Observation', { body: observation(70) });
    const id = created.json.id;
    await t.fhir(`/Observation/${id}`, { method: 'PUT', body: { ...observation(71), id }, headers: { 'if-match': 'W/"1"' } });
    const stale = await t.fhir(`/Observation/${id}`, { method: 'PUT', body: { ...observation(72), id }, headers: { 'if-match': 'W/"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.json.resourceType).toBe('OperationOutcome');
    expect((await t.fhir(`/Observation/${id}`)).json.valueQuantity.value).toBe(71);
  });

  it('delete honours If-Match too', async () => {
    const created = await t.fhir('/Observation', { body: observation(70) });
    const res = await t.fhir(`/Observation/${created.json.id}`, { method: 'DELETE', headers: { 'if-match': 'W/"7"' } });
    expect(res.status).toBe(412);
    expect((await t.fhir(`/Observation/${created.json.id}`)).status).toBe(200);
  });

  it('a malformed If-Match is 400', async () => {
    const created = await t.fhir('/Observation', { body: observation(70) });
    const res = await t.fhir(`/Observation/${created.json.id}`, { method: 'PUT', body: { ...observation(1), id: created.json.id }, headers: { 'if-match': 'yesterday' } });
    expect(res.status).toBe(400);
  });

  it('read with a matching If-None-Match is 304 Not Modified; a different one returns the resource', async () => {
    const created = await t.fhir('/Observation', { body: observation(70) });
    const id = created.json.id;
    const notModified = await t.fhir(`/Observation/${id}`, { headers: { 'if-none-match': 'W/"1"' } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe('W/"1"');
    expect((await t.fhir(`/Observation/${id}`, { headers: { 'if-none-match': 'W/"0"' } })).status).toBe(200);
  });

  it('read with If-Modified-Since at or after the last update is 304', async () => {
    const created = await t.fhir('/Observation', { body: observation(70) });
    const id = created.json.id;
    const lastModified = created.headers.get('last-modified')!;
    expect((await t.fhir(`/Observation/${id}`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await t.fhir(`/Observation/${id}`, { headers: { 'if-modified-since': earlier } })).status).toBe(200);
  });

  it('concurrent updates with the same If-Match: exactly one wins, the others get 412', async () => {
    const created = await t.fhir('/Observation', { body: observation(1) });
    const id = created.json.id;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.fhir(`/Observation/${id}`, { method: 'PUT', body: { ...observation(100 + i), id }, headers: { 'if-match': 'W/"1"' } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(9);
    const current = await t.fhir(`/Observation/${id}`);
    expect(current.json.meta.versionId).toBe('2');
  });

  it('concurrent updates without If-Match each get their own version (no lost update)', async () => {
    const created = await t.fhir('/Observation', { body: observation(1) });
    const id = created.json.id;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => t.fhir(`/Observation/${id}`, { method: 'PUT', body: { ...observation(200 + i), id } })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const versions = results.map((r) => Number(r.json.meta.versionId)).sort((a, b) => a - b);
    expect(versions).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const history = await t.fhir(`/Observation/${id}/_history?_count=50`);
    expect(history.json.total).toBe(11);
  });
});
