import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { fhirBaseUrl, loadConfig, type Config } from '../server/config';
import { openStore } from '../server/open-store';
import { Admin } from './admin/admin';
import { KeyRing } from './keys/signing-keys';
import { ensureAuthIndexes } from './store/auth-collections';
import type { AccessTokenClaims } from './tokens/access-token-claims';
import { TokenSigner } from './tokens/token-signer';

export interface ProvisionOptions {
  /** The server's data directory (embedded store); or set MONGODB_URI in `env`. */
  dataDir: string;
  /** The server's BASE_URL exactly as it will run (the token's issuer and audience derive from it). */
  baseUrl: string;
  /** Default `system/*.rs`. */
  scope?: string;
  /** Default one hour: long enough for a benchmark run. */
  lifetimeSeconds?: number;
  env?: Record<string, string | undefined>;
}

export interface ProvisionedAccess {
  clientId: string;
  accessToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** The client's private key, to get further tokens through the real client_credentials flow. */
  privateJwk: JWK;
}

/**
 * For the benchmark (and other tooling) before the server starts: registers a backend-services client in the
 * store of `dataDir` and mints it a `system/` access token signed with the server's key (creating that key if
 * this is a fresh store, exactly as the server would). The server then verifies it like any other token:
 * locally against its cached key, plus the one revocation lookup. Not exposed over HTTP; the token endpoint
 * caps backend tokens at 300 s, this longer lifetime exists only for a bench run.
 */
export async function provisionBackendAccess(options: ProvisionOptions): Promise<ProvisionedAccess> {
  const config: Config = loadConfig({ LOG_LEVEL: 'error', ...options.env }, { dataDir: options.dataDir, baseUrl: options.baseUrl });
  const store = await openStore(config);
  try {
    await ensureAuthIndexes(store);
    const keys = await KeyRing.open(store);
    const fhirBase = fhirBaseUrl(config);
    const admin = new Admin({ store, fhirBase, totpIssuer: 'provision' });
    const scope = options.scope ?? 'system/*.rs';
    const pair = await generateKeyPair('ES384', { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES384' };
    const { client } = await admin.addClient({ name: 'Provisioned backend client', kind: 'confidential-asymmetric', scopes: scope.split(' '), jwks: { keys: [publicJwk] }, source: 'provision' });
    const now = Math.floor(Date.now() / 1000);
    const claims: AccessTokenClaims = { iss: config.baseUrl, sub: client._id, aud: fhirBase, exp: now + (options.lifetimeSeconds ?? 3600), iat: now, jti: randomUUID(), client_id: client._id, scope };
    const accessToken = await new TokenSigner(keys).accessToken(claims);
    await admin.revocations.record({ _id: claims.jti, clientId: client._id, exp: claims.exp });
    return { clientId: client._id, accessToken, expiresAt: claims.exp, privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES384' } };
  } finally {
    await store.close();
  }
}
