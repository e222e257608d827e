import type { AuditEvent } from 'fhir/r4';
import { unavailable } from '../errors/fhir-error';
import type { ResourceDocument } from '../repository/resource-document';
import { ResourceVersion } from '../repository/resource-version';
import { stampResource } from '../repository/stamp';
import type { ResourceIndexer } from '../search/search-engine';
import type { StoreSession } from '../storage/port';
import { AUDIT_PENDING, type PendingLink } from './audit-collections';
import type { AuditRecord } from './audit-record';
import { balpAuditEvent, type ServerIdentity } from './balp-event';

export interface AuditTrailDeps {
  indexer: ResourceIndexer;
  server: ServerIdentity;
  clock: () => number;
  newId: () => string;
  /** Called after events are written, so the chainer can link them soon. */
  onWritten?: () => void;
}

/**
 * Writes AuditEvents. Each is stored as a regular AuditEvent resource (indexed, so it is searchable at once)
 * plus a pending marker, in the session given: inside a write's own transaction, the events commit with the
 * data or not at all; given the store itself (reads, failures), the write is a separate transaction that the
 * store group-commits with others and that is durable when this resolves. Chaining happens afterwards
 * (AuditChainer), in one place, so concurrent writers never contend for the chain's head.
 */
export class AuditTrail {
  private counter = 0;

  constructor(private readonly deps: AuditTrailDeps) {}

  async write(session: StoreSession, records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      for (const record of records) await this.store(session, balpAuditEvent(record, this.deps.server));
    } catch (e) {
      throw unavailable(`The audit trail could not be written, so the request was not carried out (${(e as Error).message})`);
    }
    this.deps.onWritten?.();
  }

  /** An AuditEvent sent by another system (the audit repository role): stored as given and chained like ours. */
  async writeExternal(session: StoreSession, event: AuditEvent): Promise<ResourceVersion> {
    const version = await this.store(session, event);
    this.deps.onWritten?.();
    return version;
  }

  private async store(session: StoreSession, event: AuditEvent): Promise<ResourceVersion> {
    const id = this.deps.newId();
    const now = this.deps.clock();
    const lastUpdated = new Date(now).toISOString();
    const stamped = stampResource(event, id, 1, lastUpdated);
    const json = JSON.stringify(stamped);
    const { sp, compartments } = this.deps.indexer.index(stamped);
    const doc: ResourceDocument = { _id: id, versionId: 1, lastUpdated, deleted: false, json, compartments, sp };
    await session.collection<ResourceDocument>('AuditEvent').insertOne(doc);
    await session.collection<PendingLink>(AUDIT_PENDING).insertOne({ _id: this.orderKey(now), event: id });
    return new ResourceVersion('AuditEvent', id, 1, lastUpdated, json, compartments);
  }

  /** Sorts by write time, then by a per-process counter, then by a random suffix that keeps processes apart. */
  private orderKey(now: number): string {
    this.counter = (this.counter + 1) % 1_000_000;
    return `${String(now).padStart(15, '0')}-${String(this.counter).padStart(6, '0')}-${this.deps.newId().slice(0, 8)}`;
  }
}
