import type { ResourceScope, Scope } from './scope';

/**
 * Whether granting `requested` stays within `allowed`: the same context scope, or a resource scope of the same
 * level on the same type (or `*`), with no more permission letters and at least the same query restriction.
 * Used for a client's registered scopes, the user's consent, and refresh requests (RFC 6749 §6: no broader).
 */
export function covers(allowed: Scope, requested: Scope): boolean {
  if (allowed.kind === 'context' || requested.kind === 'context') return allowed.kind === requested.kind && allowed.text === requested.text;
  return coversResource(allowed, requested);
}

function coversResource(allowed: ResourceScope, requested: ResourceScope): boolean {
  if (allowed.level !== requested.level) return false;
  if (allowed.type !== '*' && allowed.type !== requested.type) return false;
  if (!requested.permissions.every((p) => allowed.permissions.includes(p))) return false;
  if (allowed.query === undefined) return true;
  if (requested.query === undefined) return false;
  const needed = allowed.query.split('&');
  const has = requested.query.split('&');
  return needed.every((pair) => has.includes(pair));
}

export function coveredByAny(allowed: readonly Scope[], requested: Scope): boolean {
  return allowed.some((a) => covers(a, requested));
}
