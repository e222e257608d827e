/**
 * Who is asking, and what they may touch. Every Repository call takes one; the Repository enforces the policy
 * and writes the audit record from the actor, so no route can skip either.
 */

/** SMART v2 permission letters (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html). */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/**
 * One alternative under which access is granted: the resource must be in `compartment` (e.g. `Patient/123`,
 * from a `patient/` scope) when given, and match the FHIR search `query` (e.g.
 * `category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory`, from a granular scope) when
 * given. `{}` grants without restriction.
 */
export interface ResourceConstraint {
  compartment?: string;
  query?: string;
}

export interface AccessPolicy {
  /**
   * The alternatives under which `permission` on resources of `type` is granted (a resource must satisfy at
   * least one); an empty list when it is not granted at all.
   */
  grants(type: string, permission: Permission): readonly ResourceConstraint[];
}

export interface Actor {
  kind: 'user' | 'client' | 'system' | 'anonymous';
  /** The user's FHIR identity (`Practitioner/1`, `Patient/2`, ...), when known. */
  fhirUser?: string;
  /** Token issuer and subject, to identify a user who has no fhirUser. */
  issuer?: string;
  subject?: string;
  clientId?: string;
  roles?: readonly string[];
  purposeOfUse?: readonly string[];
  /** The access token's `jti` (never the token itself). */
  tokenId?: string;
  /** For system work: what the server is doing (e.g. `startup`, `bulk-export`). */
  reason?: string;
}

export interface RequestInfo {
  requestId: string;
  /** The caller's network address. */
  address?: string;
  /** The HTTP method and URL as received, for the audit query entity. */
  method?: string;
  url?: string;
}

export interface AccessContext {
  actor: Actor;
  policy: AccessPolicy;
  request: RequestInfo;
}

/** Grants everything, without restriction. For the server's own work and for deployments without SMART. */
export const unrestricted: AccessPolicy = { grants: () => [{}] };

/** A context for work the server does by itself; audited like any other. */
export function systemContext(reason: string, requestId: string): AccessContext {
  return { actor: { kind: 'system', reason }, policy: unrestricted, request: { requestId } };
}

/**
 * The one patient whose records the policy confines reading patients to (`Patient/123` for a `patient/` token with a
 * launch patient), as an id; undefined when it grants reading other patients too, or none.
 */
export function confinedPatientId(policy: AccessPolicy): string | undefined {
  const compartments = new Set(policy.grants('Patient', 'r').map((g) => g.compartment));
  const [only] = compartments;
  return compartments.size === 1 && only?.startsWith('Patient/') ? only.slice('Patient/'.length) : undefined;
}
