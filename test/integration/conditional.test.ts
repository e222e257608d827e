import { startTestServer, type TestServer } from '../support/test-server';

const MRN = 'http://hospital.example/mrn';
const patient = (mrn: string, family = 'Nakamura') => ({ resourceType: 'Patient', identifier: [{ system: MRN, value: mrn }], name: [{ family }] });

describe('conditional create, update and delete (R4 http.html#ccreate, #cond-update, #3.1.0.7.1)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('If-None-Exist with no match creates; with one match returns it without creating', async () => {
    const headers = { 'if-none-exist': `identifier=${MRN}|100` };
    const first = await t.fhir('/Patient', { body: patient('100'), headers });
    expect(first.status).toBe(201);
    const second = await t.fhir('/Patient', { body: patient('100', 'Other'), headers });
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    expect(second.json.name[0].family).toBe('Nakamura');
  });

  it('If-None-Exist matching several is 412', async () => {
    await t.fhir('/Patient', { body: patient('200') });
    await t.fhir('/Patient', { body: patient('200') });
    const res = await t.fhir('/Patient', { body: patient('200'), headers: { 'if-none-exist': `identifier=${MRN}|200` } });
    expect(res.status).toBe(412);
  });

  it('concurrent conditional creates of the same identifier make exactly one resource', async () => {
    const headers = { 'if-none-exist': `identifier=${MRN}|300` };
    const results = await Promise.all(Array.from({ length: 8 }, () => t.fhir('/Patient', { body: patient('300'), headers })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
  });

  it('_id works as criteria too', async () => {
    const created = await t.fhir('/Patient', { body: patient('400') });
    const res = await t.fhir('/Patient', { body: patient('400'), headers: { 'if-none-exist': `_id=${created.json.id}` } });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(created.json.id);
  });

  it('conditional update: no match creates, one match updates it, several is 412', async () => {
    const created = await t.fhir(`/Patient?identifier=${MRN}|500`, { method: 'PUT', body: patient('500') });
    expect(created.status).toBe(201);
    const updated = await t.fhir(`/Patient?identifier=${MRN}|500`, { method: 'PUT', body: patient('500', 'Renamed') });
    expect(updated.status).toBe(200);
    expect(updated.json.id).toBe(created.json.id);
    expect(updated.json.meta.versionId).toBe('2');
    await t.fhir('/Patient', { body: patient('501') });
    await t.fhir('/Patient', { body: patient('501') });
    expect((await t.fhir(`/Patient?identifier=${MRN}|501`, { method: 'PUT', body: patient('501') })).status).toBe(412);
  });

  it('conditional update with an id in the body that differs from the match is 400', async () => {
    await t.fhir(`/Patient?identifier=${MRN}|600`, { method: 'PUT', body: patient('600') });
    const res = await t.fhir(`/Patient?identifier=${MRN}|600`, { method: 'PUT', body: { ...patient('600'), id: 'someone-else' } });
    expect(res.status).toBe(400);
  });

  it('conditional update with no criteria is 400', async () => {
    expect((await t.fhir('/Patient', { method: 'PUT', body: patient('700') })).status).toBe(400);
  });

  it('conditional delete: one match is deleted, several is 412, none deletes nothing', async () => {
    const one = await t.fhir('/Patient', { body: patient('800') });
    const res = await t.fhir(`/Patient?identifier=${MRN}|800`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await t.fhir(`/Patient/${one.json.id}`)).status).toBe(410);
    await t.fhir('/Patient', { body: patient('801') });
    await t.fhir('/Patient', { body: patient('801') });
    expect((await t.fhir(`/Patient?identifier=${MRN}|801`, { method: 'DELETE' })).status).toBe(412);
    const none = await t.fhir(`/Patient?identifier=${MRN}|nobody`, { method: 'DELETE' });
    expect(none.status).toBe(200);
    expect(none.json.issue[0].diagnostics).toMatch(/nothing was deleted/);
  });
});
