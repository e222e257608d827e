import express, { type Request, type Response, type Router } from 'express';
import { authenticateClient } from '../clients/client-authentication';
import { OAUTH_PATH } from '../discovery/endpoints';
import { oauthErrorResponse } from '../errors/oauth-error-response';
import { InvalidRequest, isOAuthError } from '../errors/oauth-errors';
import type { SmartServices } from '../smart-services';

/**
 * POST /oauth2/introspect (RFC 7662), for confidential clients (resource servers, backend apps). An unknown,
 * expired or revoked token is `{"active": false}` and nothing more (§2.2), whatever the reason.
 */
export function introspectRoute(services: SmartServices): Router {
  const router = express.Router();
  router.post(`${OAUTH_PATH}/introspect`, express.urlencoded({ extended: false, limit: '64kb' }), authenticateClient(services.passport, { allowPublic: false }), (req: Request, res: Response, next) => {
    const token = (req.body as Record<string, unknown>).token;
    if (typeof token !== 'string' || token === '') return next(new InvalidRequest('token is required'));
    const hint = (req.body as Record<string, unknown>).token_type_hint;
    const order = hint === 'refresh_token' ? [refreshInfo, accessInfo] : [accessInfo, refreshInfo];
    (async () => {
      let info: Record<string, unknown> | undefined;
      for (const lookup of order) info ??= await lookup(services, token);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
      res.json(info ?? { active: false });
    })().catch(next);
  });
  router.use(`${OAUTH_PATH}/introspect`, oauthErrorResponse(services.logger));
  return router;
}

async function accessInfo(services: SmartServices, token: string): Promise<Record<string, unknown> | undefined> {
  try {
    const claims = await services.verifier.verify(token);
    return withContext(services, { active: true, token_type: 'Bearer', scope: claims.scope, client_id: claims.client_id, sub: claims.sub, iss: claims.iss, aud: claims.aud, exp: claims.exp, iat: claims.iat, jti: claims.jti }, claims);
  } catch (e) {
    if (isOAuthError(e)) return undefined;
    throw e;
  }
}

async function refreshInfo(services: SmartServices, token: string): Promise<Record<string, unknown> | undefined> {
  const found = await services.refreshTokens.find(token);
  if (!found || found.record.rotatedAt !== undefined || !services.refreshTokens.isUsable(found.family)) return undefined;
  const { family } = found;
  return withContext(
    services,
    { active: true, token_type: 'refresh_token', scope: family.scopes, client_id: family.clientId, sub: family.userId, iss: services.endpoints.issuer, exp: Math.floor(family.expiresAt / 1000), iat: Math.floor(found.record.createdAt / 1000) },
    family,
  );
}

/** SMART §Token introspection: the launch context and fhirUser (as a URL) beside the RFC 7662 fields. */
function withContext(services: SmartServices, info: Record<string, unknown>, context: { patient?: string; encounter?: string; fhirUser?: string }): Record<string, unknown> {
  if (context.patient !== undefined) info.patient = context.patient;
  if (context.encounter !== undefined) info.encounter = context.encounter;
  if (context.fhirUser !== undefined) info.fhirUser = `${services.endpoints.fhirBase}/${context.fhirUser}`;
  return info;
}
