import { randomUUID } from 'node:crypto';
import type { DocumentStore, Filter, StoredDocument } from '../../resources/storage/port';
import { AUTH } from '../store/auth-collections';
import { digest, randomToken } from '../store/secrets';
import type { StoredGrant } from './grant';
import type { Revocations } from './revocations';

/**
 * A refresh token family: every refresh token descending from one authorization (RFC 9700 §4.14.2). It has an
 * absolute expiry that rotation does not extend, and is revoked as a whole when a rotated token is replayed.
 */
export interface RefreshFamily extends StoredDocument, StoredGrant {
  _id: string;
  /** The code it came from, so a replayed code revokes it. */
  codeId?: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
  revokedReason?: string;
}

export interface RefreshTokenRecord extends StoredDocument {
  /** SHA-256 of the token. */
  _id: string;
  familyId: string;
  createdAt: number;
  /** Set when a public client's token was exchanged for its successor; using it again is reuse. */
  rotatedAt?: number;
}

export class RefreshTokens {
  constructor(
    private readonly store: DocumentStore,
    private readonly revocations: Revocations,
    private readonly clock: () => number = Date.now,
  ) {}

  private get families() {
    return this.store.collection<RefreshFamily>(AUTH.refreshFamilies);
  }

  private get tokens() {
    return this.store.collection<RefreshTokenRecord>(AUTH.refreshTokens);
  }

  async startFamily(grant: StoredGrant, lifetimeSeconds: number, codeId?: string): Promise<string> {
    const now = this.clock();
    const family: RefreshFamily = { ...grant, _id: randomUUID(), createdAt: now, expiresAt: now + lifetimeSeconds * 1000 };
    if (codeId !== undefined) family.codeId = codeId;
    await this.families.insertOne(family);
    return family._id;
  }

  async mint(familyId: string): Promise<string> {
    const token = randomToken();
    await this.tokens.insertOne({ _id: digest(token), familyId, createdAt: this.clock() });
    return token;
  }

  async find(token: string): Promise<{ record: RefreshTokenRecord; family: RefreshFamily } | undefined> {
    const record = await this.tokens.findById(digest(token));
    if (!record) return undefined;
    const family = await this.families.findById(record.familyId);
    return family ? { record, family } : undefined;
  }

  /** Marks a token as exchanged; false when it already was (a concurrent or later reuse). */
  markRotated(record: RefreshTokenRecord): Promise<boolean> {
    return this.tokens.replaceOne({ _id: record._id, rotatedAt: { $exists: false } }, { ...record, rotatedAt: this.clock() });
  }

  /** Revokes families matching `filter` and every access token issued from them; returns the revoked jtis. */
  async revokeFamilies(filter: Filter, reason: string): Promise<string[]> {
    const families = await this.families.find({ ...filter, revokedAt: { $exists: false } });
    const jtis: string[] = [];
    for (const family of families) {
      await this.families.replaceOne({ _id: family._id }, { ...family, revokedAt: this.clock(), revokedReason: reason });
      jtis.push(...(await this.revocations.revokeIssued({ familyId: family._id }, reason)));
    }
    return jtis;
  }

  isUsable(family: RefreshFamily): boolean {
    return family.revokedAt === undefined && this.clock() < family.expiresAt;
  }
}
