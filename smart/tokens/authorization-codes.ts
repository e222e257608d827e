import type { DocumentStore, StoredDocument } from '../../resources/storage/port';
import { SECURITY_DEFAULTS } from '../security-defaults';
import { AUTH } from '../store/auth-collections';
import { digest, randomToken } from '../store/secrets';
import type { StoredGrant } from './grant';

export interface CodeRecord extends StoredDocument, StoredGrant {
  /** SHA-256 of the code: the code itself is never stored. */
  _id: string;
  redirectUri: string;
  codeChallenge: string;
  createdAt: number;
  expiresAt: number;
  /** Set when the code is exchanged; a second exchange is a replay (RFC 6749 §4.1.2). */
  usedAt?: number;
}

/** Authorization codes: short-lived, bound to client, redirect URI and PKCE challenge, one use. */
export class AuthorizationCodes {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: () => number = Date.now,
  ) {}

  private get codes() {
    return this.store.collection<CodeRecord>(AUTH.codes);
  }

  async create(grant: StoredGrant, redirectUri: string, codeChallenge: string): Promise<string> {
    const code = randomToken();
    const now = this.clock();
    await this.codes.insertOne({
      ...grant,
      _id: digest(code),
      redirectUri,
      codeChallenge,
      createdAt: now,
      expiresAt: now + SECURITY_DEFAULTS.authorizationCodeSeconds * 1000,
    });
    return code;
  }

  find(code: string): Promise<CodeRecord | undefined> {
    return this.codes.findById(digest(code));
  }

  /** Marks the code used; false when another request used it first (then this one is the replay). */
  consume(record: CodeRecord): Promise<boolean> {
    return this.codes.replaceOne({ _id: record._id, usedAt: { $exists: false } }, { ...record, usedAt: this.clock() });
  }
}
