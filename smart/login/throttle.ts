import type { DocumentStore, StoredDocument } from '../../resources/storage/port';
import { AUTH } from '../store/auth-collections';

interface ThrottleRecord extends StoredDocument {
  /** `user:<username>` or `addr:<address>`. */
  _id: string;
  failures: number;
  firstFailureAt: number;
  lockedUntil?: number;
}

export interface ThrottleSettings {
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
  lockoutMaxSeconds: number;
}

/**
 * Slows password and TOTP guessing (NIST SP 800-63B §5.2.2): failures are counted per key (username as typed,
 * existing or not, so the pause reveals nothing; and the address); past the limit the key pauses, for longer with
 * each further failure but never beyond the maximum, so nobody can lock a user out for good.
 */
export class Throttle {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** When the first of these keys reopens, if any of them is paused now. */
  async pausedUntil(keys: readonly string[]): Promise<number | undefined> {
    const now = this.clock();
    let until: number | undefined;
    for (const key of keys) {
      const record = await this.store.collection<ThrottleRecord>(AUTH.throttle).findById(key);
      if (record?.lockedUntil !== undefined && record.lockedUntil > now) until = Math.max(until ?? 0, record.lockedUntil);
    }
    return until;
  }

  async fail(key: string, settings: ThrottleSettings): Promise<void> {
    const now = this.clock();
    await this.store.withTransaction(async (session) => {
      const throttle = session.collection<ThrottleRecord>(AUTH.throttle);
      const record = await throttle.findById(key);
      const fresh = !record || now - record.firstFailureAt > settings.windowSeconds * 1000;
      const next: ThrottleRecord = fresh ? { _id: key, failures: 1, firstFailureAt: now } : { ...record!, failures: record!.failures + 1 };
      if (next.failures >= settings.maxFailures) {
        const pause = Math.min(settings.lockoutSeconds * 2 ** (next.failures - settings.maxFailures), settings.lockoutMaxSeconds);
        next.lockedUntil = now + pause * 1000;
      } else {
        delete next.lockedUntil;
      }
      await throttle.replaceOne({ _id: key }, next, { upsert: true });
    });
  }

  async reset(key: string): Promise<void> {
    await this.store.collection<ThrottleRecord>(AUTH.throttle).deleteOne({ _id: key });
  }
}

export function userKey(username: string): string {
  return `user:${username.normalize('NFC').trim().toLowerCase()}`;
}

export function addressKey(address: string | undefined): string {
  return `addr:${address ?? 'unknown'}`;
}
