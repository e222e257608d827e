import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { OAUTH_PATH } from '../discovery/endpoints';
import { isOAuthError } from '../errors/oauth-errors';
import { pageHeaders } from '../http/page-headers';
import { messagePage } from '../pages/message-page';
import type { SmartServices } from '../smart-services';
import type { AuthorizationRequest } from './authorization-request';
import type { AuthorizeContext } from './authorize-check';
import { runAuthorizeChecks } from './authorize-checks';
import { redirectAuthorizationError } from './redirect-authorization-error';

/**
 * GET and POST /oauth2/authorize (RFC 6749 §4.1.1; SMART `authorize-post`). oauth2orize parses the request and
 * keeps the transaction; our check table validates it; the user then continues at /oauth2/interaction/:tid.
 */
export function authorizeEndpoint(services: SmartServices): Router {
  const router = express.Router();
  const authorization = services.oauth.authorization(
    (areq: unknown, done: (err: Error | null, client?: unknown, redirectURI?: string) => void) => {
      const ctx: AuthorizeContext = { areq: areq as AuthorizationRequest };
      runAuthorizeChecks(ctx, { registry: services.registry, launches: services.launches, fhirBase: services.endpoints.fhirBase }).then(
        ({ error, redirectable }) => {
          if (error && !redirectable) done(error as Error);
          else if (error) done(error as Error, ctx.client, ctx.areq.redirectURI);
          else done(null, ctx.client, ctx.areq.redirectURI);
        },
        (e: unknown) => done(e as Error),
      );
    },
    // Never immediate: every authorization goes past the user (sign-in, then consent).
    ((_client: unknown, _user: unknown, done: (err: Error | null, allow: boolean) => void) => done(null, false)) as never,
  ) as unknown as express.RequestHandler;

  const steps = [pageHeaders, ensureSession(services), authorization, continueToInteraction(services)];
  router.get(`${OAUTH_PATH}/authorize`, ...steps);
  router.post(`${OAUTH_PATH}/authorize`, express.urlencoded({ extended: false, limit: '64kb' }), foldBodyIntoQuery, ...steps);
  router.use(`${OAUTH_PATH}/authorize`, authorizeErrors(services));
  return router;
}

/** authorize-post: the form carries the same parameters a GET carries in its query; only the form counts. */
function foldBodyIntoQuery(req: Request, _res: Response, next: NextFunction): void {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, string | string[]>)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  req.url = `${req.path}?${params.toString()}`;
  next();
}

/** The browser gets a session (anonymous for now) that the transaction is bound to. */
function ensureSession(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    services.sessions
      .current(req)
      .then((session) => session ?? services.sessions.start(res))
      .then((session) => {
        res.locals.session = session;
        next();
      }, next);
  };
}

function continueToInteraction(services: SmartServices) {
  return (req: Request, res: Response): void => {
    const tid = (req as Request & { oauth2?: { transactionID: string } }).oauth2!.transactionID;
    res.redirect(303, `${services.endpoints.issuer}${OAUTH_PATH}/interaction/${tid}`);
  };
}

/**
 * Errors before the client and redirect URI are validated are shown on a page (RFC 6749 §4.1.2.1: never
 * redirect to an unverified URI); later ones go back to the app with `error` and `state`, through oauth2orize.
 */
function authorizeErrors(services: SmartServices) {
  const redirectError = redirectAuthorizationError(services);
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    const oauth2 = (req as Request & { oauth2?: { client?: unknown; redirectURI?: string } }).oauth2;
    if (oauth2?.client && oauth2.redirectURI) {
      redirectError(err, req, res, next);
      return;
    }
    if (!isOAuthError(err) && !(err as { code?: string })?.code) {
      next(err);
      return;
    }
    const message = (err as Error).message;
    services.logger.info('authorization request refused', { requestId: res.locals.requestId, reason: message });
    res.status(400).type('html').send(messagePage('This sign-in request cannot continue', `${message}. Return to the app and try again.`));
  };
}
