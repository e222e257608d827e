import { resourceTypes } from '../../resources/definitions/resource-types';
import { minimalResource } from '../support/minimal-resource';
import { startTestServer, type TestServer } from '../support/test-server';

/** Behaviour is driven by the R4 definitions, so every one of the 146 types gets the same interactions. */
describe('every R4 resource type', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('can be created, read, updated, deleted and its history read (AuditEvents: created and read, never changed)', async () => {
    const failures: string[] = [];
    for (const type of resourceTypes()) {
      if (type === 'AuditEvent') {
        const created = await t.fhir('/AuditEvent', { body: minimalResource(type) });
        const id = created.json?.id;
        const statuses = [
          created.status,
          (await t.fhir(`/AuditEvent/${id}`)).status,
          (await t.fhir(`/AuditEvent/${id}`, { method: 'PUT', body: { ...created.json, implicitRules: 'http://example.org/rules' } })).status,
          (await t.fhir(`/AuditEvent/${id}`, { method: 'DELETE' })).status,
        ];
        if (JSON.stringify(statuses) !== JSON.stringify([201, 200, 405, 405])) failures.push(`AuditEvent ${JSON.stringify(statuses)}`);
        continue;
      }
      const created = await t.fhir(`/${type}`, { body: minimalResource(type) });
      if (created.status !== 201) {
        failures.push(`${type} create ${created.status} ${created.text.slice(0, 200)}`);
        continue;
      }
      const id = created.json.id;
      const read = await t.fhir(`/${type}/${id}`);
      const updated = await t.fhir(`/${type}/${id}`, { method: 'PUT', body: { ...read.json, implicitRules: 'http://example.org/rules' } });
      const deleted = await t.fhir(`/${type}/${id}`, { method: 'DELETE' });
      const history = await t.fhir(`/${type}/${id}/_history`);
      const statuses = [read.status, updated.status, deleted.status, history.status, history.json?.total];
      if (JSON.stringify(statuses) !== JSON.stringify([200, 200, 200, 200, 3])) failures.push(`${type} ${JSON.stringify(statuses)}`);
    }
    expect(failures).toEqual([]);
  });
});
