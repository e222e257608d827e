import type { NextFunction, Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { InvalidClient, InvalidRequest } from '../errors/oauth-errors';
import type { ClientRecord } from './client-record';
import type { ClientAuthMethod } from './client-strategies';

/**
 * Client authentication at the token, introspection and revocation endpoints, with passport. Exactly one method
 * per request (RFC 6749 §2.3): the request's shape picks the strategy, so a failed assertion never falls back
 * to a weaker method. An unknown client or a bad credential is 401 invalid_client (RFC 6749 §5.2).
 */
export function authenticateClient(authenticator: passport.Authenticator, options: { allowPublic: boolean }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let method: ClientAuthMethod;
    try {
      method = chooseMethod(req, options.allowPublic);
    } catch (e) {
      next(e);
      return;
    }
    authenticator.authenticate(method, { session: false }, (err: unknown, client: ClientRecord | false, info: { message?: string } | undefined) => {
      if (err) return next(err);
      if (!client) return next(new InvalidClient(info?.message ?? 'Client authentication failed'));
      const bodyId = (req.body as Record<string, unknown> | undefined)?.client_id;
      if (bodyId !== undefined && bodyId !== client._id) return next(new InvalidClient('client_id does not match the authenticated client'));
      req.user = client;
      res.locals.clientAuthMethod = method;
      next();
    })(req, res, next);
  };
}

function chooseMethod(req: Request, allowPublic: boolean): ClientAuthMethod {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const basic = /^basic /i.test(req.get('authorization') ?? '');
  const assertion = body.client_assertion !== undefined || body.client_assertion_type !== undefined;
  if (body.client_secret !== undefined) throw new InvalidClient('client_secret_post is not supported; use HTTP Basic (client_secret_basic)');
  if (basic && assertion) throw new InvalidRequest('Use one client authentication method, not several');
  if (assertion) return 'private_key_jwt';
  if (basic) return 'client_secret_basic';
  if (typeof body.client_id === 'string' && body.client_id !== '') {
    if (!allowPublic) throw new InvalidClient('This endpoint needs client credentials');
    return 'none';
  }
  throw new InvalidClient('Client authentication is required');
}
