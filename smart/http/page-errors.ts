import type { NextFunction, Request, Response } from 'express';
import type winston from 'winston';
import { messagePage } from '../pages/message-page';

const PAGES = /^\/oauth2\/(authorize|interaction|manage|logout)(\/|$)/;

/**
 * The last catch point of the sign-in pages: an unexpected error is logged with the request id and shown as a
 * page (not the FHIR API's OperationOutcome), without internals.
 */
export function pageErrors(logger: winston.Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!PAGES.test(req.path)) return next(err);
    logger.error('sign-in page failed', { requestId: res.locals.requestId, path: req.path, error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).type('html').send(messagePage('Something went wrong', `The server met an unexpected problem (request ${String(res.locals.requestId ?? '')}). Return to the app and try again.`));
  };
}
