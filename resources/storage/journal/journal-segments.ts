import fs from 'node:fs';
import path from 'node:path';
import { procStatField } from '../../platform/proc-stat';
import { frameAt } from './journal-frame';

export const SEGMENT_SUFFIX = '.journal';
/** Bytes read at a time: a batch of records is usually in one read. */
const READ_BYTES = 512 * 1024;

/** The journal's segments, oldest first (names start with their creation time). */
export function listSegments(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(SEGMENT_SUFFIX))
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

export interface SegmentRead {
  /** Payloads after `from` (views of the bytes read), each with the offset just past it (where reading resumes). */
  entries: { payload: Buffer; end: number }[];
  /** Nothing more will be written after what was read: sealed by its writer, or its writer is gone. */
  finished: boolean;
}

/** Up to `limit` payloads of a segment after offset `from`; a segment that no longer exists is finished and empty. */
export function readSegment(dir: string, segment: string, from: number, limit: number): SegmentRead {
  let fd: number;
  try {
    fd = fs.openSync(path.join(dir, segment), 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], finished: true };
    throw e;
  }
  try {
    const entries: SegmentRead['entries'] = [];
    let base = from;
    let buf = Buffer.alloc(0);
    let at = 0;
    let eof = false;
    while (entries.length < limit) {
      const frame = frameAt(buf, at, base);
      if (frame.kind === 'payload') {
        entries.push({ payload: frame.payload, end: frame.end });
        at = frame.end - base;
        continue;
      }
      if (frame.kind === 'seal') return { entries, finished: true };
      if (frame.kind === 'end' || eof) break;
      // A frame runs past what was read: read on from its start.
      base += at;
      const chunk = Buffer.allocUnsafe(Math.max(READ_BYTES, buf.length - at + READ_BYTES));
      const read = fs.readSync(fd, chunk, 0, chunk.length, base);
      eof = read < chunk.length;
      buf = chunk.subarray(0, read);
      at = 0;
    }
    return { entries, finished: entries.length < limit && !writerAlive(segment) };
  } finally {
    fs.closeSync(fd);
  }
}

/** proc(5) field `starttime`: when the process started, in clock ticks after boot. */
const START_TIME = 22;

/**
 * Names who writes a segment: the process id and the process's start time (in clock ticks since boot, from
 * /proc, where there is one), so a restarted server that got the same pid, as in a container, is not taken for
 * the one that wrote before it. The same in every thread of a process.
 */
export function writerTag(pid = process.pid): string {
  return `${pid}.${procStatField(pid, START_TIME) ?? 0}`;
}

/** Whether the writer of a segment (named `time-writerTag-thread-random`) still runs on this machine. */
function writerAlive(segment: string): boolean {
  const tag = segment.split('-')[1] ?? '';
  const pid = Number(tag.split('.')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const started = procStatField(pid, START_TIME);
  if (started !== undefined) return tag === `${pid}.${started}`;
  if (fs.existsSync('/proc/self/stat')) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
