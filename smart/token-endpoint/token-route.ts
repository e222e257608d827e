import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import oauth2orize from 'oauth2orize';
import { authenticateClient } from '../clients/client-authentication';
import { OAUTH_PATH } from '../discovery/endpoints';
import type { ClientRecord } from '../clients/client-record';
import { oauthErrorResponse, toOAuthError } from '../errors/oauth-error-response';
import { InvalidRequest, UnsupportedGrantType } from '../errors/oauth-errors';
import { report, type SmartServices } from '../smart-services';
import { exchangeAuthorizationCode } from './code/authorization-code-grant';
import { exchangeClientCredentials } from './backend/client-credentials-grant';
import { exchangeRefreshToken } from './refresh/refresh-token-grant';
import type { TokenRequestInfo } from './token-request';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'];

/** The grants oauth2orize dispatches to at the token endpoint, each with its own table of checks. */
export function registerExchanges(services: SmartServices): void {
  services.oauth.exchange('authorization_code', oauth2orize.exchange.authorizationCode(exchangeAuthorizationCode(services) as never));
  services.oauth.exchange('refresh_token', oauth2orize.exchange.refreshToken(exchangeRefreshToken(services) as never));
  services.oauth.exchange('client_credentials', oauth2orize.exchange.clientCredentials(exchangeClientCredentials(services) as never));
}

/**
 * POST /oauth2/token (RFC 6749 §3.2): form body; grant type known; client authenticated (passport); then
 * oauth2orize runs the grant, which answers with `Cache-Control: no-store` and `Pragma: no-cache` (§5.1).
 */
export function tokenRoute(services: SmartServices): Router {
  const router = express.Router();
  router.post(
    `${OAUTH_PATH}/token`,
    express.urlencoded({ extended: false, limit: '64kb' }),
    checkGrantType,
    authenticateClient(services.passport, { allowPublic: true }),
    authInfo,
    services.oauth.token() as unknown as RequestHandler,
  );
  router.use(`${OAUTH_PATH}/token`, reportRefusal(services), oauthErrorResponse(services.logger));
  return router;
}

/** A refused token request is an auth event too (a failed client authentication, a replayed code...). */
function reportRefusal(services: SmartServices) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    const error = toOAuthError(err);
    const client = req.user as ClientRecord | undefined;
    const claimed = (req.body as Record<string, unknown> | undefined)?.client_id;
    const grantType = (req.body as Record<string, unknown> | undefined)?.grant_type;
    const reason = `${String(grantType ?? 'no grant_type')}: ${error.code}: ${error.message}${!client && typeof claimed === 'string' ? ` (claimed client_id ${claimed.slice(0, 128)})` : ''}`;
    report(services, req, res, { kind: 'token-issued', outcome: 'failure', clientId: client?._id, reason }).then(() => next(err), next);
  };
}

function checkGrantType(req: Request, _res: Response, next: NextFunction): void {
  const grantType = (req.body as Record<string, unknown> | undefined)?.grant_type;
  if (typeof grantType !== 'string' || grantType === '') return next(new InvalidRequest('grant_type is required'));
  if (!GRANT_TYPES.includes(grantType)) return next(new UnsupportedGrantType(`grant_type ${grantType} is not supported`));
  next();
}

/** What the grants need from the request, passed through oauth2orize as `authInfo`. */
export function authInfo(req: Request, res: Response, next: NextFunction): void {
  const info: TokenRequestInfo = { method: res.locals.clientAuthMethod, address: req.socket.remoteAddress, requestId: res.locals.requestId };
  (req as Request & { authInfo?: TokenRequestInfo }).authInfo = info;
  next();
}
