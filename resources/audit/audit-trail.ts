import type { AuditEvent } from 'fhir/r4';
import { unavailable } from '../errors/fhir-error';
import { ResourceVersion } from '../repository/resource-version';
import type { DocumentStore, StoreSession } from '../storage/port';
import { AUDIT_PENDING, type PendingLink } from './audit-collections';
import type { AuditJournal } from './audit-journal';
import type { ChainPacer } from './chain-pacer';
import type { AuditRecord } from './audit-record';
import type { ServerIdentity } from './balp-event';
import { pendingEventLink, pendingRecordLink } from './pending-event';

export interface AuditTrailDeps {
  server: ServerIdentity;
  clock: () => number;
  /** Time-ordered ids (UUIDv7), so events and their pending markers sort in write order. */
  newId: () => string;
  /** Told when events are written, so the chainer links them soon; asked first whether the chain is too far behind. */
  pacer?: Pick<ChainPacer, 'recorded' | 'room'>;
  /** Where events recorded outside a write's transaction go; without it, the store's pending collection. */
  journal?: AuditJournal;
}

/**
 * Records AuditEvents. The request writes one pending link per event, holding what was recorded (the chainer builds
 * the event from it, pending-event.ts) or, for an event from another system, the event as it will be stored. Inside
 * a write's own transaction it commits with the data or not at all; outside one (reads, failures) it goes to the
 * journal when there is one, else to the store by itself, group-committed with other requests'
 * either way, and durable when this resolves. The AuditChainer then, in large batches, links each into the hash
 * chain and stores it as an indexed AuditEvent resource; reads and searches of AuditEvents let it catch up first,
 * so they see every event recorded before them.
 */
export class AuditTrail {
  constructor(private readonly deps: AuditTrailDeps) {}

  async write(session: StoreSession, records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      // Only while the chain is too far behind (see ChainPacer); otherwise no promise, and no extra turn.
      const held = this.deps.pacer?.room();
      if (held) await held;
      await this.store(session, records.map((record) => pendingRecordLink(record, this.deps.server, this.deps.newId(), this.now())));
    } catch (e) {
      throw unavailable(`The audit trail could not be written, so the request was not carried out (${(e as Error).message})`);
    }
    this.deps.pacer?.recorded();
  }

  /**
   * An AuditEvent sent by another system (the audit repository role): recorded as given and chained like ours.
   * `id`: one the server assigned in advance (a transaction Bundle's entries get theirs before any is written).
   */
  async writeExternal(session: StoreSession, event: AuditEvent, id?: string): Promise<ResourceVersion> {
    await this.deps.pacer?.room()?.catch((e: unknown) => {
      throw unavailable(`The audit trail is not being chained, so the AuditEvent was not recorded (${(e as Error).message})`);
    });
    const link = pendingEventLink(event, id ?? this.deps.newId(), this.now());
    await this.store(session, [link]);
    this.deps.pacer?.recorded();
    return new ResourceVersion('AuditEvent', link._id, 1, link.recorded, link.json, []);
  }

  /** Where events recorded outside a write's transaction wait, if not in the store. */
  get journal(): AuditJournal | undefined {
    return this.deps.journal;
  }

  /** The one place pending records are written: durable (or part of the session's transaction) when it resolves. */
  private async store(session: StoreSession, links: readonly PendingLink[]): Promise<void> {
    const { journal } = this.deps;
    if (!isStore(session)) {
      for (const link of links) await session.collection<PendingLink>(AUDIT_PENDING).insertOne(link);
    } else if (journal) {
      await journal.append(links);
    } else if (links.length === 1) {
      await session.collection<PendingLink>(AUDIT_PENDING).insertOne(links[0]);
    } else {
      // Several events recorded at once (one per patient) still commit as one.
      await session.withTransaction((s) => s.collection<PendingLink>(AUDIT_PENDING).insertMany(links));
    }
  }

  /** The pending event's lastUpdated. */
  private now(): string {
    return new Date(this.deps.clock()).toISOString();
  }
}

function isStore(session: StoreSession): session is DocumentStore {
  return typeof (session as Partial<DocumentStore>).withTransaction === 'function';
}
