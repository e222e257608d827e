import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { OAUTH_PATH } from '../discovery/endpoints';
import { oauthErrorResponse } from '../errors/oauth-error-response';
import { AccessDenied, InvalidToken } from '../errors/oauth-errors';
import type { SmartServices } from '../smart-services';
import { constantTimeEqual } from '../store/secrets';
import { clientFromMetadata, registrationResponse } from './client-metadata';

/**
 * RFC 7591 dynamic client registration at POST /oauth2/register, protected by an initial access token (§3):
 * the administrator's SMART_ADMIN_TOKEN as a Bearer token. Off when that is not configured. DELETE
 * /oauth2/register/:clientId (after RFC 7592 §2.3) removes a client with the same credential.
 */
export function registerRoute(services: SmartServices): Router {
  const router = express.Router();
  const path = `${OAUTH_PATH}/register`;
  router.post(path, requireAdmin(services), express.json({ limit: '64kb' }), (req: Request, res: Response, next: NextFunction) => {
    (async () => {
      const input = clientFromMetadata((req.body ?? {}) as Record<string, unknown>);
      // Metadata the registry refuses comes back as invalid_client_metadata or invalid_redirect_uri (RFC 7591
      // §3.2.2); anything else (the store failing) is the server's fault and answers server_error.
      const added = await services.admin.addClient(input, { address: req.socket.remoteAddress, requestId: res.locals.requestId });
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(registrationResponse(added.client, added.secret));
    })().catch(next);
  });
  router.delete(`${path}/:clientId`, requireAdmin(services), (req: Request, res: Response, next: NextFunction) => {
    services.admin.removeClient(String(req.params.clientId), { address: req.socket.remoteAddress, requestId: res.locals.requestId }).then((removed) => {
      res.status(removed ? 204 : 404).end();
    }, next);
  });
  router.use(path, oauthErrorResponse(services.logger));
  return router;
}

function requireAdmin(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (services.adminToken === undefined) return next(new AccessDenied('Dynamic client registration is not enabled on this server'));
    const match = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '');
    if (!match || !constantTimeEqual(match[1].trim(), services.adminToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="register", error="invalid_token"');
      return next(new InvalidToken('Registration needs the administrator credential as a Bearer token'));
    }
    next();
  };
}
