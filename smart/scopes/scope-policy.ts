import type { AccessPolicy, Permission, ResourceConstraint } from '../../resources/access/access-context';
import { patientCompartmentParams } from '../../resources/definitions/patient-compartment';
import { ROLE_CATALOGUE, roleAllows } from '../roles/role-catalogue';
import type { ResourceScope } from './scope';

/** Who the scopes were granted to, which decides how each level applies. */
export interface PolicySubject {
  /** The launch patient's id, when one is in context. */
  patient?: string;
  /** The user's FHIR identity, `Practitioner/123`. */
  fhirUser?: string;
  /** Whether `openid fhirUser` was granted, which lets the token read the fhirUser resource itself. */
  fhirUserReadable?: boolean;
  /** The user's roles active now; undefined when no user is involved (a backend service). */
  roles?: readonly string[];
}

/**
 * Turns granted scopes into the policy the Repository enforces (resources/access/access-context.ts):
 * - `patient/` scopes confine to the launch patient's compartment; for types that can never be in a patient
 *   compartment (Medication, Practitioner, Organization...) they allow reading and searching only, unconfined,
 *   as the US Core / (g)(10) patient apps need;
 * - `user/` scopes, and `patient/` scopes used by a signed-in user, are intersected with the user's roles;
 * - `system/` scopes apply only to backend services (no user);
 * - a granular scope's query travels with its alternative;
 * - with `openid fhirUser`, the fhirUser resource itself can be read (SMART §fhirUser: a resource the app can read).
 */
export function scopePolicy(scopes: readonly ResourceScope[], subject: PolicySubject): AccessPolicy {
  const cache = new Map<string, readonly ResourceConstraint[]>();
  return {
    grants(type: string, permission: Permission): readonly ResourceConstraint[] {
      const key = `${type}:${permission}`;
      let grants = cache.get(key);
      if (!grants) {
        grants = compute(scopes, subject, type, permission);
        cache.set(key, grants);
      }
      return grants;
    },
  };
}

function compute(scopes: readonly ResourceScope[], subject: PolicySubject, type: string, permission: Permission): readonly ResourceConstraint[] {
  const alternatives: ResourceConstraint[] = [];
  for (const scope of scopes) {
    if ((scope.type !== '*' && scope.type !== type) || !scope.permissions.includes(permission)) continue;
    const granted = scopeAlternative(scope, subject, type, permission);
    if (!granted) continue;
    if (subject.roles === undefined) {
      alternatives.push(granted);
      continue;
    }
    for (const role of roleAlternatives(subject, type, permission)) {
      const both = intersect(granted, role);
      if (both) alternatives.push(both);
    }
  }
  const own = fhirUserAlternative(subject, type, permission);
  if (own) alternatives.push(own);
  return simplify(alternatives);
}

function scopeAlternative(scope: ResourceScope, subject: PolicySubject, type: string, permission: Permission): ResourceConstraint | undefined {
  const query = scope.query === undefined ? {} : { query: scope.query };
  switch (scope.level) {
    case 'system':
      return subject.roles === undefined ? query : undefined;
    case 'user':
      return subject.roles === undefined ? undefined : query;
    case 'patient':
      if (subject.patient === undefined) return undefined;
      if (inPatientCompartment(type)) return { ...query, compartment: `Patient/${subject.patient}` };
      return permission === 'r' || permission === 's' ? query : undefined;
  }
}

function roleAlternatives(subject: PolicySubject, type: string, permission: Permission): ResourceConstraint[] {
  const result: ResourceConstraint[] = [];
  for (const name of subject.roles ?? []) {
    for (const rule of ROLE_CATALOGUE[name]?.rules ?? []) {
      if (!roleAllows(rule, type, permission)) continue;
      if (rule.compartment !== 'self') result.push({});
      else if (subject.fhirUser?.startsWith('Patient/')) result.push({ compartment: subject.fhirUser });
    }
  }
  return result;
}

function fhirUserAlternative(subject: PolicySubject, type: string, permission: Permission): ResourceConstraint | undefined {
  if (!subject.fhirUserReadable || !subject.fhirUser || permission !== 'r') return undefined;
  const [userType, id] = subject.fhirUser.split('/');
  return userType === type ? { query: `_id=${id}` } : undefined;
}

function intersect(a: ResourceConstraint, b: ResourceConstraint): ResourceConstraint | undefined {
  if (a.compartment !== undefined && b.compartment !== undefined && a.compartment !== b.compartment) return undefined;
  const result: ResourceConstraint = {};
  const compartment = a.compartment ?? b.compartment;
  if (compartment !== undefined) result.compartment = compartment;
  const queries = [a.query, b.query].filter((q): q is string => q !== undefined);
  if (queries.length > 0) result.query = queries.join('&');
  return result;
}

/** Unrestricted wins outright; otherwise duplicates go. */
function simplify(alternatives: ResourceConstraint[]): readonly ResourceConstraint[] {
  if (alternatives.some((a) => a.compartment === undefined && a.query === undefined)) return [{}];
  const seen = new Map<string, ResourceConstraint>();
  for (const a of alternatives) seen.set(`${a.compartment ?? ''}\u0000${a.query ?? ''}`, a);
  return [...seen.values()];
}

function inPatientCompartment(type: string): boolean {
  return type === 'Patient' || patientCompartmentParams().has(type);
}
