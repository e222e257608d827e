import type { NextFunction, Request, Response } from 'express';
import type winston from 'winston';

/**
 * One log line per request: method, path (without the query, which may carry patient identifiers), status,
 * duration and request id. Never bodies: they hold health data.
 */
export function requestLog(logger: winston.Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        requestId: res.locals.requestId,
      });
    });
    next();
  };
}
