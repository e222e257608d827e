import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { threadId } from 'node:worker_threads';
import { encodeFrames, FRAME_HEADER, sealFrame } from './journal-frame';
import { SEGMENT_SUFFIX, writerTag } from './journal-segments';

/** Preallocated size of a segment by default: at 2 KB per audit record, about 30,000 records. */
const SEGMENT_BYTES = 64 * 1024 * 1024;
const ZEROS = Buffer.alloc(1024 * 1024);
const openAsync = promisify(fs.open);
const writeAsync = promisify(fs.write);
const fsyncAsync = promisify(fs.fsync);
const closeAsync = promisify(fs.close);
/** Segments made in this thread, for names unique within one millisecond. */
let segmentsMade = 0;

interface Waiter {
  payloads: readonly string[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Segment {
  name: string;
  fd: number;
  size: number;
  /** Where the next frame goes. */
  at: number;
  /** Writes and flushes under way: the file is closed once it is sealed and they are done. */
  inFlight: number;
  sealed: boolean;
  /** When the last turn written here is acknowledged (see writeTurn). */
  tail: Promise<void>;
}

/**
 * Appends records to a journal directory, durably. Every append of one event-loop turn is written with one
 * synchronized write, started in that turn's `setImmediate` phase, off the event loop (libuv's thread pool); the
 * appends resolve when that write is done (on disk, when durable). Turns do not wait for each other: offsets are
 * handed out in the turn, so the writes of successive turns may be in flight together.
 *
 * Why not the LMDB store: under the read benchmark an audited read waited 2 to 4 ms for its LMDB commit, of which
 * the commit was 0.5 ms: the rest was waiting for the store's write lock, which the audit chainer's transactions
 * hold for milliseconds, and for lmdb-js's write thread. Here nothing else writes to the file, and a preallocated
 * segment (the next one zero-filled ahead of time) flushes only the data appended: 0.16 ms against LMDB's 0.42 ms
 * measured. Each writer has segments of its own (named by time, process and thread), so writers never share a
 * file. The reader (journal-segments.ts) deletes a segment once it has read it to the end and it is sealed or its
 * writer is gone.
 */
export class JournalWriter {
  private current: Segment | undefined;
  /** The next segment, once zero-filled; `preparing` while it is being made. */
  private spare: Segment | undefined;
  private preparing: Promise<void> | undefined;
  private waiting: Waiter[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly options: { durable: boolean; segmentBytes?: number },
  ) {}

  private get segmentBytes(): number {
    return this.options.segmentBytes ?? SEGMENT_BYTES;
  }

  /**
   * Appends go through a descriptor opened with O_DSYNC when durable: each write returns once its data is on disk
   * (POSIX synchronized I/O data integrity, as fdatasync gives). One request to libuv's thread pool per turn instead
   * of a write and then an fdatasync: the second was submitted only when the event loop ran the write's callback,
   * between two turns of request handling. Under the read benchmark that made a turn's acknowledgement take
   * 1.7-2 ms, while the disk's own flush of a preallocated segment takes 0.16 ms.
   */
  private get appendFlags(): number {
    return fs.constants.O_WRONLY | (this.options.durable ? fs.constants.O_DSYNC : 0);
  }

  /** Resolves once the payloads are written (and flushed, when durable) with the rest of this turn's. */
  append(payloads: readonly string[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ payloads, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.writeTurn());
    });
  }

  /** Writes what is waiting, waits for every write, then seals the segment: its reader may delete it once read. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.writeTurn();
    this.closed = true;
    await Promise.all(this.inFlight);
    if (this.current) this.seal(this.current);
    await this.preparing;
    if (this.spare) this.discard(this.spare);
  }

  private writeTurn(): void {
    const turn = this.waiting;
    this.waiting = [];
    if (turn.length === 0) return;
    let frames: Buffer;
    let segment: Segment;
    try {
      frames = encodeFrames(turn.flatMap((w) => w.payloads));
      segment = this.segmentWithRoom(frames.length);
    } catch (e) {
      for (const { reject } of turn) reject(e);
      return;
    }
    const at = segment.at;
    segment.at += frames.length;
    segment.inFlight++;
    const io = writeFrames(segment.fd, frames, at).finally(() => {
      segment.inFlight--;
      if (segment.sealed && segment.inFlight === 0) fs.closeSync(segment.fd);
    });
    // Its failure is reported through `acknowledged`, unless an earlier turn's failure is reported there instead.
    io.catch(() => undefined);
    // Acknowledged in order: a turn is durable only once every earlier turn of its segment is, because a reader
    // stops at the first frame missing (an earlier write that failed would hide everything after it).
    const acknowledged = segment.tail.then(() => io);
    segment.tail = acknowledged;
    const settled = acknowledged.then(
      () => {
        for (const { resolve } of turn) resolve();
      },
      (e: unknown) => {
        for (const { reject } of turn) reject(e);
        this.abandon(segment);
      },
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /** After a failed write: nothing more goes to this segment (its reader stops at the gap; it is deleted once its writer is gone). */
  private abandon(segment: Segment): void {
    if (this.current === segment) this.current = undefined;
    if (segment.sealed) return;
    segment.sealed = true;
    if (segment.inFlight === 0) fs.closeSync(segment.fd);
  }

  /** The current segment if the frames fit before its seal, else the next one (the spare, when ready). */
  private segmentWithRoom(bytes: number): Segment {
    const fits = (s: Segment) => s.at + bytes + FRAME_HEADER <= s.size;
    if (this.current && fits(this.current)) return this.current;
    if (this.current) this.seal(this.current);
    const spare = this.spare;
    this.spare = undefined;
    if (spare && fits(spare)) {
      this.current = spare;
    } else {
      if (spare) this.discard(spare);
      this.current = this.createSync(Math.max(this.segmentBytes, bytes + FRAME_HEADER));
    }
    this.prepareSpare();
    return this.current;
  }

  private prepareSpare(): void {
    if (this.preparing) return;
    this.preparing = this.prepare(this.segmentBytes).then(
      (segment) => {
        this.preparing = undefined;
        // Segments are read in name order: one made while this was being prepared must stay before it.
        if (this.closed || (this.current !== undefined && segment.name < this.current.name)) {
          this.discard(segment);
          if (!this.closed) this.prepareSpare();
        } else {
          this.spare = segment;
        }
      },
      () => {
        // Not fatal: the next rotation creates its segment in the turn instead.
        this.preparing = undefined;
      },
    );
  }

  private discard(segment: Segment): void {
    fs.closeSync(segment.fd);
    fs.rmSync(path.join(this.dir, segment.name), { force: true });
  }

  /**
   * Marks the segment finished after its last frame (a reader that meets the seal reads no further; one that
   * meets a frame still being written stops there and comes back). Closed once its writes are done.
   */
  private seal(segment: Segment): void {
    fs.writeSync(segment.fd, sealFrame(), 0, FRAME_HEADER, segment.at);
    segment.sealed = true;
    if (segment.inFlight === 0) fs.closeSync(segment.fd);
  }

  /** Only when the spare is not ready (the first append, or a turn larger than a segment). */
  private createSync(size: number): Segment {
    fs.mkdirSync(this.dir, { recursive: true });
    const name = this.newName();
    const file = path.join(this.dir, name);
    const zeroing = fs.openSync(file, 'wx');
    try {
      for (let at = 0; at < size; at += ZEROS.length) fs.writeSync(zeroing, ZEROS, 0, Math.min(ZEROS.length, size - at), at);
      fs.fsyncSync(zeroing);
    } finally {
      fs.closeSync(zeroing);
    }
    this.syncDirectory();
    return { name, fd: fs.openSync(file, this.appendFlags), size, at: 0, inFlight: 0, sealed: false, tail: Promise.resolve() };
  }

  /** Zero-fills the next segment off the event loop, so that flushing an append never has to grow a file. */
  private async prepare(size: number): Promise<Segment> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const name = this.newName();
    const file = path.join(this.dir, name);
    const zeroing = await openAsync(file, 'wx');
    try {
      try {
        for (let at = 0; at < size; at += ZEROS.length) await writeAsync(zeroing, ZEROS, 0, Math.min(ZEROS.length, size - at), at);
        await fsyncAsync(zeroing);
      } finally {
        await closeAsync(zeroing);
      }
      this.syncDirectory();
      return { name, fd: await openAsync(file, this.appendFlags), size, at: 0, inFlight: 0, sealed: false, tail: Promise.resolve() };
    } catch (e) {
      await fs.promises.rm(file, { force: true });
      throw e;
    }
  }

  /** A new file is durable only once its directory entry is. */
  private syncDirectory(): void {
    const fd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  private newName(): string {
    // Time first, so that segments sort in the order they were made, across writers too; then who writes, and a
    // counter for segments made within one millisecond.
    return `${String(Date.now()).padStart(15, '0')}-${writerTag()}-${threadId}-${String(segmentsMade++).padStart(9, '0')}${SEGMENT_SUFFIX}`;
  }
}

/** One write; durable when it resolves if the segment was opened durable (see `appendFlags`). */
function writeFrames(fd: number, frames: Buffer, at: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    fs.write(fd, frames, 0, frames.length, at, (error) => (error ? reject(error) : resolve()));
  });
}
