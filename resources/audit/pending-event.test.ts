import type { AuditEvent, Resource } from 'fhir/r4';
import { balpRecords } from '../../test/data/audit-records';
import { Random } from '../../test/data/random';
import { unrestricted } from '../access/access-context';
import { stampResource } from '../repository/stamp';
import { createResourceIndexer } from '../search/indexing';
import { balpAuditEvent } from './balp-event';
import { pendingEvent, pendingEventLink, pendingRecordLink } from './pending-event';

const FHIR_BASE = 'http://localhost:8080/fhir';
const server = { fhirBase: FHIR_BASE, name: 'fhir-r4-server' };
const indexer = createResourceIndexer({ fhirBase: FHIR_BASE });
const RECORDED = '2026-11-24T09:50:00.123Z';

describe('pending AuditEvents kept as their records', () => {
  const records = balpRecords(new Random(20261124), 400, FHIR_BASE).map((record) => ({ ...record, ctx: { ...record.ctx, policy: unrestricted } }));

  it('build exactly the event the request would have stored, for every shape of record this server makes', () => {
    for (const [i, record] of records.entries()) {
      const id = `0193${String(i).padStart(8, '0')}`;
      const { json } = pendingEvent(pendingRecordLink(record, server, id, RECORDED));
      expect(json).toBe(JSON.stringify(stampResource(balpAuditEvent(record, server), id, 1, RECORDED)));
    }
  });

  it('index the built event as the store derives it again from the stored JSON', () => {
    for (const [i, record] of records.entries()) {
      const { json, event } = pendingEvent(pendingRecordLink(record, server, `ae-${i}`, RECORDED));
      expect(event).toBeDefined();
      expect(indexer.index(event as Resource)).toEqual(indexer.index(JSON.parse(json) as Resource));
    }
  });

  it('keep only what the event shows of the access context, in a fraction of the bytes', () => {
    const found = records.find((r) => r.ctx.actor.kind === 'user' && r.query !== undefined && r.ctx.request.address !== undefined)!;
    const record = { ...found, ctx: { ...found.ctx, request: { ...found.ctx.request, method: 'GET', url: '/fhir/Patient?name=smith' } } };
    const link = pendingRecordLink(record, server, 'ae-1', RECORDED);
    const kept = JSON.parse(link.record!).ctx;
    expect(kept).toEqual({ actor: record.ctx.actor, request: { requestId: record.ctx.request.requestId, address: record.ctx.request.address } });
    expect(link.json).toBeUndefined();
    expect(link.record!.length).toBeLessThan(pendingEvent(link).json.length / 2);
  });

  it('keep an event received from another system as given, with this server id and meta', () => {
    const received: AuditEvent = { resourceType: 'AuditEvent', id: 'theirs', type: { code: 'x' }, recorded: '2026', agent: [{ requestor: true }], source: { observer: { display: 'lab' } } };
    const link = pendingEventLink(received, 'ours', RECORDED);
    expect(pendingEvent(link)).toEqual({ json: link.json });
    expect(JSON.parse(link.json)).toEqual({ ...received, id: 'ours', meta: { versionId: '1', lastUpdated: RECORDED } });
  });
});
