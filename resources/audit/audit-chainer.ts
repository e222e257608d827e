import type { Resource } from 'fhir/r4';
import type { ResourceDocument } from '../repository/resource-document';
import type { ResourceIndexer } from '../search/search-engine';
import type { DocumentStore } from '../storage/port';
import {
  AUDIT_CHAIN,
  AUDIT_PENDING,
  AUDIT_STATE,
  GENESIS_HASH,
  JOURNAL_POSITION,
  linkId,
  type ChainLink,
  type ChainState,
  type JournalPosition,
  type PendingLink,
} from './audit-collections';
import { chainHash } from './audit-hash';
import { journalPositions, type AuditJournal, type JournaledLink } from './audit-journal';
import { pendingEvent } from './pending-event';

/** Links chained per transaction: large enough to amortize a commit, small enough to keep transactions short. */
const BATCH = 100;

/** What the rest of the server needs of whoever chains AuditEvents (in this thread, or in a child process). */
export interface AuditChain {
  /** Pending events exist: chain them soon. */
  notify(): void;
  /** Resolves once everything pending when called is chained and indexed. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Links pending AuditEvents into the hash chain, oldest first, and indexes them for search, in batches. Pending
 * events come from two places: the store's pending collection (events that committed with a write) and the
 * journal, when there is one (everything else). Each batch is one transaction that moves the head, so two server
 * processes chaining at once conflict and one retries: the chain never forks (on MongoDB this needs a replica set,
 * as all transactions do). Within a process, batches run one at a time.
 */
export class AuditChainer implements AuditChain {
  private queue: Promise<unknown> = Promise.resolve();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly indexer: ResourceIndexer,
    private readonly journal?: AuditJournal,
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

  private async chainBatch(): Promise<number> {
    let done: string[] = [];
    const chained = await this.store.withTransaction(async (session) => {
      const state = session.collection<ChainState | JournalPosition>(AUDIT_STATE);
      const head = ((await state.findById('head')) as ChainState | undefined) ?? { _id: 'head', seq: 0, hash: GENESIS_HASH };
      const journal = this.journal?.read(await journalPositions(session), BATCH) ?? { links: [], finished: [] };
      const pending = await session.collection<PendingLink>(AUDIT_PENDING).find({}, { sort: [['_id', 1]], limit: BATCH });
      const batch = oldestOf(pending, journal.links, BATCH);
      const events = session.collection<ResourceDocument>('AuditEvent');
      const links = session.collection<ChainLink>(AUDIT_CHAIN);
      const readTo = new Map<string, number>();
      let { seq, hash } = head;
      for (const { record, journaled } of batch) {
        const prev = hash;
        seq += 1;
        const { json, event } = pendingEvent(record);
        hash = chainHash(prev, seq, json);
        await links.insertOne({ _id: linkId(seq), seq, event: record._id, prev, hash, recorded: record.recorded });
        const { sp, compartments } = this.indexer.index(event ?? (JSON.parse(json) as Resource));
        await events.insertOne({ _id: record._id, versionId: 1, lastUpdated: record.recorded, deleted: false, json, compartments, sp });
        if (journaled) readTo.set(journaled.segment, journaled.end);
        else await session.collection(AUDIT_PENDING).deleteOne({ _id: record._id });
      }
      // How far each journal segment is chained commits with the chain itself: nothing is chained twice.
      for (const [segment, offset] of readTo) {
        await state.replaceOne({ _id: JOURNAL_POSITION + segment }, { _id: JOURNAL_POSITION + segment, offset }, { upsert: true });
      }
      // A finished segment can go once all it held is chained (the batch may have left some for the next one).
      const left = new Set(journal.links.slice(batch.filter((b) => b.journaled).length).map((l) => l.segment));
      done = journal.finished.filter((segment) => !left.has(segment));
      if (batch.length === 0) return 0;
      const moved = await state.replaceOne({ _id: 'head', seq: head.seq }, { _id: 'head', seq, hash }, { upsert: true });
      if (!moved) throw new Error('the audit chain head moved during chaining');
      return batch.length;
    });
    await this.forgetSegments(done);
    return chained;
  }

  /** Deletes finished journal segments, then where they were read up to (a crash in between leaves a position that the next batch drops). */
  private async forgetSegments(segments: readonly string[]): Promise<void> {
    for (const segment of segments) {
      this.journal?.delete(segment);
      await this.store.collection(AUDIT_STATE).deleteOne({ _id: JOURNAL_POSITION + segment });
    }
  }
}

/**
 * The oldest `limit` records of the pending collection and the journal, by `_id` (time-ordered UUIDv7s); journal
 * records are taken in journal order, so what is taken of each segment is a prefix of what was read.
 */
function oldestOf(pending: readonly PendingLink[], journaled: readonly JournaledLink[], limit: number): { record: PendingLink; journaled?: JournaledLink }[] {
  const out: { record: PendingLink; journaled?: JournaledLink }[] = [];
  let p = 0;
  let j = 0;
  while (out.length < limit && (p < pending.length || j < journaled.length)) {
    const fromJournal = p === pending.length || (j < journaled.length && journaled[j].link._id < pending[p]._id);
    if (fromJournal) {
      out.push({ record: journaled[j].link, journaled: journaled[j] });
      j++;
    } else {
      out.push({ record: pending[p++] });
    }
  }
  return out;
}
