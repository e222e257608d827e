import type { CapabilityStatement } from 'fhir/r4';
import express, { type Request, type Router } from 'express';
import oauth2orize from 'oauth2orize';
import passport from 'passport';
import type winston from 'winston';
import type { Repository } from '../resources/repository/repository';
import type { DocumentStore } from '../resources/storage/port';
import { fhirBaseUrl, type Config } from '../server/config';
import type { Authenticate } from '../server/fhir/fhir-router';
import { Admin } from './admin/admin';
import { ignoreAuthEvents, type AuthEventSink } from './auth-event';
import { parseSmartParameters } from './authorize/authorization-request';
import { authorizeEndpoint } from './authorize/authorize-endpoint';
import { issueCode } from './authorize/consent-step';
import { interactionRoutes } from './authorize/interaction-routes';
import { Interactions } from './authorize/interactions';
import { ClientKeyResolver } from './clients/client-keys';
import { PrivateKeyJwtStrategy, PublicClientStrategy, clientSecretBasic } from './clients/client-strategies';
import { discoveryRoutes } from './discovery/discovery-routes';
import { endpointsOf } from './discovery/endpoints';
import { bearerAuthentication } from './fhir/bearer-authentication';
import { capabilitySecurity } from './fhir/capability-security';
import { cors } from './http/cors';
import { pageErrors } from './http/page-errors';
import { introspectRoute } from './introspection/introspect-route';
import { KeyRing } from './keys/signing-keys';
import { accountRoutes } from './login/account-routes';
import { passwordStrategy } from './login/password-strategy';
import { Sessions } from './login/sessions';
import { Throttle } from './login/throttle';
import { registerRoute } from './registration/register-route';
import { revokeRoute } from './revocation/revoke-route';
import { SECURITY_DEFAULTS } from './security-defaults';
import type { SmartServices } from './smart-services';
import { ensureAuthIndexes } from './store/auth-collections';
import { PURGE_INTERVAL_MS, purgeExpired } from './store/purge-expired';
import { registerExchanges, tokenRoute } from './token-endpoint/token-route';
import { AuthorizationCodes } from './tokens/authorization-codes';
import { TokenIssuer } from './tokens/token-issuer';
import { TokenSigner } from './tokens/token-signer';
import { AccessTokenVerifier } from './tokens/verify/access-token-verifier';

const OAUTH_OR_DISCOVERY = /^\/(oauth2|\.well-known|fhir\/\.well-known)(\/|$)/;

export interface SmartServerOptions {
  config: Config;
  store: DocumentStore;
  repository: Repository;
  logger: winston.Logger;
  /** The audit hook: awaited at every login, token and administration event. */
  onAuthEvent?: AuthEventSink;
  clock?: () => number;
}

export interface SmartServer {
  /** Discovery, OAuth endpoints and sign-in pages; mount before the FHIR router (it answers CORS preflights too). */
  router: Router;
  /** The FHIR router's authentication: bearer access tokens into AccessContexts. */
  authenticate: Authenticate;
  /** Adds the SMART security section to /metadata. */
  extendCapability: (statement: CapabilityStatement) => void;
  services: SmartServices;
  /** Stops the periodic sweep of expired auth records (call before closing the store). */
  close(): void;
}

/** The SMART-on-FHIR authorization server (App Launch 2.2, Backend Services, OpenID Connect), one per app. */
export async function createSmartServer(options: SmartServerOptions): Promise<SmartServer> {
  const { config, store } = options;
  const clock = options.clock ?? Date.now;
  const onAuthEvent = options.onAuthEvent ?? ignoreAuthEvents;
  const fhirBase = fhirBaseUrl(config);
  const endpoints = endpointsOf(config.baseUrl, fhirBase);
  await ensureAuthIndexes(store);
  const keys = await KeyRing.open(store);
  const admin = new Admin({ store, fhirBase, totpIssuer: totpIssuer(config.baseUrl), clock, onAuthEvent });
  const interactions = new Interactions(store, admin.registry, clock);
  const sessions = new Sessions(
    store,
    { idleSeconds: config.sessionIdleTimeoutSeconds, maxSeconds: config.sessionMaxLifetimeSeconds, secure: config.baseUrl.startsWith('https:') },
    (oldKey, newKey) => interactions.rebind(oldKey, newKey),
    clock,
  );
  const issuer = new TokenIssuer(
    {
      issuer: endpoints.issuer,
      fhirBase,
      styleUrl: endpoints.style,
      accessTokenSeconds: config.accessTokenLifetimeSeconds,
      offlineRefreshSeconds: config.refreshTokenLifetimeSeconds,
      onlineRefreshSeconds: config.sessionMaxLifetimeSeconds,
    },
    new TokenSigner(keys),
    admin.revocations,
    admin.refreshTokens,
    clock,
  );
  const throttleBase = { windowSeconds: SECURITY_DEFAULTS.loginFailureWindowSeconds, lockoutSeconds: SECURITY_DEFAULTS.loginLockoutSeconds, lockoutMaxSeconds: config.loginLockoutMaxSeconds };
  const services: SmartServices = {
    endpoints,
    store,
    repository: options.repository,
    logger: options.logger,
    clock,
    onAuthEvent,
    adminToken: config.adminToken,
    admin,
    registry: admin.registry,
    clientKeys: new ClientKeyResolver(),
    users: admin.users,
    sessions,
    throttle: new Throttle(store, clock),
    userThrottle: { ...throttleBase, maxFailures: config.loginMaxFailures },
    addressThrottle: { ...throttleBase, maxFailures: Math.max(SECURITY_DEFAULTS.addressMaxFailures, config.loginMaxFailures) },
    interactions,
    launches: admin.launches,
    codes: new AuthorizationCodes(store, clock),
    refreshTokens: admin.refreshTokens,
    revocations: admin.revocations,
    issuer,
    verifier: new AccessTokenVerifier({ keys, revocations: admin.revocations, issuer: endpoints.issuer, audience: fhirBase }, clock),
    keys,
    passport: new passport.Passport(),
    oauth: oauth2orize.createServer({ store: interactions }),
  };
  configurePassport(services);
  configureOAuth(services);

  const router = express.Router();
  router.use(cors);
  // FHIR API requests need only CORS from here; leaving the router at once spares them a walk through every
  // OAuth route (discovery under /fhir/.well-known stays).
  router.use((req, _res, next) => next(OAUTH_OR_DISCOVERY.test(req.path) ? undefined : 'router'));
  for (const routes of [discoveryRoutes, authorizeEndpoint, interactionRoutes, tokenRoute, introspectRoute, revokeRoute, registerRoute, accountRoutes]) {
    router.use(routes(services));
  }
  router.use(pageErrors(services.logger));
  const purge = schedulePurge(services);
  return {
    router,
    authenticate: bearerAuthentication({ verifier: services.verifier, fhirBase, clock }),
    extendCapability: capabilitySecurity(endpoints),
    services,
    close: () => clearInterval(purge),
  };
}

/** Sweeps expired codes, sessions, jtis and revocations at start-up and hourly after. */
function schedulePurge(services: SmartServices): NodeJS.Timeout {
  const run = () =>
    purgeExpired(services.store, services.clock()).catch((e: unknown) => services.logger.error('auth purge failed', { error: String(e) }));
  void run();
  const timer = setInterval(run, PURGE_INTERVAL_MS);
  timer.unref();
  return timer;
}

/** passport strategies, named by the RFC 7591 auth method they implement (and `local` for users). */
function configurePassport(services: SmartServices): void {
  const { passport: authenticator, registry, clientKeys, store, clock, endpoints } = services;
  authenticator.use('local', passwordStrategy(services));
  authenticator.use('client_secret_basic', clientSecretBasic(registry));
  authenticator.use('none', new PublicClientStrategy(registry));
  // A client assertion is addressed to the token endpoint (SMART), or to the endpoint it is sent to.
  const audiences = (req: Request) => [endpoints.token, `${endpoints.issuer}${req.path}`];
  authenticator.use('private_key_jwt', new PrivateKeyJwtStrategy({ registry, keys: clientKeys, store, clock }, audiences));
}

/** oauth2orize: the code grant (with SMART's extra parameters and RFC 9207 `iss`) and the token exchanges. */
function configureOAuth(services: SmartServices): void {
  const code = oauth2orize.grant.code as unknown as (options: object, issue: unknown, extend: unknown) => never;
  services.oauth.grant(code({}, issueCode(services), (_txn: unknown, done: (err: null, params: object) => void) => done(null, { iss: services.endpoints.issuer })));
  services.oauth.grant('*', parseSmartParameters as never);
  registerExchanges(services);
}

function totpIssuer(baseUrl: string): string {
  try {
    return `FHIR server (${new URL(baseUrl).host})`;
  } catch {
    return 'FHIR server';
  }
}
