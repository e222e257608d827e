import type { NextFunction, Request, Response } from 'express';

/** Interactive pages are navigated to, never fetched cross-origin; everything else is an API for browser apps. */
const PAGES = /^\/oauth2\/(authorize|interaction|manage|logout)(\/|$)/;

/**
 * CORS for SMART browser apps (public clients run in another origin and call discovery, the token endpoint and
 * the FHIR API with fetch). `*` is safe here: these endpoints take credentials only in headers and bodies,
 * never from cookies. Preflights are answered here, before the FHIR router would call them 405.
 */
export function cors(req: Request, res: Response, next: NextFunction): void {
  if (PAGES.test(req.path) || req.get('origin') === undefined) {
    next();
    return;
  }
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Location, Content-Location, ETag, Last-Modified, WWW-Authenticate, X-Request-Id');
  if (req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
    res.setHeader('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'Authorization, Content-Type, Accept');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
}
