import type { Request, Response } from 'express';
import type oauth2orize from 'oauth2orize';
import type passport from 'passport';
import type winston from 'winston';
import type { Repository } from '../resources/repository/repository';
import type { DocumentStore } from '../resources/storage/port';
import type { Admin } from './admin/admin';
import type { AuthEvent, AuthEventSink } from './auth-event';
import type { Interactions } from './authorize/interactions';
import type { ClientKeyResolver } from './clients/client-keys';
import type { ClientRegistry } from './clients/client-registry';
import type { Endpoints } from './discovery/endpoints';
import type { KeyRing } from './keys/signing-keys';
import type { LaunchContexts } from './launch/launch-contexts';
import type { Sessions } from './login/sessions';
import type { Throttle, ThrottleSettings } from './login/throttle';
import type { AuthorizationCodes } from './tokens/authorization-codes';
import type { RefreshTokens } from './tokens/refresh-tokens';
import type { Revocations } from './tokens/revocations';
import type { TokenIssuer } from './tokens/token-issuer';
import type { AccessTokenVerifier } from './tokens/verify/access-token-verifier';
import type { UserDirectory } from './users/user-directory';

/** Everything the authorization server's routes use, built once per server by createSmartServer. */
export interface SmartServices {
  endpoints: Endpoints;
  store: DocumentStore;
  repository: Repository;
  logger: winston.Logger;
  clock: () => number;
  onAuthEvent: AuthEventSink;
  adminToken?: string;
  admin: Admin;
  registry: ClientRegistry;
  clientKeys: ClientKeyResolver;
  users: UserDirectory;
  sessions: Sessions;
  throttle: Throttle;
  userThrottle: ThrottleSettings;
  addressThrottle: ThrottleSettings;
  interactions: Interactions;
  launches: LaunchContexts;
  codes: AuthorizationCodes;
  refreshTokens: RefreshTokens;
  revocations: Revocations;
  issuer: TokenIssuer;
  verifier: AccessTokenVerifier;
  keys: KeyRing;
  passport: passport.Authenticator;
  oauth: oauth2orize.OAuth2Server;
}

/** Reports an auth event with the request's address and id filled in; awaited, so it is recorded before we answer. */
export function report(services: SmartServices, req: Request, res: Response, event: Omit<AuthEvent, 'at' | 'address' | 'requestId'>): Promise<void> {
  return services.onAuthEvent({ ...event, at: services.clock(), address: req.socket.remoteAddress, requestId: res.locals.requestId as string | undefined });
}
