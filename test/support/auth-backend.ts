import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { DocumentStore } from '../../resources/storage/port';
import { Admin } from '../../smart/admin/admin';
import { JWT_BEARER } from '../../smart/clients/assertion/assertion-check';
import { parsedOrUndefined } from './json-body';

/** A backend-services key pair: the private key signs client assertions, the public JWK is registered. */
export interface BackendKey {
  alg: 'ES384' | 'RS384';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateBackendKey(alg: 'ES384' | 'RS384' = 'ES384'): Promise<BackendKey> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return { alg, kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
}

/** A client assertion per SMART Backend Services (iss = sub = client_id, aud = token URL, exp ≤ 5 min, fresh jti). */
export function clientAssertion(key: BackendKey, clientId: string, tokenUrl: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: clientId, sub: clientId, aud: tokenUrl, exp: now + 240, iat: now, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

export interface TokenAnswer {
  status: number;
  headers: Headers;
  json: any;
}

/** POST to the token endpoint with a form body. */
export async function postForm(url: string, form: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<TokenAnswer> {
  const body = new URLSearchParams(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body });
  const text = await response.text();
  const json = parsedOrUndefined(text);
  return { status: response.status, headers: response.headers, json };
}

/** The real client_credentials + private_key_jwt exchange; `audience` is the public token URL when it differs. */
export async function requestBackendToken(tokenUrl: string, clientId: string, key: BackendKey, scope: string, audience = tokenUrl): Promise<TokenAnswer> {
  return postForm(tokenUrl, {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: JWT_BEARER,
    client_assertion: await clientAssertion(key, clientId, audience),
  });
}

/** Registers a backend client with an inline JWKS through the administration code path (what the CLI does). */
export async function registerBackendClient(store: DocumentStore, fhirBase: string, options: { id?: string; scopes?: string[]; key?: BackendKey } = {}): Promise<{ clientId: string; key: BackendKey }> {
  const key = options.key ?? (await generateBackendKey('ES384'));
  const admin = new Admin({ store, fhirBase, totpIssuer: 'test' });
  const { client } = await admin.addClient({
    id: options.id,
    name: 'Test system client',
    kind: 'confidential-asymmetric',
    scopes: options.scopes ?? ['system/*.cruds'],
    jwks: { keys: [key.publicJwk] },
    source: 'provision',
  });
  return { clientId: client._id, key };
}

/**
 * A fully trusted system client (`system/*.cruds`) that fetches its token through the real flow and fetches a
 * new one shortly before the old expires (backend tokens last at most 300 s; suites may run longer).
 */
export class SystemClientToken {
  private current?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly key: BackendKey,
    private readonly audience = tokenUrl,
    private readonly scope = 'system/*.cruds',
  ) {}

  /** `tokenUrl` is where to post; `audience` the token endpoint's public URL (under BASE_URL). */
  static async register(store: DocumentStore, fhirBase: string, tokenUrl: string, audience = tokenUrl): Promise<SystemClientToken> {
    const { clientId, key } = await registerBackendClient(store, fhirBase);
    return new SystemClientToken(tokenUrl, clientId, key, audience);
  }

  get id(): string {
    return this.clientId;
  }

  async token(): Promise<string> {
    if (this.current && this.current.expiresAt - Date.now() > 30_000) return this.current.token;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetch(): Promise<string> {
    const answer = await requestBackendToken(this.tokenUrl, this.clientId, this.key, this.scope, this.audience);
    if (answer.status !== 200) throw new Error(`system client token request failed: ${answer.status} ${JSON.stringify(answer.json)}`);
    this.current = { token: answer.json.access_token, expiresAt: Date.now() + answer.json.expires_in * 1000 };
    return this.current.token;
  }
}
