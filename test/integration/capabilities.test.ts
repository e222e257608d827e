import { resourceTypes } from '../../resources/definitions/resource-types';
import { minimalResource } from '../support/minimal-resource';
import { startTestServer, type TestServer } from '../support/test-server';

describe('capabilities (R4 http.html#capabilities)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('GET /metadata is a CapabilityStatement listing every R4 resource type', async () => {
    const res = await t.fhir('/metadata');
    expect(res.status).toBe(200);
    expect(res.json.resourceType).toBe('CapabilityStatement');
    expect(res.json.fhirVersion).toBe('4.0.1');
    expect(res.json.kind).toBe('instance');
    expect(res.json.implementation.url).toBe(t.base);
    const types = res.json.rest[0].resource.map((r: any) => r.type);
    expect(types).toHaveLength(146);
    expect(new Set(types)).toEqual(resourceTypes());
  });

  it('each interaction it claims works on sample types', async () => {
    const statement = (await t.fhir('/metadata')).json;
    for (const type of ['Patient', 'Observation', 'Claim', 'Questionnaire', 'Bundle']) {
      const entry = statement.rest[0].resource.find((r: any) => r.type === type);
      const claimed = new Set(entry.interaction.map((i: any) => i.code));
      expect(claimed).toEqual(new Set(['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', ...(claimed.has('search-type') ? ['search-type'] : [])]));
      expect(entry.versioning).toBe('versioned-update');
      expect(entry.updateCreate).toBe(true);

      const created = await t.fhir(`/${type}`, { body: minimalResource(type) });
      expect([type, created.status]).toEqual([type, 201]);
      const id = created.json.id;
      expect((await t.fhir(`/${type}/${id}`)).status).toBe(200);
      expect((await t.fhir(`/${type}/${id}/_history/1`)).status).toBe(200);
      const updated = await t.fhir(`/${type}/${id}`, { method: 'PUT', body: { ...created.json, language: 'en' } });
      expect(updated.status).toBe(200);
      const patched = await t.fhir(`/${type}/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: [{ op: 'replace', path: '/language', value: 'fr' }] });
      expect(patched.status).toBe(200);
      expect((await t.fhir(`/${type}/${id}/_history`)).json.total).toBe(3);
      expect((await t.fhir(`/${type}/_history`)).status).toBe(200);
      if (claimed.has('search-type')) expect((await t.fhir(`/${type}?_id=${id}`)).json.entry).toHaveLength(1);
      expect((await t.fhir(`/${type}/${id}`, { method: 'DELETE' })).status).toBe(200);
      expect((await t.fhir(`/${type}/${id}`)).status).toBe(410);
    }
    const systemInteractions = statement.rest[0].interaction.map((i: any) => i.code);
    expect(systemInteractions).toContain('history-system');
    expect((await t.fhir('/_history')).status).toBe(200);
  });
});
