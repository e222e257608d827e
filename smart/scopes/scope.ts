import type { Permission } from '../../resources/access/access-context';
import { isResourceType } from '../../resources/definitions/resource-types';

/**
 * SMART scopes (App Launch 2.2 §Scopes and Launch Context), parsed once:
 * - v1 resource scopes `patient/Observation.read`, `user/*.write`, `system/*.*` (read = rs, write = cud, * = cruds);
 * - v2 resource scopes `patient/Observation.rs` with the letters c r u d s in that order, optionally granular:
 *   `patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory`;
 * - context and identity scopes: launch, launch/patient, launch/encounter, openid, fhirUser, profile,
 *   offline_access, online_access.
 */
export type ScopeLevel = 'patient' | 'user' | 'system';

export interface ResourceScope {
  kind: 'resource';
  text: string;
  level: ScopeLevel;
  /** A resource type, or `*`. */
  type: string;
  permissions: readonly Permission[];
  /** The FHIR search query of a granular scope, as written after `?`. */
  query?: string;
  version: 1 | 2;
}

export const CONTEXT_SCOPES = [
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
] as const;

export type ContextScopeName = (typeof CONTEXT_SCOPES)[number];

export interface ContextScope {
  kind: 'context';
  text: ContextScopeName;
}

export type Scope = ResourceScope | ContextScope;

const V1 = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*)$/;
const V2 = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(c?r?u?d?s?)(?:\?(.+))?$/;
const V1_LETTERS: Record<string, Permission[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };

/** One scope token, or undefined when it is not a scope this server knows. */
export function parseScope(text: string): Scope | undefined {
  if ((CONTEXT_SCOPES as readonly string[]).includes(text)) return { kind: 'context', text: text as ContextScopeName };
  const v1 = V1.exec(text);
  if (v1) return resource(text, v1[1], v1[2], V1_LETTERS[v1[3]], undefined, 1);
  const v2 = V2.exec(text);
  if (v2 && v2[3] !== '') return resource(text, v2[1], v2[2], [...v2[3]] as Permission[], v2[4], 2);
  return undefined;
}

function resource(text: string, level: string, type: string, permissions: Permission[], query: string | undefined, version: 1 | 2): ResourceScope | undefined {
  if (type !== '*' && !isResourceType(type)) return undefined;
  if (query !== undefined && !validQuery(query)) return undefined;
  return { kind: 'resource', text, level: level as ScopeLevel, type, permissions, query, version };
}

/** A granular query must be `name=value` pairs; result-shaping parameters (`_include`, `_count`...) make no sense. */
function validQuery(query: string): boolean {
  const pairs = query.split('&');
  return pairs.every((p) => /^[A-Za-z][A-Za-z0-9\-_.:]*=[^=]+$/.test(p) && !/^_(include|revinclude|count|sort|summary|elements|total)/.test(p));
}

/** Splits an OAuth scope string (RFC 6749 §3.3: space-delimited). */
export function splitScopes(scope: string | readonly string[] | undefined): string[] {
  const list = Array.isArray(scope) ? scope : typeof scope === 'string' ? scope.split(' ') : [];
  return [...new Set(list.map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Parses a scope string, dropping what is not a scope (RFC 6749 §3.3 lets the server grant less). */
export function parseScopes(scope: string | readonly string[] | undefined): Scope[] {
  return splitScopes(scope)
    .map(parseScope)
    .filter((s): s is Scope => s !== undefined);
}

export function resourceScopes(scopes: readonly Scope[]): ResourceScope[] {
  return scopes.filter((s): s is ResourceScope => s.kind === 'resource');
}

export function hasScope(scopes: readonly Scope[], name: ContextScopeName): boolean {
  return scopes.some((s) => s.kind === 'context' && s.text === name);
}

export function scopeString(scopes: readonly Scope[]): string {
  return scopes.map((s) => s.text).join(' ');
}
