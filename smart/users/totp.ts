import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SECURITY_DEFAULTS } from '../security-defaults';

/**
 * TOTP second factor (RFC 6238 over HOTP, RFC 4226): HMAC-SHA-1, 6 digits, 30-second steps, which every
 * authenticator app expects. Written on node:crypto rather than otplib: otplib's default plugins are ESM-only
 * and the test runner does not transform them (see the report); the algorithm is a dozen lines and is checked
 * against the RFC 6238 Appendix B vectors in totp.test.ts.
 */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 160 random bits (RFC 4226 §4 recommends 160), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The `otpauth://` URI an authenticator app enrols from (usually shown as a QR code). */
export function totpUri(issuer: string, username: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(username)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${DIGITS}&period=${PERIOD_SECONDS}`;
}

/** The code for a time step (RFC 4226 §5.3 dynamic truncation). */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD_SECONDS);
}

/**
 * The time step a code belongs to when it is valid now (RFC 6238 §5.2: one step of drift either way) and later
 * than the last step accepted for this user; undefined otherwise. The caller records the step so the same
 * code cannot be used twice (§5.2).
 */
export function acceptTotp(secret: string, code: string, lastStep: number | undefined, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const drift = Math.round(SECURITY_DEFAULTS.totpToleranceSeconds / PERIOD_SECONDS);
  const now = timeStep(nowMs);
  for (let step = now - drift; step <= now + drift; step++) {
    if (lastStep !== undefined && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(code))) return step;
  }
  return undefined;
}

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
