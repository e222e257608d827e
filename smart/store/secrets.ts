import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh unguessable value (256 bits), URL-safe: codes, refresh tokens, session ids, client secrets. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * How high-entropy bearer values (codes, refresh tokens, session ids) are stored: their SHA-256, so a copy of
 * the store cannot be replayed. Low-entropy secrets (passwords) and client secrets use argon2 instead.
 */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
