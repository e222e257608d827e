import type { NextFunction, Request, Response } from 'express';
import type winston from 'winston';
import { InvalidRequest, ServerError, isOAuthError, oauthErrorFor, type OAuthError } from './oauth-errors';

/**
 * The catch point of the JSON OAuth endpoints (token, introspection, revocation, registration): any error becomes
 * `{"error", "error_description"}` with its status (RFC 6749 §5.2), never cached. Unexpected errors are logged
 * with the request id and answered `server_error` without internals.
 */
export function oauthErrorResponse(logger: winston.Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const error = toOAuthError(err);
    if (error.status >= 500) {
      logger.error('oauth request failed', { requestId: res.locals.requestId, path: req.path, error: describe(err) });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    // RFC 6749 §5.2: a client that tried HTTP Basic and failed is told which scheme to use.
    if (error.code === 'invalid_client' && /^basic /i.test(req.get('authorization') ?? '')) {
      res.setHeader('WWW-Authenticate', 'Basic realm="token"');
    }
    res.status(error.status);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    res.json(error.toJSON());
  };
}

export function toOAuthError(err: unknown): OAuthError {
  if (isOAuthError(err)) return err;
  const coded = err as { code?: unknown; message?: string };
  if (typeof coded?.code === 'string') {
    const known = oauthErrorFor(coded.code, coded.message ?? coded.code);
    if (known && known.status < 500) return known;
  }
  const parserError = err as { type?: string; status?: number; message?: string };
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return new InvalidRequest(parserError.type === 'entity.too.large' ? 'The request body is too large' : 'The request body could not be read');
  }
  return new ServerError('The server met an unexpected condition; it was logged with this request id');
}

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
