import type { AuditEvent } from 'fhir/r4';
import { stampResource } from '../repository/stamp';
import type { PendingLink } from './audit-collections';
import { auditedContext, type AuditRecord } from './audit-record';
import { balpAuditEvent, type ServerIdentity } from './balp-event';

/** What a pending link keeps of an event this server records: the record, and the server that recorded it. */
export interface PendingRecord extends AuditRecord {
  server: ServerIdentity;
}

/**
 * A pending link for an event this server records. It keeps the record (a few hundred bytes of JSON), not the
 * AuditEvent (about 2 KB): the request that is audited, which waits for this to be durable, then neither builds nor
 * serializes the event, and the journal writes a quarter of the bytes. The event is a function of what is kept (the
 * record, the server, the id and `recorded`), so the chainer builds the same event the request would have.
 */
export function pendingRecordLink(record: AuditRecord, server: ServerIdentity, id: string, recorded: string): PendingLink {
  const kept: PendingRecord = { ...record, ctx: auditedContext(record.ctx), server };
  return { _id: id, recorded, record: JSON.stringify(kept) };
}

/** A pending link for an event received as it is (the audit repository role): stored as given, with our id and meta. */
export function pendingEventLink(event: AuditEvent, id: string, recorded: string): PendingLink & { json: string } {
  return { _id: id, recorded, json: JSON.stringify(stampResource(event, id, 1, recorded)) };
}

/**
 * The event a pending link stands for, as its JSON text is stored and hashed, and as an object when it was built
 * here (so the chainer indexes it without parsing the text again).
 */
export function pendingEvent(link: PendingLink): { json: string; event?: AuditEvent } {
  if (link.json !== undefined) return { json: link.json };
  if (link.record === undefined) throw new Error(`pending AuditEvent ${link._id} has neither an event nor a record`);
  const record = JSON.parse(link.record) as PendingRecord;
  const event = stampResource(balpAuditEvent(record, record.server), link._id, 1, link.recorded) as AuditEvent;
  return { json: JSON.stringify(event), event };
}
