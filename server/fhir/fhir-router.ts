import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AccessContext } from '../../resources/access/access-context';
import { isResourceType } from '../../resources/definitions/resource-types';
import { badRequest, methodNotAllowed, notFound } from '../../resources/errors/fhir-error';
import { negotiate } from '../http/negotiate';
import { send } from '../http/send';
import type { FhirRequest } from './fhir-request';
import type { FhirRoute } from './route-table';
import { RouteMatcher } from './route-matcher';
import type { FhirServices } from './services';

/** Authenticates a request into the AccessContext the Repository enforces (SMART tokens, or a fixed policy). */
export type Authenticate = (req: Request, res: Response) => Promise<AccessContext>;

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The Express adapter for the route table: reads the raw body (size-limited), checks path parameters,
 * negotiates the representation, authenticates, and hands a FhirRequest to the handler. Express stays here.
 */
export function fhirRouter(options: {
  routes: readonly FhirRoute[];
  services: FhirServices;
  authenticate: Authenticate;
  fhirBase: string;
  bodyLimitBytes: number;
}): Router {
  for (const route of options.routes) {
    if (!route.audit) throw new Error(`route ${route.method} ${route.path} declares no audit interaction`);
  }
  const matcher = new RouteMatcher(options.routes);
  const readBody = express.raw({ type: () => true, limit: options.bodyLimitBytes });
  const router = express.Router({ caseSensitive: true, strict: false });
  router.use((req: Request, res: Response, next: NextFunction) => {
    const match = matcher.match(req.method, req.path);
    if (!match) {
      next(unmatched(req, matcher));
      return;
    }
    const run = () => handle(match.route, match.params, req, res, options).catch(next);
    // Only interactions that carry a body read one (and are held to BODY_LIMIT).
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') readBody(req, res, (e?: unknown) => (e ? next(e) : run()));
    else void run();
  });
  return router;
}

async function handle(
  route: FhirRoute,
  params: Record<string, string>,
  req: Request,
  res: Response,
  options: { services: FhirServices; authenticate: Authenticate; fhirBase: string },
): Promise<void> {
  checkParams(params);
  const queryString = rawQuery(req.originalUrl);
  const query = [...new URLSearchParams(queryString)];
  const representation = negotiate(first(query, '_format'), req.get('accept'), first(query, '_pretty'));
  const ctx = await authenticated(req, res, options);
  const fhirRequest: FhirRequest = {
    method: req.method,
    params,
    query,
    queryString,
    header: (name) => req.get(name),
    body: Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined,
    contentType: req.get('content-type')?.split(';')[0].trim().toLowerCase(),
    representation,
    ctx,
    fhirBase: options.fhirBase,
  };
  send(res, await route.handler(fhirRequest, options.services), representation);
}

/** Authenticates; a refusal is audited (with what is known of the caller) before it is answered. */
async function authenticated(req: Request, res: Response, options: { services: FhirServices; authenticate: Authenticate }): Promise<AccessContext> {
  try {
    return await options.authenticate(req, res);
  } catch (e) {
    const caller: AccessContext = {
      actor: { kind: 'anonymous' },
      policy: { grants: () => [] },
      request: { requestId: res.locals.requestId as string, address: req.socket.remoteAddress, method: req.method, url: req.originalUrl },
    };
    await options.services.repository.recordDenial(caller, e);
    throw e;
  }
}

function checkParams(params: Record<string, string>): void {
  if (params.id !== undefined && !ID.test(params.id)) {
    throw badRequest(`'${params.id}' is not a valid resource id (1-64 of A-Z, a-z, 0-9, '-' and '.')`, 'id');
  }
  if (params.vid !== undefined && !ID.test(params.vid)) throw badRequest(`'${params.vid}' is not a valid version id`, 'vid');
}

function first(query: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  return query.find(([k]) => k === name)?.[1];
}

function rawQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** No route took the request: 405 when the path exists for other methods, 404 otherwise. */
function unmatched(req: Request, matcher: RouteMatcher): Error {
  const allowed = matcher.methodsFor(req.path);
  if (allowed.length > 0) return methodNotAllowed(`${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}`);
  const type = req.path.split('/')[1];
  if (type && /^[A-Z]/.test(type) && !isResourceType(type)) return notFound(type);
  return notFound(`path ${req.path}`);
}
