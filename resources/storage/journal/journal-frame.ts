import { crc32 } from 'node:zlib';

/**
 * Journal frames: [payload length: u32 LE][CRC-32 of the payload: u32 LE][payload]. Segments are preallocated
 * with zeros, so a length of 0 is the end of what was written; a frame whose CRC does not match is a write that
 * was cut off (by a crash, or still in progress when read) and also ends the readable part. A frame of length
 * SEAL says its writer will not write to the segment again.
 */
export const FRAME_HEADER = 8;
const SEAL = 0xffffffff;

/** Frames for UTF-8 payloads, encoded straight into the one buffer that is written. */
export function encodeFrames(payloads: readonly string[]): Buffer {
  const lengths = payloads.map((p) => Buffer.byteLength(p, 'utf8'));
  const out = Buffer.allocUnsafe(lengths.reduce((n, length) => n + FRAME_HEADER + length, 0));
  let at = 0;
  for (let i = 0; i < payloads.length; i++) {
    const start = at + FRAME_HEADER;
    out.write(payloads[i], start, 'utf8');
    out.writeUInt32LE(lengths[i], at);
    out.writeUInt32LE(crc32(out.subarray(start, start + lengths[i])), at + 4);
    at = start + lengths[i];
  }
  return out;
}

export function sealFrame(): Buffer {
  const out = Buffer.alloc(FRAME_HEADER);
  out.writeUInt32LE(SEAL, 0);
  return out;
}

export type Frame = { kind: 'payload'; payload: Buffer; end: number } | { kind: 'seal' } | { kind: 'end' } | { kind: 'partial' };

/**
 * The frame at `at` in `buf` (which holds the segment's bytes from `base`): `partial` when `buf` ends inside it
 * (read more), `end` when nothing valid is there.
 */
export function frameAt(buf: Buffer, at: number, base: number): Frame {
  if (at + FRAME_HEADER > buf.length) return { kind: 'partial' };
  const length = buf.readUInt32LE(at);
  if (length === SEAL) return { kind: 'seal' };
  if (length === 0) return { kind: 'end' };
  if (at + FRAME_HEADER + length > buf.length) return { kind: 'partial' };
  const payload = buf.subarray(at + FRAME_HEADER, at + FRAME_HEADER + length);
  if (crc32(payload) !== buf.readUInt32LE(at + 4)) return { kind: 'end' };
  return { kind: 'payload', payload, end: base + at + FRAME_HEADER + length };
}
