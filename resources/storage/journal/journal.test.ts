import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeFrames, frameAt, FRAME_HEADER, sealFrame } from './journal-frame';
import { listSegments, readSegment, writerTag } from './journal-segments';
import { JournalWriter } from './journal-writer';

const payloads = (...texts: string[]) => texts;
const texts = (entries: { payload: Buffer }[]) => entries.map((e) => e.payload.toString());

describe('journal frames', () => {
  it('reads back what it wrote, each frame with the offset just past it', () => {
    const buf = encodeFrames(payloads('one', 'two'));
    const first = frameAt(buf, 0, 100);
    expect(first).toEqual({ kind: 'payload', payload: Buffer.from('one'), end: 100 + FRAME_HEADER + 3 });
    const second = frameAt(buf, FRAME_HEADER + 3, 100);
    expect(second).toMatchObject({ kind: 'payload', end: 100 + buf.length });
  });

  it('frames payloads by their UTF-8 bytes, not their characters', () => {
    const text = 'één ✓ 𝄞';
    const frame = frameAt(encodeFrames([text, 'next']), 0, 0);
    expect(frame).toEqual({ kind: 'payload', payload: Buffer.from(text), end: FRAME_HEADER + Buffer.byteLength(text) });
  });

  it('ends at zeros, at a changed byte, and at a seal; asks for more when a frame runs past the buffer', () => {
    const buf = encodeFrames(payloads('payload'));
    expect(frameAt(Buffer.concat([buf, Buffer.alloc(16)]), buf.length, 0)).toEqual({ kind: 'end' });
    const edited = Buffer.from(buf);
    edited[FRAME_HEADER + 2] ^= 1;
    expect(frameAt(edited, 0, 0)).toEqual({ kind: 'end' });
    expect(frameAt(sealFrame(), 0, 0)).toEqual({ kind: 'seal' });
    expect(frameAt(buf.subarray(0, buf.length - 1), 0, 0)).toEqual({ kind: 'partial' });
    expect(frameAt(buf.subarray(0, 5), 0, 0)).toEqual({ kind: 'partial' });
  });
});

describe('journal writer and reader', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends durably, reads in order from any offset, and is finished only once sealed by close', async () => {
    const writer = new JournalWriter(dir, { durable: true, segmentBytes: 64 * 1024 });
    await Promise.all([writer.append(payloads('a', 'b')), writer.append(payloads('c'))]);
    await writer.append(payloads('d'));
    const [segment] = listSegments(dir);
    const all = readSegment(dir, segment, 0, 100);
    expect(texts(all.entries)).toEqual(['a', 'b', 'c', 'd']);
    expect(all.finished).toBe(false);
    const rest = readSegment(dir, segment, all.entries[1].end, 100);
    expect(texts(rest.entries)).toEqual(['c', 'd']);
    expect(texts(readSegment(dir, segment, 0, 3).entries)).toEqual(['a', 'b', 'c']);
    await writer.close();
    const sealed = readSegment(dir, segment, all.entries[3].end, 100);
    expect(sealed).toEqual({ entries: [], finished: true });
    await expect(writer.append(payloads('e'))).rejects.toThrow(/closed/);
  });

  // Linux reports each descriptor's open flags in /proc/self/fdinfo (octal); elsewhere there is nothing to read.
  const linuxOnly = process.platform === 'linux' ? it : it.skip;
  linuxOnly('appends through a descriptor opened O_DSYNC when durable, and without it when not', async () => {
    const flagsOfDescriptorsOn = (file: string) =>
      fs
        .readdirSync('/proc/self/fd')
        .filter((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
          } catch {
            return false; // closed while listing
          }
        })
        .map((fd) => parseInt(/flags:\s*([0-7]+)/.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1], 8));
    for (const durable of [true, false]) {
      const writer = new JournalWriter(dir, { durable, segmentBytes: 64 * 1024 });
      await writer.append(payloads(`durable: ${durable}`));
      // The segment appended to (the spare being made beside it is written through another descriptor).
      const appended = listSegments(dir).find((s) => texts(readSegment(dir, s, 0, 1).entries)[0] === `durable: ${durable}`)!;
      const flags = flagsOfDescriptorsOn(path.join(dir, appended));
      expect(flags).toHaveLength(1);
      expect((flags[0] & fs.constants.O_DSYNC) === fs.constants.O_DSYNC).toBe(durable);
      await writer.close();
      expect(flagsOfDescriptorsOn(path.join(dir, appended))).toEqual([]);
    }
  });

  it('moves to a new segment when one is full, sealing the old one, and keeps the order across segments', async () => {
    const writer = new JournalWriter(dir, { durable: false, segmentBytes: 4096 });
    const record = (i: number) => `${i}:${'x'.repeat(1000)}`;
    for (let i = 0; i < 10; i++) await writer.append([record(i)]);
    await writer.close();
    const segments = listSegments(dir);
    expect(segments.length).toBeGreaterThan(2);
    const read = segments.map((s) => readSegment(dir, s, 0, 100));
    expect(read.every((r) => r.finished)).toBe(true);
    expect(read.flatMap((r) => texts(r.entries)).map((t) => Number(t.split(':')[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('takes a turn larger than a segment in a segment of its own', async () => {
    const writer = new JournalWriter(dir, { durable: false, segmentBytes: 4096 });
    await writer.append(['y'.repeat(10_000)]);
    await writer.append(payloads('after'));
    await writer.close();
    const entries = listSegments(dir).flatMap((s) => readSegment(dir, s, 0, 100).entries);
    expect(entries.map((e) => e.payload.length)).toEqual([10_000, 5]);
  });

  it('treats an unsealed segment as finished once its writer is gone, and not before', async () => {
    const writer = new JournalWriter(dir, { durable: true, segmentBytes: 64 * 1024 });
    await writer.append(payloads('kept'));
    const [segment] = listSegments(dir);
    expect(segment).toContain(`-${writerTag()}-`);
    expect(readSegment(dir, segment, 0, 100).finished).toBe(false);
    // The same bytes under the name a writer that no longer runs would have given them (a crashed server).
    const dead = segment.replace(writerTag(), `${process.pid}.1`);
    fs.copyFileSync(path.join(dir, segment), path.join(dir, dead));
    expect(readSegment(dir, dead, 0, 100)).toMatchObject({ entries: [{ payload: Buffer.from('kept') }], finished: true });
    await writer.close();
  });

  it('stops at a record cut off by a crash, and reads nothing of a segment that no longer exists', async () => {
    const writer = new JournalWriter(dir, { durable: true, segmentBytes: 64 * 1024 });
    await writer.append(payloads('whole'));
    await writer.append(payloads('cut off'));
    const [segment] = listSegments(dir);
    const [, second] = readSegment(dir, segment, 0, 100).entries;
    const fd = fs.openSync(path.join(dir, segment), 'r+');
    fs.writeSync(fd, Buffer.alloc(3), 0, 3, second.end - 3);
    fs.closeSync(fd);
    expect(texts(readSegment(dir, segment, 0, 100).entries)).toEqual(['whole']);
    await writer.close();
    expect(readSegment(dir, 'gone.journal', 0, 100)).toEqual({ entries: [], finished: true });
  });
});
