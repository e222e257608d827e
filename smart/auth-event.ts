/**
 * What the authorization server reports for the audit trail (the lead turns each into a FHIR AuditEvent).
 * Every moment listed in `AuthEventKind` is awaited before the response goes out, so a failing sink fails the
 * request rather than letting it pass unrecorded.
 */
export type AuthEventKind =
  | 'login'
  | 'login-failed'
  | 'mfa-failed'
  | 'logout'
  | 'token-issued'
  | 'token-refreshed'
  | 'token-revoked'
  | 'refresh-reuse-detected'
  | 'client-registered'
  | 'client-removed'
  | 'user-added'
  | 'user-disabled';

export interface AuthEvent {
  kind: AuthEventKind;
  outcome: 'success' | 'failure';
  /** When it happened (ms since the epoch). */
  at: number;
  /** The username concerned (as typed, for failed logins; never a password). */
  user?: string;
  clientId?: string;
  /** The user's FHIR identity, e.g. `Practitioner/123`. */
  fhirUser?: string;
  /** The caller's network address, when the event comes from a request. */
  address?: string;
  requestId?: string;
  /** Scopes granted or requested, space-separated as in OAuth. */
  scopes?: string;
  /** Why (for failures and revocations), in words; never a secret. */
  reason?: string;
  /** The token concerned, by `jti` (never the token itself). */
  tokenId?: string;
  /** The patient in context, e.g. `Patient/123`. */
  patient?: string;
}

export type AuthEventSink = (event: AuthEvent) => Promise<void>;

export const ignoreAuthEvents: AuthEventSink = async () => {};
