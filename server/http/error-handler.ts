import type { NextFunction, Request, Response } from 'express';
import type winston from 'winston';
import {
  FhirError,
  badRequest,
  conflict,
  internalError,
  payloadTooLarge,
  unavailable,
  unsupportedMediaType,
} from '../../resources/errors/fhir-error';
import { DuplicateKeyError, StoreUnavailableError, TransactionConflictError } from '../../resources/storage/port';
import { STATUS_OF } from './status';

/**
 * The one catch point: whatever was thrown becomes an OperationOutcome with the right status. Errors that are
 * not ours are logged with the request id and answered with a generic 500 that leaks no internals.
 */
export function errorHandler(logger: winston.Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const error = toFhirError(err);
    const status = STATUS_OF[error.kind];
    if (status >= 500) {
      logger.error('request failed', { requestId: res.locals.requestId, method: req.method, path: req.path, error: describe(err) });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (status === 401 && !res.getHeader('WWW-Authenticate')) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(status).setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
    res.end(JSON.stringify(error.outcome));
  };
}

export function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  if (err instanceof StoreUnavailableError) return unavailable('The data store is not available; try again shortly');
  if (err instanceof TransactionConflictError) return conflict('Too many concurrent changes to the same resources; retry the request');
  if (err instanceof DuplicateKeyError) return conflict(`A concurrent request created the same resource (${err.key})`);
  const parserError = err as { type?: string; status?: number; limit?: number; message?: string };
  switch (parserError?.type) {
    case 'entity.too.large':
      return payloadTooLarge(`The request body exceeds the limit of ${parserError.limit} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return unsupportedMediaType(parserError.message ?? 'Unsupported content encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return badRequest(parserError.message ?? 'The request body was incomplete');
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return badRequest(parserError.message ?? 'Bad request');
  }
  return internalError('The server met an unexpected condition; the error was logged with this request id');
}

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
