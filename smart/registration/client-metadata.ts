import type { JWK } from 'jose';
import { AUTH_METHOD_OF, type ClientKind, type ClientRecord, type GrantType } from '../clients/client-record';
import type { NewClient } from '../clients/client-registry';
import { InvalidClientMetadata } from '../errors/oauth-errors';
import { splitScopes } from '../scopes/scope';

const KIND_OF_METHOD: Record<string, ClientKind> = {
  none: 'public',
  client_secret_basic: 'confidential-symmetric',
  private_key_jwt: 'confidential-asymmetric',
};
const GRANTS: GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];

/** RFC 7591 §2 client metadata → a new client. `launch_uri` (not in the RFC) is where the EHR launches the app. */
export function clientFromMetadata(body: Record<string, unknown>): NewClient {
  const method = body.token_endpoint_auth_method ?? 'client_secret_basic';
  const kind = typeof method === 'string' ? KIND_OF_METHOD[method] : undefined;
  if (!kind) throw new InvalidClientMetadata(`token_endpoint_auth_method must be one of ${Object.keys(KIND_OF_METHOD).join(', ')}`);
  const redirectUris = stringList(body.redirect_uris, 'redirect_uris');
  const grantTypes = body.grant_types === undefined ? undefined : (stringList(body.grant_types, 'grant_types') as GrantType[]);
  if (grantTypes?.some((g) => !GRANTS.includes(g))) throw new InvalidClientMetadata(`grant_types may hold ${GRANTS.join(', ')}`);
  if (body.response_types !== undefined && stringList(body.response_types, 'response_types').some((t) => t !== 'code')) {
    throw new InvalidClientMetadata('response_types may only be ["code"]');
  }
  const client: NewClient = {
    name: typeof body.client_name === 'string' && body.client_name.trim() !== '' ? body.client_name.trim().slice(0, 200) : 'Unnamed app',
    kind,
    redirectUris,
    scopes: splitScopes(typeof body.scope === 'string' ? body.scope : ''),
    source: 'registration',
  };
  if (grantTypes) client.grantTypes = grantTypes;
  if (typeof body.launch_uri === 'string') client.launchUrl = body.launch_uri;
  if (body.jwks !== undefined) client.jwks = body.jwks as { keys: JWK[] };
  if (typeof body.jwks_uri === 'string') client.jwksUri = body.jwks_uri;
  return client;
}

/** RFC 7591 §3.2.1: the registered metadata, with the client_id (and the secret, once). */
export function registrationResponse(client: ClientRecord, secret: string | undefined): Record<string, unknown> {
  const response: Record<string, unknown> = {
    client_id: client._id,
    client_id_issued_at: Math.floor(client.createdAt / 1000),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    grant_types: client.grantTypes,
    response_types: client.grantTypes.includes('authorization_code') ? ['code'] : [],
    token_endpoint_auth_method: AUTH_METHOD_OF[client.kind],
    scope: client.scopes.join(' '),
  };
  if (secret !== undefined) {
    response.client_secret = secret;
    response.client_secret_expires_at = 0;
  }
  if (client.jwks) response.jwks = client.jwks;
  if (client.jwksUri) response.jwks_uri = client.jwksUri;
  if (client.launchUrl) response.launch_uri = client.launchUrl;
  return response;
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new InvalidClientMetadata(`${name} must be an array of strings`);
  return value as string[];
}
