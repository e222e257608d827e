import fs from 'node:fs';
import path from 'node:path';
import { listSegments, readSegment } from '../storage/journal/journal-segments';
import { JournalWriter } from '../storage/journal/journal-writer';
import type { StoreSession } from '../storage/port';
import { AUDIT_STATE, JOURNAL_POSITION, JOURNAL_POSITION_END, type JournalPosition, type PendingLink } from './audit-collections';

/** An event read from the journal, with where the journal is read up to once it is chained. */
export interface JournaledLink {
  link: PendingLink;
  segment: string;
  end: number;
}

/**
 * Where AuditEvents recorded outside a write's own transaction (reads, searches, failures, sign-ins) wait,
 * durably, for the chainer. Optional: without one they go to the store's pending collection, which MongoDB
 * group-commits well by itself; the embedded store has one because an LMDB commit costs the request a second turn
 * of the event loop (see JournalWriter). The chainer keeps how far it has read each segment in the store, in the
 * transaction that chains what it read, so every event is chained exactly once, across crashes.
 */
export interface AuditJournal {
  /** Resolves once the records are durable. */
  append(records: readonly PendingLink[]): Promise<void>;
  /**
   * Up to `limit` events after `positions` (segment name -> offset read up to), oldest segment first, and the
   * segments with nothing more to read after them, which may be deleted once those events are chained (including
   * segments in `positions` that no longer exist).
   */
  read(positions: ReadonlyMap<string, number>, limit: number): { links: JournaledLink[]; finished: string[] };
  /** Deletes a finished segment. */
  delete(segment: string): void;
  /** How many events wait after `positions` (reads every segment: for verification, not for every request). */
  count(positions: ReadonlyMap<string, number>): number;
  close(): Promise<void>;
}

/** The audit journal as segment files in a directory (the embedded store's DATA_DIR/audit-journal). */
export class FileAuditJournal implements AuditJournal {
  private readonly writer: JournalWriter;

  constructor(
    private readonly dir: string,
    options: { durable: boolean; segmentBytes?: number },
  ) {
    this.writer = new JournalWriter(dir, options);
  }

  append(records: readonly PendingLink[]): Promise<void> {
    return this.writer.append(records.map(encode));
  }

  read(positions: ReadonlyMap<string, number>, limit: number): { links: JournaledLink[]; finished: string[] } {
    const links: JournaledLink[] = [];
    const segments = listSegments(this.dir);
    const present = new Set(segments);
    const finished = [...positions.keys()].filter((segment) => !present.has(segment));
    for (const segment of segments) {
      if (links.length >= limit) break;
      const read = readSegment(this.dir, segment, positions.get(segment) ?? 0, limit - links.length);
      for (const { payload, end } of read.entries) links.push({ link: decode(payload), segment, end });
      if (read.finished) finished.push(segment);
    }
    return { links, finished };
  }

  delete(segment: string): void {
    fs.rmSync(path.join(this.dir, segment), { force: true });
  }

  count(positions: ReadonlyMap<string, number>): number {
    let n = 0;
    for (const segment of listSegments(this.dir)) {
      let from = positions.get(segment) ?? 0;
      for (;;) {
        const { entries } = readSegment(this.dir, segment, from, 1000);
        n += entries.length;
        if (entries.length < 1000) break;
        from = entries[entries.length - 1].end;
      }
    }
    return n;
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/**
 * `_id`, `recorded`, then the record's JSON after an `R` or the event's JSON, one per line (none of them holds a raw
 * line break; JSON text starts with `{`, so older journals, which held only events, read the same).
 */
function encode(link: PendingLink): string {
  return `${link._id}\n${link.recorded}\n${link.record !== undefined ? `R${link.record}` : link.json}`;
}

function decode(payload: Buffer): PendingLink {
  const text = payload.toString('utf8');
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  const link = { _id: text.slice(0, first), recorded: text.slice(first + 1, second) };
  return text[second + 1] === 'R' ? { ...link, record: text.slice(second + 2) } : { ...link, json: text.slice(second + 1) };
}

/** How far each journal segment is chained, as the chainer keeps it in the store. */
export async function journalPositions(session: StoreSession): Promise<Map<string, number>> {
  const found = await session.collection<JournalPosition>(AUDIT_STATE).find({ _id: { $gte: JOURNAL_POSITION, $lt: JOURNAL_POSITION_END } });
  return new Map(found.map((p) => [p._id.slice(JOURNAL_POSITION.length), p.offset]));
}
