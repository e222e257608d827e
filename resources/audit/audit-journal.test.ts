import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createResourceIndexer } from '../search/indexing';
import { openEmbeddedStore } from '../storage/embedded/embedded-store';
import { listSegments, readSegment, writerTag } from '../storage/journal/journal-segments';
import type { DocumentStore } from '../storage/port';
import { AuditChainer } from './audit-chainer';
import { AUDIT_CHAIN, AUDIT_PENDING, AUDIT_STATE, JOURNAL_POSITION, type ChainLink, type PendingLink } from './audit-collections';
import { FileAuditJournal, journalPositions } from './audit-journal';
import { verifyChain } from './audit-verify';

const indexer = createResourceIndexer({ fhirBase: 'http://localhost/fhir' });

/** Ids sort like the server's time-ordered UUIDv7s; the event body is about 1 KB, like a BALP read event. */
function link(n: number): PendingLink {
  const id = `0190000${String(n).padStart(5, '0')}`;
  const recorded = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const event = { resourceType: 'AuditEvent', id, meta: { versionId: '1', lastUpdated: recorded }, recorded, action: 'R', outcome: '0', note: 'x'.repeat(900) };
  return { _id: id, recorded, json: JSON.stringify(event) };
}

describe('the audit chainer with a journal', () => {
  let dir: string;
  let store: DocumentStore;
  let journal: FileAuditJournal;
  const journalDir = () => path.join(dir, 'journal');
  const chainedEvents = async () => (await store.collection<ChainLink>(AUDIT_CHAIN).find({}, { sort: [['_id', 1]] })).map((l) => l.event);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-journal-'));
    store = await openEmbeddedStore({ dir: path.join(dir, 'store'), durability: 'commit' });
    journal = new FileAuditJournal(journalDir(), { durable: true, segmentBytes: 8 * 1024 });
  });

  afterEach(async () => {
    await journal.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chains what the journal and the pending collection hold, each once and oldest first, and deletes what it has read', async () => {
    const all = Array.from({ length: 40 }, (_, i) => link(i));
    for (const l of all.filter((_, i) => i % 2 === 0)) await journal.append([l]);
    await store.collection<PendingLink>(AUDIT_PENDING).insertMany(all.filter((_, i) => i % 2 === 1));
    const before = listSegments(journalDir());
    const sealed = before.filter((segment) => readSegment(journalDir(), segment, 0, 1000).finished);
    expect(sealed.length).toBeGreaterThan(1);

    await new AuditChainer(store, indexer, journal).drain();
    expect(await chainedEvents()).toEqual(all.map((l) => l._id));
    expect(await verifyChain(store, {}, journal)).toMatchObject({ valid: true, checked: 40, pending: 0 });
    expect(await store.collection(AUDIT_PENDING).count({})).toBe(0);
    expect(await store.collection('AuditEvent').count({})).toBe(40);
    // Sealed segments read to their end are gone, with where they were read up to; the one being written stays.
    // Any other segment left is an empty spare made ahead of time. Which one, and whether it sorts before the
    // current one, depends on how fast the disk zero-filled it: a spare that was not ready at a rotation is
    // discarded once it is, and made again.
    const after = listSegments(journalDir());
    for (const segment of sealed) expect(after).not.toContain(segment);
    const [current] = [...(await journalPositions(store)).keys()];
    expect([...(await journalPositions(store)).keys()]).toEqual([current]);
    expect(after).toContain(current);
    for (const spare of after.filter((segment) => segment !== current)) {
      expect(readSegment(journalDir(), spare, 0, 1000)).toEqual({ entries: [], finished: false });
    }

    await journal.close();
    journal = new FileAuditJournal(journalDir(), { durable: true, segmentBytes: 8 * 1024 });
    await journal.append([link(40)]);
    await new AuditChainer(store, indexer, journal).drain();
    expect(await chainedEvents()).toEqual([...all, link(40)].map((l) => l._id));
    expect(listSegments(journalDir())).not.toContain(current);
    expect((await journalPositions(store)).has(current)).toBe(false);
  });

  it('takes up a crashed writer’s segment where the chain left it, then deletes it', async () => {
    await journal.append([link(1)]);
    await journal.append([link(2)]);
    const [segment] = listSegments(journalDir());
    // What a server that crashed leaves: its segment, unsealed, under a writer that no longer runs, chained up to
    // its first event.
    const crashed = segment.replace(writerTag(), `${process.pid}.1`);
    fs.copyFileSync(path.join(journalDir(), segment), path.join(journalDir(), crashed));
    fs.rmSync(path.join(journalDir(), segment));
    const firstEnd = journal.read(new Map(), 1).links[0].end;
    await store.collection(AUDIT_STATE).insertOne({ _id: JOURNAL_POSITION + crashed, offset: firstEnd });

    await new AuditChainer(store, indexer, journal).drain();
    expect(await chainedEvents()).toEqual([link(2)._id]);
    expect(listSegments(journalDir())).not.toContain(crashed);
    expect((await journalPositions(store)).size).toBe(0);
  });

  it('keeps a finished segment until all it holds is chained, when older events in the store fill a batch first', async () => {
    const older = Array.from({ length: 150 }, (_, i) => link(i));
    const newer = Array.from({ length: 5 }, (_, i) => link(200 + i));
    await store.collection<PendingLink>(AUDIT_PENDING).insertMany(older);
    await journal.append(newer);
    await journal.close();
    journal = new FileAuditJournal(journalDir(), { durable: true, segmentBytes: 8 * 1024 });

    await new AuditChainer(store, indexer, journal).drain();
    expect(await chainedEvents()).toEqual([...older, ...newer].map((l) => l._id));
  });
});
