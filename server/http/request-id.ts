import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A client's X-Request-Id is kept when it is a sane token (so it can be traced across systems), else replaced. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(req: Request, res: Response, next: NextFunction): void {
  const offered = req.get('x-request-id');
  const id = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}
