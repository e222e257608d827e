import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

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

/** Argon2id (@node-rs/argon2's default) hash of a password or client secret, for storing. */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret);
}

/** Stands in for the hash of an unknown account, made once per process. */
let dummyHash: Promise<string> | undefined;

/**
 * Whether `secret` matches the stored argon2 hash. With no stored hash (unknown user or client) it still
 * verifies, against a dummy hash, and answers false: the time taken does not reveal which accounts exist.
 */
export async function secretMatchesHash(storedHash: string | undefined, secret: string): Promise<boolean> {
  const against = storedHash ?? (await (dummyHash ??= hash(randomToken())));
  const ok = await verify(against, secret).catch(() => false);
  return ok && storedHash !== undefined;
}
