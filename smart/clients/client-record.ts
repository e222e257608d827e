import type { JWK } from 'jose';
import type { StoredDocument } from '../../resources/storage/port';

/**
 * The three kinds of SMART client (App Launch 2.2 §Client types):
 * - public: a browser or native app that cannot keep a secret; authenticates with its client_id and PKCE;
 * - confidential-symmetric: a server-side app with a client secret (HTTP Basic);
 * - confidential-asymmetric: a server-side app or backend service that signs a JWT with its private key
 *   (private_key_jwt, RS384/ES384), verified against its registered JWKS (inline or by URL).
 */
export type ClientKind = 'public' | 'confidential-symmetric' | 'confidential-asymmetric';

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface ClientRecord extends StoredDocument {
  /** The client_id. */
  _id: string;
  name: string;
  kind: ClientKind;
  /** Compared with the authorization request's redirect_uri by exact string match (RFC 9700 §4.1.3). */
  redirectUris: string[];
  /** The scopes this client may ever be granted (a request may ask for these or narrower ones). */
  scopes: string[];
  grantTypes: GrantType[];
  /** Where the EHR launches the app (`<launchUrl>?iss=...&launch=...`). */
  launchUrl?: string;
  /** argon2 hash of the client secret (confidential-symmetric only). */
  secretHash?: string;
  jwks?: { keys: JWK[] };
  jwksUri?: string;
  createdAt: number;
  /** How it was registered: the CLI, RFC 7591 registration, or provisioning (tests, bench). */
  source: 'cli' | 'registration' | 'provision';
}

/** The token endpoint authentication method each kind uses (RFC 7591 §2 `token_endpoint_auth_method`). */
export const AUTH_METHOD_OF: Record<ClientKind, string> = {
  public: 'none',
  'confidential-symmetric': 'client_secret_basic',
  'confidential-asymmetric': 'private_key_jwt',
};
