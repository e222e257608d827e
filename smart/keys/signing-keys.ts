import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { DuplicateKeyError, type DocumentStore, type StoredDocument } from '../../resources/storage/port';
import { SECURITY_DEFAULTS } from '../security-defaults';
import { AUTH } from '../store/auth-collections';

interface SigningKeyDocument extends StoredDocument {
  kid: string;
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: number;
}

interface LoadedKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/** The one key every server process signs with; a fixed id so that processes starting together agree on it. */
const PRIMARY = 'rs256-primary';
/** How often an unknown `kid` may make us look in the store again (keys added by another process). */
const RELOAD_INTERVAL_MS = 10_000;

/**
 * The server's signing keys (RSA, RS256: SMART requires RS256 id_tokens; access tokens use the same key). They
 * live in the store so every server process signs and verifies alike; each process keeps them in memory, so
 * verifying a token needs no store round trip.
 */
export class KeyRing {
  private keys = new Map<string, LoadedKey>();
  private current!: LoadedKey;
  private lastReload = 0;

  private constructor(private readonly store: DocumentStore) {}

  static async open(store: DocumentStore): Promise<KeyRing> {
    const ring = new KeyRing(store);
    await ring.ensurePrimary();
    await ring.reload();
    return ring;
  }

  get signingKey(): { kid: string; key: CryptoKey } {
    return { kid: this.current.kid, key: this.current.privateKey };
  }

  /** Public keys as a JWKS (RFC 7517 §5), for /oauth2/jwks. */
  jwks(): { keys: JWK[] } {
    return { keys: [...this.keys.values()].map((k) => k.publicJwk) };
  }

  /** The public key with this `kid`; unknown kids make us look in the store again, at most every 10 s. */
  async publicKey(kid: string | undefined): Promise<CryptoKey | undefined> {
    if (kid === undefined) return undefined;
    const known = this.keys.get(kid);
    if (known) return known.publicKey;
    if (Date.now() - this.lastReload < RELOAD_INTERVAL_MS) return undefined;
    await this.reload();
    return this.keys.get(kid)?.publicKey;
  }

  /** Synchronous lookup for the hot path: the keys this process already holds. */
  knownPublicKey(kid: string | undefined): CryptoKey | undefined {
    return kid === undefined ? undefined : this.keys.get(kid)?.publicKey;
  }

  private async ensurePrimary(): Promise<void> {
    const keys = this.store.collection<SigningKeyDocument>(AUTH.keys);
    if (await keys.findById(PRIMARY)) return;
    const alg = SECURITY_DEFAULTS.issuedTokenAlg;
    const pair = await generateKeyPair(alg, { modulusLength: 2048, extractable: true });
    const publicJwk = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const doc: SigningKeyDocument = {
      _id: PRIMARY,
      kid,
      alg,
      privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg, use: 'sig' },
      publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
      createdAt: Date.now(),
    };
    try {
      await keys.insertOne(doc);
    } catch (e) {
      // Another process created it first: use theirs.
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  }

  private async reload(): Promise<void> {
    this.lastReload = Date.now();
    const docs = await this.store.collection<SigningKeyDocument>(AUTH.keys).find({}, { sort: [['createdAt', 1]] });
    const keys = new Map<string, LoadedKey>();
    for (const doc of docs) {
      keys.set(doc.kid, {
        kid: doc.kid,
        privateKey: (await importJWK(doc.privateJwk, doc.alg)) as CryptoKey,
        publicKey: (await importJWK(doc.publicJwk, doc.alg)) as CryptoKey,
        publicJwk: doc.publicJwk,
      });
    }
    const primary = docs.find((d) => d._id === PRIMARY);
    if (!primary) throw new Error('the signing key is missing from the store');
    this.keys = keys;
    this.current = keys.get(primary.kid)!;
  }
}
