import type { AuditEvent } from 'fhir/r4';
import { unavailable } from '../errors/fhir-error';
import type { ResourceDocument } from '../repository/resource-document';
import { ResourceVersion } from '../repository/resource-version';
import { stampResource } from '../repository/stamp';
import type { DocumentStore, StoreSession } from '../storage/port';
import { AUDIT_PENDING, type PendingLink } from './audit-collections';
import type { AuditRecord } from './audit-record';
import { balpAuditEvent, type ServerIdentity } from './balp-event';

export interface AuditTrailDeps {
  server: ServerIdentity;
  clock: () => number;
  /** Time-ordered ids (UUIDv7), so events and their pending markers sort in write order. */
  newId: () => string;
  /** Called after events are written, so the chainer can link them soon. */
  onWritten?: () => void;
}

/**
 * Writes AuditEvents. Each is stored as an AuditEvent resource plus a pending marker, in the session given:
 * inside a write's own transaction, the event commits with the data or not at all; given the store itself
 * (reads, failures), it is a small transaction of its own that the store group-commits with others, durable
 * when this resolves. Indexing for search and chaining happen afterwards, in large batches (AuditChainer):
 * the request pays only for two appended keys (ids are time-ordered), and audit searches first let the
 * chainer catch up, so they still see every event recorded before them.
 */
export class AuditTrail {
  constructor(private readonly deps: AuditTrailDeps) {}

  async write(session: StoreSession, records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      const all = async (s: StoreSession) => {
        for (const record of records) await this.store(s, balpAuditEvent(record, this.deps.server));
      };
      // Given the store itself (a read, or a failure), the events and their markers still commit as one.
      if (isStore(session)) await session.withTransaction(all);
      else await all(session);
    } catch (e) {
      throw unavailable(`The audit trail could not be written, so the request was not carried out (${(e as Error).message})`);
    }
    this.deps.onWritten?.();
  }

  /** An AuditEvent sent by another system (the audit repository role): stored as given and chained like ours. */
  async writeExternal(session: StoreSession, event: AuditEvent, id?: string): Promise<ResourceVersion> {
    const version = await this.store(session, event, id);
    this.deps.onWritten?.();
    return version;
  }

  private async store(session: StoreSession, event: AuditEvent, assignedId?: string): Promise<ResourceVersion> {
    // Time-ordered (UUIDv7) ids: the event and its marker append to the end of their collections.
    const id = assignedId ?? this.deps.newId();
    const lastUpdated = new Date(this.deps.clock()).toISOString();
    const json = JSON.stringify(stampResource(event, id, 1, lastUpdated));
    const doc: ResourceDocument = { _id: id, versionId: 1, lastUpdated, deleted: false, json, compartments: [], sp: {} };
    await session.collection<ResourceDocument>('AuditEvent').insertOne(doc);
    await session.collection<PendingLink>(AUDIT_PENDING).insertOne({ _id: id, event: id });
    return new ResourceVersion('AuditEvent', id, 1, lastUpdated, json, []);
  }
}

function isStore(session: StoreSession): session is DocumentStore {
  return typeof (session as Partial<DocumentStore>).withTransaction === 'function';
}
