import express, { type Request, type Response, type Router } from 'express';
import { authenticateClient } from '../clients/client-authentication';
import type { ClientRecord } from '../clients/client-record';
import { OAUTH_PATH } from '../discovery/endpoints';
import { oauthErrorResponse } from '../errors/oauth-error-response';
import { InvalidRequest, UnauthorizedClient, isOAuthError } from '../errors/oauth-errors';
import { report, type SmartServices } from '../smart-services';

/**
 * POST /oauth2/revoke (RFC 7009). A client may revoke its own access and refresh tokens; revoking a refresh
 * token revokes its whole family and the access tokens issued from it (§2.1). Unknown tokens get 200 (§2.2).
 */
export function revokeRoute(services: SmartServices): Router {
  const router = express.Router();
  router.post(`${OAUTH_PATH}/revoke`, express.urlencoded({ extended: false, limit: '64kb' }), authenticateClient(services.passport, { allowPublic: true }), (req: Request, res: Response, next) => {
    const token = (req.body as Record<string, unknown>).token;
    if (typeof token !== 'string' || token === '') return next(new InvalidRequest('token is required'));
    const client = req.user as ClientRecord;
    (async () => {
      const revoked = (await revokeRefresh(services, req, res, client, token)) || (await revokeAccess(services, req, res, client, token));
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).end();
      return revoked;
    })().catch(next);
  });
  router.use(`${OAUTH_PATH}/revoke`, oauthErrorResponse(services.logger));
  return router;
}

async function revokeRefresh(services: SmartServices, req: Request, res: Response, client: ClientRecord, token: string): Promise<boolean> {
  const found = await services.refreshTokens.find(token);
  if (!found) return false;
  if (found.family.clientId !== client._id) throw new UnauthorizedClient('This token was issued to another client');
  const jtis = await services.refreshTokens.revokeFamilies({ _id: found.family._id }, 'revoked by the client');
  await report(services, req, res, { kind: 'token-revoked', outcome: 'success', clientId: client._id, reason: `refresh token family revoked by the client with ${jtis.length} access token(s)` });
  return true;
}

async function revokeAccess(services: SmartServices, req: Request, res: Response, client: ClientRecord, token: string): Promise<boolean> {
  let claims;
  try {
    claims = await services.verifier.verify(token);
  } catch (e) {
    if (isOAuthError(e)) return false;
    throw e;
  }
  if (claims.client_id !== client._id) throw new UnauthorizedClient('This token was issued to another client');
  await services.revocations.revokeToken(claims.jti, claims.exp, 'revoked by the client');
  await report(services, req, res, { kind: 'token-revoked', outcome: 'success', clientId: client._id, tokenId: claims.jti, reason: 'access token revoked by the client' });
  return true;
}
