import type { Request, Response } from 'express';
import type { AccessContext, AccessPolicy, Actor } from '../../resources/access/access-context';
import { unauthorized } from '../../resources/errors/fhir-error';
import type { Authenticate } from '../../server/fhir/fhir-router';
import { isOAuthError } from '../errors/oauth-errors';
import { activeRoleNames, type RoleAssignment } from '../roles/role-assignment';
import { hasScope, parseScopes, resourceScopes } from '../scopes/scope';
import { scopePolicy } from '../scopes/scope-policy';
import type { AccessTokenClaims } from '../tokens/access-token-claims';
import type { AccessTokenVerifier } from '../tokens/verify/access-token-verifier';

/** Grants nothing: for the anonymous /metadata interaction, which reads no data. */
const nothing: AccessPolicy = { grants: () => [] };
/** FHIR interactions that anyone may call (R4 http.html#capabilities; SMART discovery needs /metadata open). */
const ANONYMOUS = new Set(['GET /metadata', 'HEAD /metadata']);
const POLICY_CACHE_LIMIT = 1_000;

/**
 * The FHIR router's Authenticate: turns `Authorization: Bearer <token>` into the AccessContext the Repository
 * enforces. No token, or a bad one, is 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3), naming
 * `invalid_token` when a token was sent. Roles carried in the token are re-checked against their windows now.
 */
export function bearerAuthentication(options: { verifier: AccessTokenVerifier; fhirBase: string; clock?: () => number }): Authenticate {
  const clock = options.clock ?? Date.now;
  const realm = `realm="${options.fhirBase}"`;
  const policies = new Map<string, AccessPolicy>();

  return async (req: Request, res: Response): Promise<AccessContext> => {
    const request = { requestId: res.locals.requestId as string, address: req.socket.remoteAddress, method: req.method, url: req.originalUrl };
    if (ANONYMOUS.has(`${req.method} ${req.path}`)) return { actor: { kind: 'anonymous' }, policy: nothing, request };

    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      res.setHeader('WWW-Authenticate', `Bearer ${realm}`);
      throw unauthorized('This request needs an access token (Authorization: Bearer ...)');
    }
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', `Bearer ${realm}, error="invalid_request", error_description="Use the Bearer scheme"`);
      throw unauthorized('The Authorization header must be Bearer <token>');
    }
    let claims: AccessTokenClaims;
    try {
      claims = await options.verifier.verify(match[1]);
    } catch (e) {
      if (!isOAuthError(e)) throw e;
      res.setHeader('WWW-Authenticate', `Bearer ${realm}, error="invalid_token", error_description="${e.message.replace(/"/g, "'")}"`);
      throw unauthorized(e.message);
    }
    const now = Math.floor(clock() / 1000);
    const roles = claims.roles === undefined ? undefined : activeRoleNames(claims.roles.map(toAssignment), now);
    return { actor: actorOf(claims, roles), policy: policyOf(claims, roles), request };
  };

  function policyOf(claims: AccessTokenClaims, roles: string[] | undefined): AccessPolicy {
    const key = [claims.scope, claims.patient ?? '', claims.fhirUser ?? '', roles?.join(',') ?? '-'].join('\u0000');
    let policy = policies.get(key);
    if (!policy) {
      const scopes = parseScopes(claims.scope);
      policy = scopePolicy(resourceScopes(scopes), {
        patient: claims.patient,
        fhirUser: claims.fhirUser,
        fhirUserReadable: hasScope(scopes, 'openid') && (hasScope(scopes, 'fhirUser') || hasScope(scopes, 'profile')),
        roles,
      });
      if (policies.size >= POLICY_CACHE_LIMIT) policies.delete(policies.keys().next().value!);
      policies.set(key, policy);
    }
    return policy;
  }
}

function actorOf(claims: AccessTokenClaims, roles: string[] | undefined): Actor {
  const actor: Actor = {
    kind: roles === undefined ? 'client' : 'user',
    issuer: claims.iss,
    subject: claims.sub,
    clientId: claims.client_id,
    tokenId: claims.jti,
  };
  if (claims.fhirUser !== undefined) actor.fhirUser = claims.fhirUser;
  if (roles !== undefined) actor.roles = roles;
  return actor;
}

function toAssignment(role: { role: string; nbf?: number; exp?: number }): RoleAssignment {
  return { role: role.role, notBefore: role.nbf, notAfter: role.exp };
}
