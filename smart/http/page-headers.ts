import type { NextFunction, Request, Response } from 'express';

/**
 * Headers for the login, consent and picker pages: never cached (they show who is signed in), never framed
 * (clickjacking a consent page would grant access: RFC 6819 §4.4.1.9), no scripts at all, no referrer leaks of
 * the authorization request.
 */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'");
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}
