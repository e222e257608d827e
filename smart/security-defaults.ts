/**
 * The authorization server's security defaults, in one place, each with the rule that justifies it.
 * Deployments may shorten or lengthen some of them through server/config.ts (named beside each); the rest are
 * fixed because loosening them would break conformance.
 *
 * RFC 9700 = OAuth 2.0 Security Best Current Practice; SMART = SMART App Launch 2.2
 * (https://hl7.org/fhir/smart-app-launch/); ASVS = OWASP Application Security Verification Standard 4.0.
 */
export const SECURITY_DEFAULTS = {
  /** RFC 9700 §2.1.1 and SMART §App Protection: PKCE is required, and only S256 (plain leaks the verifier). */
  pkceMethods: ['S256'] as readonly string[],
  /** RFC 7636 §4.1: a code_verifier is 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
  codeVerifierPattern: /^[A-Za-z0-9\-._~]{43,128}$/,
  /** RFC 7636 §4.2: an S256 challenge is BASE64URL(SHA-256(verifier)): 43 characters, no padding. */
  codeChallengePattern: /^[A-Za-z0-9\-_]{43}$/,

  /** RFC 6749 §4.1.2: codes are short-lived (10 minutes at most); one minute is ample for a redirect. */
  authorizationCodeSeconds: 60,
  /** Unfinished authorization requests (login, consent) are forgotten after this. */
  interactionSeconds: 10 * 60,

  /**
   * RFC 9700 §4.14 and RFC 6819 §5.1.5.3: short-lived access tokens limit what a leaked token can do; the
   * app refreshes. Config: ACCESS_TOKEN_LIFETIME.
   */
  accessTokenSeconds: 15 * 60,
  /** SMART Backend Services §Issuing access tokens: expires_in SHOULD NOT exceed 300 seconds. */
  backendAccessTokenSeconds: 300,
  /**
   * RFC 9700 §4.14.2: refresh tokens have an absolute lifetime whatever their rotation.
   * `offline_access` lasts this long (config: REFRESH_TOKEN_LIFETIME); `online_access` lasts as long as a
   * login session may (sessionMaxSeconds), SMART §Scopes for requesting a refresh token.
   */
  offlineRefreshSeconds: 30 * 24 * 3600,

  /** Signing of what we issue: RS256 (SMART §id_token: RS256 required; access tokens use the same key). */
  issuedTokenAlg: 'RS256' as const,
  /** RFC 9068 §2.1: access tokens carry `typ: at+jwt` so that no other JWT (an id_token) passes as one. */
  accessTokenType: 'at+jwt',
  /** SMART §client-confidential-asymmetric: client assertions are signed RS384 or ES384, nothing else. */
  clientAssertionAlgs: ['RS384', 'ES384'] as readonly string[],
  /** SMART Backend Services §Authentication JWT: `exp` no more than five minutes in the future. */
  clientAssertionMaxSeconds: 300,
  /** RFC 7519 §4.1.4: a little leeway for clock skew between machines when checking exp/nbf/iat. */
  clockSkewSeconds: 30,

  /** Cached client JWKS fetched from a jwks_uri (SMART Backend Services §Signature verification). */
  jwksCacheSeconds: 5 * 60,
  jwksFetchTimeoutMs: 5_000,

  /**
   * ASVS 3.3.2 and NIST SP 800-63B §7.2: re-authentication after inactivity; 15 minutes suits shared clinical
   * workstations. Config: SESSION_IDLE_TIMEOUT.
   */
  sessionIdleSeconds: 15 * 60,
  /** ASVS 3.3.1 / NIST SP 800-63B §4.2.3: an absolute limit (one shift) whatever the activity. Config: SESSION_MAX_LIFETIME. */
  sessionMaxSeconds: 8 * 3600,

  /**
   * NIST SP 800-63B §5.2.2 and ASVS 2.2.1: throttle guessing without letting an attacker lock a user out for
   * good: after `loginMaxFailures` failures within `loginFailureWindowSeconds`, sign-in for that username
   * (and, separately, from that address) pauses, doubling from `loginLockoutSeconds` per further failure up to
   * `loginLockoutMaxSeconds`, after which it always opens again. Config: LOGIN_MAX_FAILURES, LOGIN_LOCKOUT_MAX.
   */
  loginMaxFailures: 5,
  loginFailureWindowSeconds: 15 * 60,
  loginLockoutSeconds: 30,
  loginLockoutMaxSeconds: 15 * 60,
  /** A single address may fail more often than a single username (a shared ward PC, a NAT). */
  addressMaxFailures: 50,

  /** RFC 6238 §5.2: accept the previous and next 30-second step for clock drift; §5.2 also: a code works once. */
  totpToleranceSeconds: 30,

  /** RFC 7591 §3: registration needs an initial access token; at least this long when configured. */
  adminTokenMinLength: 32,
} as const;

export type SecurityDefaults = typeof SECURITY_DEFAULTS;
