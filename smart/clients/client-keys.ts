import { createLocalJWKSet, createRemoteJWKSet, type CryptoKey, type JWK, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';
import { InvalidClientMetadata } from '../errors/oauth-errors';
import { SECURITY_DEFAULTS } from '../security-defaults';
import type { ClientRecord } from './client-record';

type KeyGetter = (header: JWSHeaderParameters, input: FlattenedJWSInput) => Promise<CryptoKey>;

/**
 * Finds the key that should have signed a client's assertion, in the client's registered JWKS only: inline, or
 * fetched from its jwks_uri (http(s) only, with a timeout, cached). Keys named by the JWT itself (`jku`, `x5u`,
 * `jwk` headers) are never used: an attacker would simply name their own (RFC 8725 §3.10).
 */
export class ClientKeyResolver {
  private readonly inline = new Map<string, { jwks: ClientRecord['jwks']; getter: KeyGetter }>();
  private readonly remote = new Map<string, KeyGetter>();

  keysOf(client: ClientRecord): KeyGetter {
    if (client.jwks) {
      const cached = this.inline.get(client._id);
      if (cached && cached.jwks === client.jwks) return cached.getter;
      const getter = createLocalJWKSet(client.jwks) as KeyGetter;
      this.inline.set(client._id, { jwks: client.jwks, getter });
      return getter;
    }
    if (client.jwksUri) {
      checkJwksUri(client.jwksUri);
      let getter = this.remote.get(client.jwksUri);
      if (!getter) {
        getter = createRemoteJWKSet(new URL(client.jwksUri), {
          cacheMaxAge: SECURITY_DEFAULTS.jwksCacheSeconds * 1000,
          timeoutDuration: SECURITY_DEFAULTS.jwksFetchTimeoutMs,
          cooldownDuration: 30_000,
        }) as KeyGetter;
        this.remote.set(client.jwksUri, getter);
      }
      return getter;
    }
    throw new Error(`client ${client._id} has no keys`);
  }
}

/** A registered JWKS holds public keys only, of a type that can verify RS384 or ES384. */
export function checkJwks(jwks: { keys?: JWK[] } | undefined): void {
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new InvalidClientMetadata('a JWKS needs a non-empty "keys" array');
  for (const key of jwks.keys) {
    if (key.d !== undefined || key.p !== undefined || key.k !== undefined) throw new InvalidClientMetadata('a JWKS must hold public keys only');
    if (key.kty !== 'RSA' && key.kty !== 'EC') throw new InvalidClientMetadata(`key type '${key.kty}' is not RSA or EC`);
    if (key.alg !== undefined && !SECURITY_DEFAULTS.clientAssertionAlgs.includes(key.alg)) {
      throw new InvalidClientMetadata(`key algorithm '${key.alg}' is not one of ${SECURITY_DEFAULTS.clientAssertionAlgs.join(', ')}`);
    }
  }
}

/** Fetching a jwks_uri is network access: only http(s) URLs, no credentials in them. */
export function checkJwksUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidClientMetadata(`JWKS URL '${uri}' is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidClientMetadata(`JWKS URL '${uri}' must be http(s)`);
  if (url.username !== '' || url.password !== '') throw new InvalidClientMetadata('a JWKS URL must not carry credentials');
}
