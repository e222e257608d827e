import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import { SECURITY_DEFAULTS } from '../security-defaults';

/**
 * TOTP second factor (RFC 6238 over HOTP, RFC 4226) through otplib: HMAC-SHA-1, 6 digits, 30-second steps,
 * which every authenticator app expects.
 */
const PERIOD_SECONDS = 30;
const DIGITS = 6;

/** 160 random bits (RFC 4226 §4 recommends 160), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app enrols from (usually shown as a QR code). */
export function totpUri(issuer: string, username: string, secret: string): string {
  return generateURI({ strategy: 'totp', issuer, label: username, secret, algorithm: 'sha1', digits: DIGITS, period: PERIOD_SECONDS });
}

/** The code for a time step. */
export function totpCode(secret: string, step: number): string {
  return generateSync({ strategy: 'totp', secret, epoch: step * PERIOD_SECONDS, period: PERIOD_SECONDS, digits: DIGITS, algorithm: 'sha1' });
}

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD_SECONDS);
}

/**
 * The time step a code belongs to when it is valid now (RFC 6238 §5.2: one step of drift either way) and later
 * than the last step accepted for this user; undefined otherwise. The caller records the step so the same code
 * cannot be used twice (§5.2).
 */
export function acceptTotp(secret: string, code: string, lastStep: number | undefined, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = verifySync({
    strategy: 'totp',
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: PERIOD_SECONDS,
    digits: DIGITS,
    algorithm: 'sha1',
    epochTolerance: SECURITY_DEFAULTS.totpToleranceSeconds,
    ...(lastStep !== undefined ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
