import type { ErrorRequestHandler } from 'express';
import type { SmartServices } from '../smart-services';

/**
 * oauth2orize's authorization error handler: sends an error to the app's (already validated) redirect URI
 * with `error`, `error_description` and `state` (RFC 6749 §4.1.2.1). Its typings omit it, hence the cast.
 */
export function redirectAuthorizationError(services: SmartServices): ErrorRequestHandler {
  const server = services.oauth as unknown as { authorizationErrorHandler(): ErrorRequestHandler[] };
  const [, respond] = server.authorizationErrorHandler();
  return respond;
}
