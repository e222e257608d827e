import type { Request } from 'express';

/**
 * An authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, SMART §authorize), as oauth2orize parses it
 * (`type`, `clientID`, `redirectURI`, `scope`, `state`) plus the parameters its code grant does not know,
 * which `parseSmartParameters` adds. The checks then add what they establish.
 */
export interface AuthorizationRequest {
  type: string;
  clientID: string;
  redirectURI?: string;
  scope?: string[];
  state?: string;
  codeChallenge?: unknown;
  codeChallengeMethod?: unknown;
  aud?: unknown;
  launch?: unknown;
  nonce?: unknown;
  /** Parameters that appeared more than once (RFC 6749 §3.1: each at most once). */
  repeated: string[];
  /** Established by the checks: the scopes to put before the user (requested and allowed for the client). */
  requestedScopes?: string[];
  /** Established by the checks: the EHR launch context. */
  launchId?: string;
  launchPatient?: string;
  launchEncounter?: string;
}

/**
 * An oauth2orize request parser for every response type: collects the PKCE, audience, launch and nonce
 * parameters, and notes repeated ones. `authorize-post` requests have been folded into the query by then.
 */
export function parseSmartParameters(req: Request): Partial<AuthorizationRequest> {
  const query = req.query as Record<string, unknown>;
  return {
    codeChallenge: query.code_challenge,
    codeChallengeMethod: query.code_challenge_method,
    aud: query.aud,
    launch: query.launch,
    nonce: query.nonce,
    repeated: Object.entries(query)
      .filter(([, v]) => Array.isArray(v))
      .map(([k]) => k),
  };
}
