import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from 'lmdb';
import { AuditTrail } from '../../resources/audit/audit-trail';
import { startTestServer, type TestServer } from '../support/test-server';

const patient = (family: string) => ({ resourceType: 'Patient', name: [{ family }] });
const observation = (patientId: string, code = '8867-4') => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  subject: { reference: `Patient/${patientId}` },
  valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
});

describe('an AuditEvent for every interaction (IHE BALP shape)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  /** AuditEvents whose entities name `reference` (any version), newest first. */
  async function eventsAbout(reference: string): Promise<any[]> {
    const res = await t.fhir(`/AuditEvent?entity=${encodeURIComponent(reference)}&_sort=-date&_count=200`);
    expect(res.status).toBe(200);
    return (res.json.entry ?? []).map((e: any) => e.resource);
  }

  const subtype = (e: any) => e.subtype[0].code;
  const entity = (e: any, role: string) => e.entity.find((x: any) => x.role?.code === role);

  it('records a create with type rest, subtype create, action C, outcome 0, the resource, the patient and the request id', async () => {
    const created = await t.fhir('/Patient', { body: patient('Audited'), headers: { 'x-request-id': 'req-create-1' } });
    const [event] = (await eventsAbout(`Patient/${created.json.id}`)).filter((e) => subtype(e) === 'create');
    expect(event.type).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' });
    expect(event.subtype[0].system).toBe('http://hl7.org/fhir/restful-interaction');
    expect(event.action).toBe('C');
    expect(event.outcome).toBe('0');
    expect(Date.parse(event.recorded)).not.toBeNaN();
    expect(entity(event, '4').what.reference).toBe(`Patient/${created.json.id}/_history/1`);
    expect(entity(event, '1').what.reference).toBe(`Patient/${created.json.id}`);
    expect(event.entity.find((x: any) => x.type?.code === 'XrequestId').what.identifier.value).toBe('req-create-1');
    expect(event.source.type[0].code).toBe('4');
    expect(event.agent.some((a: any) => a.network?.address === t.base)).toBe(true);
    expect(event.agent.some((a: any) => a.network?.address === '127.0.0.1' || a.network?.address === '::ffff:127.0.0.1')).toBe(true);
    expect(event.meta.profile[0]).toBe('https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientCreate');
    // Minimal by design: no names copied into the audit trail.
    expect(JSON.stringify(event)).not.toContain('Audited');
  });

  it('records read, vread, update, patch, history and delete with their actions', async () => {
    const id = (await t.fhir('/Patient', { body: patient('Many') })).json.id;
    await t.fhir(`/Patient/${id}`);
    await t.fhir(`/Patient/${id}/_history/1`);
    await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient('Many2'), id } });
    await t.fhir(`/Patient/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: [{ op: 'add', path: '/active', value: true }] });
    await t.fhir(`/Patient/${id}/_history`);
    await t.fhir(`/Patient/${id}`, { method: 'DELETE' });
    const events = await eventsAbout(`Patient/${id}`);
    const seen = new Map(events.map((e) => [subtype(e), e.action]));
    expect(Object.fromEntries(seen)).toEqual(
      expect.objectContaining({ create: 'C', read: 'R', vread: 'R', update: 'U', patch: 'U', 'history-instance': 'R', delete: 'D' }),
    );
    const deleted = events.find((e) => subtype(e) === 'delete');
    expect(entity(deleted, '4').what.reference).toBe(`Patient/${id}/_history/4`);
  });

  it('records a failed read with a failure outcome and the reason', async () => {
    await t.fhir('/Patient/no-such-patient');
    const [event] = await eventsAbout('Patient/no-such-patient');
    expect(event.outcome).toBe('4');
    expect(event.outcomeDesc).toMatch(/not known/);
    expect(subtype(event)).toBe('read');
  });

  it('records a search once per patient whose data it returned, with the query in base64', async () => {
    const ids = [];
    for (const name of ['A', 'B', 'C']) {
      const p = (await t.fhir('/Patient', { body: patient(`Multi${name}`) })).json.id;
      ids.push(p);
      await t.fhir('/Observation', { body: observation(p, '99999-1') });
    }
    const res = await t.fhir('/Observation?code=http://loinc.org|99999-1', { headers: { 'x-request-id': 'multi-patient-search' } });
    expect(res.json.entry).toHaveLength(3);
    const events = (await t.fhir('/AuditEvent?subtype=search-type&_count=200')).json.entry.map((e: any) => e.resource);
    const mine = events.filter((e: any) => e.entity.some((x: any) => x.what?.identifier?.value === 'multi-patient-search'));
    expect(mine.map((e: any) => entity(e, '1').what.reference).sort()).toEqual(ids.map((i) => `Patient/${i}`).sort());
    const query = Buffer.from(entity(mine[0], '24').query, 'base64').toString();
    expect(query).toBe('GET /fhir/Observation?code=http%3A%2F%2Floinc.org%7C99999-1');
    expect(mine.every((e: any) => e.action === 'E')).toBe(true);
  });

  it('a write that fails leaves a failure AuditEvent and no success one', async () => {
    const id = (await t.fhir('/Patient', { body: patient('Stale') })).json.id;
    const res = await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient('Stale2'), id }, headers: { 'if-match': 'W/"9"' } });
    expect(res.status).toBe(412);
    const updates = (await eventsAbout(`Patient/${id}`)).filter((e) => subtype(e) === 'update');
    expect(updates.map((e) => e.outcome)).toEqual(['4']);
  });

  it('reading the audit log is itself audited', async () => {
    await t.fhir('/AuditEvent?action=C', { headers: { 'x-request-id': 'audit-of-audit' } });
    const events = (await t.fhir('/AuditEvent?subtype=search-type&_count=200')).json.entry.map((e: any) => e.resource);
    const mine = events.find((e: any) => e.entity.some((x: any) => x.what?.identifier?.value === 'audit-of-audit'));
    expect(Buffer.from(entity(mine, '24').query, 'base64').toString()).toBe('GET /fhir/AuditEvent?action=C');
  });

  it('AuditEvents cannot be changed or deleted through the API (405)', async () => {
    const any = (await t.fhir('/AuditEvent?_count=1')).json.entry[0].resource;
    expect((await t.fhir(`/AuditEvent/${any.id}`, { method: 'PUT', body: { ...any, outcome: '8' } })).status).toBe(405);
    expect((await t.fhir(`/AuditEvent/${any.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: [{ op: 'replace', path: '/outcome', value: '8' }] })).status).toBe(405);
    expect((await t.fhir(`/AuditEvent/${any.id}`, { method: 'DELETE' })).status).toBe(405);
    expect((await t.fhir(`/AuditEvent/${any.id}`)).json.outcome).toBe(any.outcome);
    expect((await t.fhir(`/AuditEvent/${any.id}/_history/1`)).status).toBe(200);
  });

  it('is searchable by its standard parameters', async () => {
    const id = (await t.fhir('/Patient', { body: patient('Searchable') })).json.id;
    await t.fhir(`/Patient/${id}`);
    const today = new Date().toISOString().slice(0, 10);
    const queries = [
      `entity=Patient/${id}`,
      `patient=Patient/${id}`,
      `date=ge${today}`,
      'type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest',
      'subtype=read',
      'action=R',
      'outcome=0',
      'address=127.0.0.1',
    ];
    for (const q of queries) {
      const res = await t.fhir(`/AuditEvent?${q}&patient=Patient/${id}&subtype=read`);
      expect([q, res.status, res.json.entry?.length > 0]).toEqual([q, 200, true]);
    }
  });
});

describe('durable before the answer', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('answers 503 and serves no data when the audit trail cannot be written; a write is then not made', async () => {
    const id = (await t.fhir('/Patient', { body: patient('Guarded') })).json.id;
    const spy = jest.spyOn(AuditTrail.prototype as any, 'store').mockRejectedValue(new Error('disk full'));
    try {
      const read = await t.fhir(`/Patient/${id}`);
      expect(read.status).toBe(503);
      expect(read.json.resourceType).toBe('OperationOutcome');
      expect(read.text).not.toContain('Guarded');
      const write = await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { ...patient('Changed'), id } });
      expect(write.status).toBe(503);
    } finally {
      spy.mockRestore();
    }
    expect((await t.fhir(`/Patient/${id}`)).json.name[0].family).toBe('Guarded');
  });
});

describe('stored compactly on the embedded store', () => {
  it('keeps AuditEvents without their search values on disk, and still finds them by any search parameter', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-compact-'));
    try {
      const t = await startTestServer({}, dir);
      let found: any[];
      try {
        const id = (await t.fhir('/Patient', { body: patient('Compact') })).json.id;
        await t.fhir(`/Patient/${id}`);
        // `entity-type` and `type` have no index on AuditEvent: they are re-checked on values derived from the JSON.
        const res = await t.fhir(`/AuditEvent?patient=Patient/${id}&entity-type=1&type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest&_sort=date`);
        expect(res.status).toBe(200);
        found = res.json.entry.map((e: any) => e.resource.subtype[0].code);
      } finally {
        await t.stop();
      }
      expect(found).toEqual(['create', 'read']);

      const env = open({ path: path.join(dir, 'store'), compression: false, readOnly: true });
      try {
        const docs = env.openDB<[number, Record<string, unknown>]>({ name: 'docs', sharedStructuresKey: Symbol.for('structures') });
        const events = [...docs.getRange({ start: ['AuditEvent'], end: ['AuditEvent', Buffer.from([0xff])] })].map(({ value }) => value[1]);
        expect(events.length).toBeGreaterThanOrEqual(2);
        expect(events.filter((e) => 'sp' in e)).toEqual([]);
        expect(events.every((e) => typeof e.json === 'string' && Array.isArray(e.compartments))).toBe(true);
      } finally {
        await env.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
