import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { DocumentStore } from '../../resources/storage/port';
import { AUTH } from '../../smart/store/auth-collections';

/**
 * Signs tokens with the server's own key, read from its store, to test the claim checks (expired, not yet
 * valid, wrong audience, wrong type) that a real flow cannot produce. Only tests do this.
 */
export async function serverSigningKey(store: DocumentStore): Promise<{ kid: string; key: CryptoKey }> {
  const doc = (await store.collection<{ _id: string; kid: string; privateJwk: JWK }>(AUTH.keys).findById('rs256-primary'))!;
  return { kid: doc.kid, key: (await importJWK(doc.privateJwk, 'RS256')) as CryptoKey };
}

export interface ForgeOptions {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** Sign with a stranger's key instead of the server's. */
  foreignKey?: boolean;
}

export async function forgeAccessToken(store: DocumentStore, issuer: string, fhirBase: string, options: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const own = await serverSigningKey(store);
  const key = options.foreignKey ? (await generateKeyPair('RS256')).privateKey : own.key;
  return new SignJWT({ iss: issuer, sub: 'forged', aud: fhirBase, exp: now + 300, iat: now, jti: randomUUID(), client_id: 'forged', scope: 'system/*.cruds', ...options.claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: own.kid, ...options.header })
    .sign(key);
}

/** An unsigned token (`alg: none`, RFC 7519 §6). */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'at+jwt' })}.${part(claims)}.`;
}
