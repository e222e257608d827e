/**
 * The claims of our access tokens: a JWT profile after RFC 9068 (`typ: at+jwt`), plus SMART's launch context.
 * Everything a request needs to be authorized is inside, so the resource server verifies the token locally.
 */
export interface AccessTokenClaims {
  iss: string;
  /** The user's id, or the client_id for a backend service. */
  sub: string;
  /** The FHIR base URL: the only resource server these tokens are for (RFC 8707, SMART `aud`). */
  aud: string;
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope: string;
  patient?: string;
  encounter?: string;
  /** The user's FHIR identity, relative (`Practitioner/123`). */
  fhirUser?: string;
  /** Present exactly when a user is involved: the user's role assignments valid at issuance, with their windows. */
  roles?: TokenRole[];
  auth_time?: number;
}

export interface TokenRole {
  role: string;
  nbf?: number;
  exp?: number;
}
