import { InvalidScope } from '../../errors/oauth-errors';
import { coveredByAny } from '../../scopes/scope-coverage';
import { parseScope, parseScopes, type Scope } from '../../scopes/scope';
import type { AuthorizeCheck } from '../authorize-check';

/**
 * RFC 6749 §3.3: the server may grant less than asked. Scopes this server does not know, or that the client is
 * not registered for, are dropped; when nothing remains the request fails with invalid_scope.
 */
export const checkScope: AuthorizeCheck = ({ areq, client }) => {
  const allowed = client!.scopes.map(parseScope).filter((s): s is Scope => s !== undefined);
  const requested = parseScopes(areq.scope ?? []).filter((s) => coveredByAny(allowed, s));
  if (requested.length === 0) throw new InvalidScope('None of the requested scopes is available to this app');
  areq.requestedScopes = requested.map((s) => s.text);
};
