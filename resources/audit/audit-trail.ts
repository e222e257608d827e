import type { AuditEvent } from 'fhir/r4';
import { unavailable } from '../errors/fhir-error';
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
 * Records AuditEvents. The request writes one pending record per event, holding the event exactly as it will be
 * stored, in the session given: inside a write's own transaction it commits with the data or not at all; given
 * the store itself (reads, failures), it is a small transaction of its own that the store group-commits with
 * others, durable when this resolves. The AuditChainer then, in large batches, links each into the hash chain and
 * stores it as an indexed AuditEvent resource; reads and searches of AuditEvents let it catch up first, so they see
 * every event recorded before them. The request pays for one appended key (ids are time-ordered UUIDv7s).
 */
export class AuditTrail {
  constructor(private readonly deps: AuditTrailDeps) {}

  async write(session: StoreSession, records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      const all = async (s: StoreSession) => {
        for (const record of records) await this.store(s, balpAuditEvent(record, this.deps.server));
      };
      // Given the store itself (a read, or a failure): one event is one insert; several still commit as one.
      if (isStore(session) && records.length > 1) await session.withTransaction(all);
      else await all(session);
    } catch (e) {
      throw unavailable(`The audit trail could not be written, so the request was not carried out (${(e as Error).message})`);
    }
    this.deps.onWritten?.();
  }

  /**
   * An AuditEvent sent by another system (the audit repository role): recorded as given and chained like ours.
   * `id`: one the server assigned in advance (a transaction Bundle's entries get theirs before any is written).
   */
  async writeExternal(session: StoreSession, event: AuditEvent, id?: string): Promise<ResourceVersion> {
    const version = await this.store(session, event, id);
    this.deps.onWritten?.();
    return version;
  }

  private async store(session: StoreSession, event: AuditEvent, assignedId?: string): Promise<ResourceVersion> {
    const id = assignedId ?? this.deps.newId();
    const lastUpdated = new Date(this.deps.clock()).toISOString();
    const json = JSON.stringify(stampResource(event, id, 1, lastUpdated));
    await session.collection<PendingLink>(AUDIT_PENDING).insertOne({ _id: id, json, recorded: lastUpdated });
    return new ResourceVersion('AuditEvent', id, 1, lastUpdated, json, []);
  }
}

function isStore(session: StoreSession): session is DocumentStore {
  return typeof (session as Partial<DocumentStore>).withTransaction === 'function';
}
