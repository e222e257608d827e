import type { Resource } from 'fhir/r4';
import type { ResourceDocument } from '../repository/resource-document';
import type { ResourceIndexer } from '../search/search-engine';
import type { DocumentStore } from '../storage/port';
import {
  AUDIT_CHAIN,
  AUDIT_PENDING,
  AUDIT_STATE,
  GENESIS_HASH,
  linkId,
  type ChainLink,
  type ChainState,
  type PendingLink,
} from './audit-collections';
import { chainHash } from './audit-hash';

/** Links chained per transaction: large enough to amortize a commit, small enough to keep transactions short. */
const BATCH = 100;

/** What the rest of the server needs of whoever chains AuditEvents (in this thread, or in a worker thread). */
export interface AuditChain {
  /** Pending events exist: chain them soon. */
  notify(): void;
  /** Resolves once everything pending when called is chained and indexed. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Links pending AuditEvents into the hash chain, oldest first, and indexes them for search, in batches. Each batch
 * is one transaction that moves the head, so two server processes chaining at once conflict and one retries: the
 * chain never forks (on MongoDB this needs a replica set, as all transactions do). Within a process, batches run
 * one at a time.
 */
export class AuditChainer implements AuditChain {
  private queue: Promise<unknown> = Promise.resolve();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly indexer: ResourceIndexer,
  ) {}

  /** Asks for pending events to be chained soon; calls while a run is scheduled are coalesced. */
  notify(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = true;
    void this.exclusive(async () => {
      this.scheduled = false;
      await this.catchUp();
    }).catch(() => undefined);
  }

  /** Chains and indexes everything pending now; resolves once done (before audit searches and verification). */
  drain(): Promise<void> {
    return this.exclusive(() => this.catchUp());
  }

  async stop(): Promise<void> {
    await this.drain().catch(() => undefined);
    this.stopped = true;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Batches until one comes back short: what was pending when it started is then chained. */
  private async catchUp(): Promise<void> {
    while (!this.stopped && (await this.chainBatch()) === BATCH);
  }

  private chainBatch(): Promise<number> {
    return this.store.withTransaction(async (session) => {
      const state = session.collection<ChainState>(AUDIT_STATE);
      const head = (await state.findById('head')) ?? { _id: 'head', seq: 0, hash: GENESIS_HASH };
      const pending = await session.collection<PendingLink>(AUDIT_PENDING).find({}, { sort: [['_id', 1]], limit: BATCH });
      if (pending.length === 0) return 0;
      const events = session.collection<ResourceDocument>('AuditEvent');
      const links = session.collection<ChainLink>(AUDIT_CHAIN);
      let { seq, hash } = head;
      for (const record of pending) {
        const prev = hash;
        seq += 1;
        hash = chainHash(prev, seq, record.json);
        await links.insertOne({ _id: linkId(seq), seq, event: record._id, prev, hash, recorded: record.recorded });
        const { sp, compartments } = this.indexer.index(JSON.parse(record.json) as Resource);
        await events.insertOne({ _id: record._id, versionId: 1, lastUpdated: record.recorded, deleted: false, json: record.json, compartments, sp });
        await session.collection(AUDIT_PENDING).deleteOne({ _id: record._id });
      }
      const moved = await state.replaceOne({ _id: 'head', seq: head.seq }, { _id: 'head', seq, hash }, { upsert: true });
      if (!moved) throw new Error('the audit chain head moved during chaining');
      return pending.length;
    });
  }
}
