import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { checkCsrf, locals, sendPage } from '../authorize/interaction-context';
import { OAUTH_PATH } from '../discovery/endpoints';
import { pageHeaders } from '../http/page-headers';
import { managePage } from '../pages/manage-page';
import { messagePage } from '../pages/message-page';
import { report, type SmartServices } from '../smart-services';
import { AUTH } from '../store/auth-collections';
import type { RefreshFamily } from '../tokens/refresh-tokens';

/**
 * The signed-in user's own pages: the SMART management endpoint (standing authorizations, revocable) and
 * sign-out (shared workstations: end the session on purpose, not only by timeout).
 */
export function accountRoutes(services: SmartServices): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  router.get(`${OAUTH_PATH}/manage`, pageHeaders, signedIn(services), wrap(async (_req, res) => renderManage(services, res)));
  router.post(`${OAUTH_PATH}/manage`, pageHeaders, signedIn(services), form, checkCsrf, wrap(async (req, res) => {
    const { session } = locals(res);
    const family = String((req.body as Record<string, unknown>).family ?? '');
    const jtis = await services.refreshTokens.revokeFamilies({ _id: family, userId: session.record.userId }, 'revoked by the user');
    await report(services, req, res, { kind: 'token-revoked', outcome: 'success', reason: `authorization revoked by the user with ${jtis.length} access token(s)` });
    await renderManage(services, res);
  }));
  router.post(`${OAUTH_PATH}/logout`, pageHeaders, form, wrap(async (req, res) => {
    const session = await services.sessions.current(req);
    const user = session?.record.userId ? await services.users.findById(session.record.userId) : undefined;
    const csrf = (req.body as Record<string, unknown>).csrf;
    if (session && csrf !== session.record.csrf) {
      sendPage(res, 403, messagePage('Form expired', 'Reload the page and try again.'));
      return;
    }
    await services.sessions.end(res, session);
    if (user) await report(services, req, res, { kind: 'logout', outcome: 'success', user: user.username, fhirUser: user.fhirUser });
    sendPage(res, 200, messagePage('Signed out', 'You have signed out.'));
  }));
  return router;
}

async function renderManage(services: SmartServices, res: Response): Promise<void> {
  const { session } = locals(res);
  const user = (await services.users.findById(session.record.userId!))!;
  const now = services.clock();
  const families = await services.store.collection<RefreshFamily>(AUTH.refreshFamilies).find({ userId: user._id, revokedAt: { $exists: false } });
  const authorizations = [];
  for (const family of families.filter((f) => f.expiresAt > now)) {
    const client = await services.registry.find(family.clientId);
    authorizations.push({ familyId: family._id, appName: client?.name ?? family.clientId, scopes: family.scopes, granted: new Date(family.createdAt).toISOString().slice(0, 16).replace('T', ' ') });
  }
  sendPage(res, 200, managePage({ action: `${services.endpoints.issuer}${OAUTH_PATH}/manage`, csrf: session.record.csrf, username: user.username, authorizations }));
}

function signedIn(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    services.sessions.current(req).then((session) => {
      if (!session || session.record.stage !== 'authenticated') {
        sendPage(res, 401, messagePage('Not signed in', 'Sign in through an app first; this page then lists the apps you have authorized.'));
        return;
      }
      res.locals.session = session;
      next();
    }, next);
  };
}

function wrap(handler: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    handler(req, res).catch(next);
  };
}
