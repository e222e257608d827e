import { InvalidScope } from '../../errors/oauth-errors';
import { coveredByAny } from '../../scopes/scope-coverage';
import { parseScope, type Scope } from '../../scopes/scope';
import type { BackendCheck } from './backend-check';

/**
 * SMART Backend Services: `scope` is required and holds `system/` scopes only (there is no user and no
 * patient context); scopes the client is not registered for are dropped, and nothing left is invalid_scope.
 */
export const checkSystemScopes: BackendCheck = (ctx) => {
  if (!ctx.requested || ctx.requested.length === 0) throw new InvalidScope('scope is required (system/ scopes)');
  const parsed = ctx.requested.map((text) => ({ text, scope: parseScope(text) }));
  const wrong = parsed.filter((p) => p.scope?.kind !== 'resource' || p.scope.level !== 'system');
  if (wrong.length > 0) throw new InvalidScope(`Backend services get system/ scopes only, not: ${wrong.map((p) => p.text).join(' ')}`);
  const allowed = ctx.client.scopes.map(parseScope).filter((s): s is Scope => s !== undefined);
  const granted = parsed.map((p) => p.scope!).filter((s) => coveredByAny(allowed, s));
  if (granted.length === 0) throw new InvalidScope('None of the requested scopes is available to this client');
  ctx.scopes = granted;
};
