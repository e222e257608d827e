import type { DocumentStore } from '../../resources/storage/port';
import { SECURITY_DEFAULTS } from '../security-defaults';
import { AUTH } from './auth-collections';

/** How often expired auth records are swept. */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Drops auth records that can no longer matter: used or expired codes, ended sessions and sign-ins, launch
 * contexts, and the jti / revocation / issued-token records of tokens past their expiry (a revocation need not
 * outlive the token it revokes). Refresh families stay (they are the record of what a user authorized).
 */
export async function purgeExpired(store: DocumentStore, nowMs: number): Promise<number> {
  const nowSeconds = Math.floor(nowMs / 1000) - SECURITY_DEFAULTS.clockSkewSeconds;
  const removed = await Promise.all([
    store.collection(AUTH.codes).deleteMany({ expiresAt: { $lt: nowMs } }),
    store.collection(AUTH.sessions).deleteMany({ expiresAt: { $lt: nowMs } }),
    store.collection(AUTH.transactions).deleteMany({ expiresAt: { $lt: nowMs } }),
    store.collection(AUTH.launches).deleteMany({ expiresAt: { $lt: nowMs } }),
    store.collection(AUTH.assertionJtis).deleteMany({ exp: { $lt: nowSeconds } }),
    store.collection(AUTH.revocations).deleteMany({ exp: { $lt: nowSeconds } }),
    store.collection(AUTH.issuedTokens).deleteMany({ exp: { $lt: nowSeconds } }),
    store.collection(AUTH.throttle).deleteMany({ firstFailureAt: { $lt: nowMs - 24 * 3600 * 1000 } }),
  ]);
  return removed.reduce((a, b) => a + b, 0);
}
