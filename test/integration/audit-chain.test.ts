import { AUDIT_CHAIN, linkId, type ChainLink } from '../../resources/audit/audit-collections';
import { purgeExpiredAudit } from '../../resources/audit/audit-retention';
import type { ResourceDocument } from '../../resources/repository/resource-document';
import { startTestServer, type TestServer } from '../support/test-server';

const param = (p: any, name: string) => p.parameter.find((x: any) => x.name === name);

describe('tamper-evident audit trail', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    for (let i = 0; i < 5; i++) {
      const id = (await t.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: `Chain${i}` }] } })).json.id;
      await t.fhir(`/Patient/${id}`);
    }
  });
  afterAll(() => t.stop());

  const verify = async (query = '') => (await t.fhir(`/AuditEvent/$verify${query}`)).json;

  it('$verify recomputes the whole chain and finds it intact', async () => {
    const result = await verify();
    expect(param(result, 'valid').valueBoolean).toBe(true);
    expect(param(result, 'checked').valueInteger).toBeGreaterThanOrEqual(10);
    expect(param(result, 'pending').valueInteger).toBe(0);
    expect(param(result, 'break')).toBeUndefined();
  });

  it('external systems may POST their own AuditEvents, which join the chain', async () => {
    const before = param(await verify(), 'to').valueInteger;
    const external = {
      resourceType: 'AuditEvent',
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' },
      action: 'E',
      recorded: '2026-11-20T08:00:00Z',
      outcome: '0',
      agent: [{ who: { display: 'badge reader 7' }, requestor: true }],
      source: { observer: { display: 'lab system' } },
    };
    const created = await t.fhir('/AuditEvent', { body: external });
    expect(created.status).toBe(201);
    expect(created.json.source.observer.display).toBe('lab system');
    const after = await verify();
    expect(param(after, 'valid').valueBoolean).toBe(true);
    // The POST itself is audited too, so at least two more links.
    expect(param(after, 'to').valueInteger).toBeGreaterThanOrEqual(before + 2);
  });

  it('finds the break when one stored byte of an AuditEvent is changed', async () => {
    await verify();
    const store = t.server.app.store;
    const link = (await store.collection<ChainLink>(AUDIT_CHAIN).findById(linkId(3)))!;
    const events = store.collection<ResourceDocument>('AuditEvent');
    const event = (await events.findById(link.event))!;
    const at = event.json!.indexOf('"outcome":"0"') + '"outcome":"'.length;
    const tampered = `${event.json!.slice(0, at)}4${event.json!.slice(at + 1)}`;
    expect(tampered.length).toBe(event.json!.length);
    await events.replaceOne({ _id: event._id }, { ...event, json: tampered });

    const result = await verify();
    expect(param(result, 'valid').valueBoolean).toBe(false);
    const broken = param(result, 'break').part;
    expect(broken.find((p: any) => p.name === 'sequence').valueInteger).toBe(3);
    expect(broken.find((p: any) => p.name === 'event').valueReference.reference).toBe(`AuditEvent/${link.event}`);
    expect(broken.find((p: any) => p.name === 'reason').valueString).toMatch(/altered/);
    // A range after the break still verifies, trusting the link before it.
    expect(param(await verify('?from=4'), 'valid').valueBoolean).toBe(true);
    await events.replaceOne({ _id: event._id }, event);
    expect(param(await verify(), 'valid').valueBoolean).toBe(true);
  });

  it('finds a removed link', async () => {
    await verify();
    const links = t.server.app.store.collection<ChainLink>(AUDIT_CHAIN);
    const link = (await links.findById(linkId(5)))!;
    await links.deleteOne({ _id: link._id });
    const result = await verify();
    expect(param(result, 'valid').valueBoolean).toBe(false);
    expect(param(result, 'break').part.find((p: any) => p.name === 'sequence').valueInteger).toBe(5);
    await links.insertOne(link);
  });

  it('retention purges nothing recorded within the period, and the chain still verifies after a purge', async () => {
    const store = t.server.app.store;
    expect(await purgeExpiredAudit(store, 2190, Date.now())).toBe(0);
    const before = param(await verify(), 'to').valueInteger;
    const removed = await purgeExpiredAudit(store, 1, Date.now() + 2 * 86_400_000);
    expect(removed).toBeGreaterThanOrEqual(before);
    const after = await verify();
    expect(param(after, 'valid').valueBoolean).toBe(true);
    expect(param(after, 'from').valueInteger).toBeGreaterThan(before);
  });
});

describe('accounting of disclosures: Patient/[id]/$access-report', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('lists who accessed the record, when and how', async () => {
    const id = (await t.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Reported' }] } })).json.id;
    await t.fhir(`/Patient/${id}`);
    await t.fhir('/Observation', {
      body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${id}` } },
    });
    const report = await t.fhir(`/Patient/${id}/$access-report?start=2020-01-01`);
    expect(report.status).toBe(200);
    expect(param(report.json, 'patient').valueReference.reference).toBe(`Patient/${id}`);
    expect(param(report.json, 'truncated').valueBoolean).toBe(false);
    const accesses = report.json.parameter.filter((p: any) => p.name === 'access').map((p: any) => Object.fromEntries(p.part.map((x: any) => [x.name, x.valueCode ?? x.valueString ?? x.valueInstant])));
    expect(accesses.map((a: any) => a.interaction).sort()).toEqual(['create', 'create', 'read']);
    expect(accesses.every((a: any) => a.recorded && a.outcome === '0')).toBe(true);
    const future = await t.fhir(`/Patient/${id}/$access-report?start=2099-01-01`);
    expect(future.json.parameter.filter((p: any) => p.name === 'access')).toEqual([]);
    expect((await t.fhir(`/Patient/${id}/$access-report?start=someday`)).status).toBe(400);
  });
});
