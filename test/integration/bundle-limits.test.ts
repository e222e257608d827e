import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/test-server';

const patient = { resourceType: 'Patient', name: [{ family: 'Limit' }] };
const create = { resource: patient, request: { method: 'POST', url: 'Patient' } };

describe('what POST [base] takes, and its limits', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ bundleMaxEntries: 3, bodyLimitBytes: 64 * 1024 });
  });
  afterAll(() => t.stop());

  it('is declared in the CapabilityStatement as the batch and transaction system interactions', async () => {
    const interactions = (await t.fhir('/metadata')).json.rest[0].interaction.map((i: any) => i.code);
    expect(interactions).toEqual(expect.arrayContaining(['batch', 'transaction']));
  });

  it('answers 413 with an OperationOutcome to a Bundle with more entries than BUNDLE_MAX_ENTRIES, and processes none', async () => {
    const before = (await t.fhir('/Patient?_total=accurate&_count=0')).json.total;
    for (const type of ['transaction', 'batch']) {
      const res = await t.fhir('/', { body: { resourceType: 'Bundle', type, entry: [create, create, create, create] } });
      expect(res.status).toBe(413);
      expect(res.json.resourceType).toBe('OperationOutcome');
      expect(res.json.issue[0].diagnostics).toMatch(/4 entries; this server takes at most 3/);
    }
    expect((await t.fhir('/Patient?_total=accurate&_count=0')).json.total).toBe(before);
    expect((await t.fhir('/', { body: { resourceType: 'Bundle', type: 'transaction', entry: [create, create, create] } })).status).toBe(200);
  });

  it('answers 413 to a body over BODY_LIMIT', async () => {
    const big = { ...patient, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${'x'.repeat(70 * 1024)}</div>` } };
    const res = await t.fhir('/', { body: { resourceType: 'Bundle', type: 'transaction', entry: [{ ...create, resource: big }] } });
    expect(res.status).toBe(413);
    expect(res.json.resourceType).toBe('OperationOutcome');
  });

  it('refuses a document, message or collection Bundle at the base, pointing to POST [base]/Bundle', async () => {
    for (const type of ['document', 'message', 'collection']) {
      const res = await t.fhir('/', { body: { resourceType: 'Bundle', type, entry: [] } });
      expect(res.status).toBe(400);
      expect(res.json.issue[0].diagnostics).toMatch(new RegExp(`not a Bundle of type '${type}'; to store this ${type} Bundle as a resource, POST it to \\[base\\]/Bundle`));
    }
    expect((await t.fhir('/', { body: { resourceType: 'Bundle', type: 'searchset' } })).status).toBe(400);
    expect((await t.fhir('/', { body: patient })).status).toBe(400);
    expect((await t.fhir('/', { rawBody: '<Bundle/>', headers: { 'content-type': 'application/fhir+xml' } })).status).toBe(415);
  });

  it('stores document, message and collection Bundles as themselves with POST [base]/Bundle, their own references untouched', async () => {
    const composition = `urn:uuid:${randomUUID()}`;
    const subject = `urn:uuid:${randomUUID()}`;
    const bundles = {
      document: {
        resourceType: 'Bundle',
        type: 'document',
        identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${randomUUID()}` },
        timestamp: '2026-11-20T10:00:00Z',
        entry: [
          { fullUrl: composition, resource: { resourceType: 'Composition', status: 'final', type: { text: 'Discharge summary' }, subject: { reference: subject }, date: '2026-11-20', author: [{ display: 'Dr Who' }], title: 'Discharge' } },
          { fullUrl: subject, resource: patient },
        ],
      },
      message: {
        resourceType: 'Bundle',
        type: 'message',
        entry: [{ fullUrl: `urn:uuid:${randomUUID()}`, resource: { resourceType: 'MessageHeader', eventCoding: { system: 'http://example.org/events', code: 'admit' }, source: { endpoint: 'http://lab.example' } } }],
      },
      collection: { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: subject, resource: patient }] },
    };
    for (const [type, bundle] of Object.entries(bundles)) {
      const created = await t.fhir('/Bundle', { body: bundle });
      expect([type, created.status]).toEqual([type, 201]);
      const read = await t.fhir(`/Bundle/${created.json.id}`);
      expect(read.json.type).toBe(type);
      expect(read.json.entry).toEqual(bundle.entry);
    }
  });
});
