/**
 * The OAuth error family (RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1, RFC 7591 §3.2.2): one
 * class per error code, all made by one factory, each carrying its code and HTTP status. They are separate from
 * the FHIR OperationOutcome errors: OAuth endpoints answer `{"error": ..., "error_description": ...}`.
 *
 * `code` and `message` are the property names oauth2orize reads when it redirects an error to the client.
 */
export class OAuthError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    description: string,
  ) {
    super(description);
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}

export type OAuthErrorClass = new (description: string) => OAuthError;

function defineOAuthError(code: string, status: number): OAuthErrorClass {
  const named = code.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
  const cls = class extends OAuthError {
    constructor(description: string) {
      super(code, status, description);
      this.name = named;
    }
  };
  Object.defineProperty(cls, 'name', { value: named });
  return cls;
}

export const InvalidRequest = defineOAuthError('invalid_request', 400);
export const InvalidClient = defineOAuthError('invalid_client', 401);
export const InvalidGrant = defineOAuthError('invalid_grant', 400);
export const UnauthorizedClient = defineOAuthError('unauthorized_client', 400);
export const UnsupportedGrantType = defineOAuthError('unsupported_grant_type', 400);
export const UnsupportedResponseType = defineOAuthError('unsupported_response_type', 400);
export const InvalidScope = defineOAuthError('invalid_scope', 400);
export const AccessDenied = defineOAuthError('access_denied', 403);
export const ServerError = defineOAuthError('server_error', 500);
export const TemporarilyUnavailable = defineOAuthError('temporarily_unavailable', 503);
/** RFC 6750 §3.1: for protected resources. */
export const InvalidToken = defineOAuthError('invalid_token', 401);
export const InsufficientScope = defineOAuthError('insufficient_scope', 403);
/** RFC 7009 §2.2.1. */
export const UnsupportedTokenType = defineOAuthError('unsupported_token_type', 400);
/** RFC 7591 §3.2.2. */
export const InvalidRedirectUri = defineOAuthError('invalid_redirect_uri', 400);
export const InvalidClientMetadata = defineOAuthError('invalid_client_metadata', 400);

export function isOAuthError(e: unknown): e is OAuthError {
  return e instanceof OAuthError;
}

const BY_CODE: Record<string, OAuthErrorClass> = Object.fromEntries(
  [
    InvalidRequest, InvalidClient, InvalidGrant, UnauthorizedClient, UnsupportedGrantType, UnsupportedResponseType, InvalidScope,
    AccessDenied, ServerError, TemporarilyUnavailable, InvalidToken, InsufficientScope, UnsupportedTokenType, InvalidRedirectUri,
    InvalidClientMetadata,
  ].map((cls) => [new cls('').code, cls]),
);

/** Our error for an RFC error code (oauth2orize's own errors carry a code but non-RFC statuses, e.g. 501). */
export function oauthErrorFor(code: string, description: string): OAuthError | undefined {
  const cls = BY_CODE[code];
  return cls ? new cls(description) : undefined;
}
