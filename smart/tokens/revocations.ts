import type { DocumentStore, Filter, StoredDocument } from '../../resources/storage/port';
import { AUTH } from '../store/auth-collections';

/** One access token we issued, by jti: what it belongs to, so it can be revoked with its grant, user or client. */
export interface IssuedToken extends StoredDocument {
  _id: string;
  clientId: string;
  userId?: string;
  familyId?: string;
  codeId?: string;
  exp: number;
}

interface Revocation extends StoredDocument {
  /** The revoked access token's jti. */
  _id: string;
  /** Until when the token would have been valid; the record can be dropped after. */
  exp: number;
  reason: string;
}

/**
 * Access-token revocation. Tokens are self-contained JWTs, so revoking one means listing its jti; every FHIR
 * request then makes exactly one cheap lookup by id (RFC 7009 §2: a revoked token is refused at once).
 */
export class Revocations {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: () => number = Date.now,
  ) {}

  record(token: IssuedToken): Promise<void> {
    return this.store.collection<IssuedToken>(AUTH.issuedTokens).insertOne(token);
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.store.collection<Revocation>(AUTH.revocations).findById(jti)) !== undefined;
  }

  revokeToken(jti: string, exp: number, reason: string): Promise<void> {
    return this.store.collection<Revocation>(AUTH.revocations).replaceOne({ _id: jti }, { _id: jti, exp, reason }, { upsert: true }).then(() => undefined);
  }

  /** Revokes every unexpired access token matching `filter` (by familyId, codeId, userId or clientId); returns their jtis. */
  async revokeIssued(filter: Filter, reason: string): Promise<string[]> {
    const now = Math.floor(this.clock() / 1000);
    const issued = await this.store.collection<IssuedToken>(AUTH.issuedTokens).find({ ...filter, exp: { $gt: now } });
    for (const token of issued) await this.revokeToken(token._id, token.exp, reason);
    return issued.map((t) => t._id);
  }
}
