import type { ResourceDocument } from '../repository/resource-document';
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
const BATCH = 500;

/**
 * Links pending AuditEvents into the hash chain, oldest first, in batches. Each batch is one transaction that
 * moves the head, so two server processes chaining at once conflict and one retries: the chain never forks
 * (on MongoDB this needs a replica set, as all transactions do).
 */
export class AuditChainer {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly store: DocumentStore) {}

  /** Asks for pending events to be chained soon; coalesces calls while a run is in progress. */
  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        setImmediate(() => this.notify());
      }
    });
  }

  /** Chains everything pending now (used before verification, and by tests). */
  async drain(): Promise<void> {
    while (!this.stopped && (await this.chainBatch()) > 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
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
      for (const marker of pending) {
        const event = await events.findById(marker.event);
        if (event?.json) {
          const prev = hash;
          seq += 1;
          hash = chainHash(prev, seq, event.json);
          await links.insertOne({ _id: linkId(seq), seq, event: marker.event, prev, hash, recorded: event.lastUpdated });
        }
        await session.collection(AUDIT_PENDING).deleteOne({ _id: marker._id });
      }
      const moved = await state.replaceOne({ _id: 'head', seq: head.seq }, { _id: 'head', seq, hash }, { upsert: true });
      if (!moved) throw new Error('the audit chain head moved during chaining');
      return pending.length;
    });
  }
}
