import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { OAUTH_PATH } from '../discovery/endpoints';
import { pageHeaders } from '../http/page-headers';
import { renderLogin, renderMfa, passwordStep, totpStep } from '../login/sign-in-steps';
import { messagePage } from '../pages/message-page';
import type { SmartServices } from '../smart-services';
import { chooseEncounter, choosePatient, pickSelf, renderEncounterPicker, renderPatientPicker } from './context-pickers';
import { parseConsent, prepareDecision, renderConsent, reportDenied } from './consent-step';
import { redirectAuthorizationError } from './redirect-authorization-error';
import { checkCsrf, loadInteraction, locals, needsEncounter, needsPatient, requireSession, requireSignedIn, sendPage } from './interaction-context';

/**
 * The pages between /authorize and the redirect back to the app, in the order a user meets them:
 * password → TOTP → patient (and encounter) picker when the app asked for one → consent → code.
 * GET shows whichever step is due; each form posts to its own step.
 */
export function interactionRoutes(services: SmartServices): Router {
  const router = express.Router({ mergeParams: true });
  const base = `${OAUTH_PATH}/interaction/:tid`;
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const common = [pageHeaders, requireSession(services), loadInteraction(services)];
  const posted = [...common, form, checkCsrf];

  router.get(base, ...common, wrap(nextStep(services)));
  router.post(`${base}/login`, ...posted, passwordStep(services));
  router.post(`${base}/mfa`, ...posted, wrap(totpStep(services)));
  router.post(`${base}/patient`, ...posted, requireSignedIn(services), wrap(choosePatient(services)));
  router.post(`${base}/encounter`, ...posted, requireSignedIn(services), wrap(chooseEncounter(services)));
  router.post(
    `${base}/consent`,
    ...posted,
    requireSignedIn(services),
    wrap(contextChosen(services)),
    prepareDecision(services),
    wrap(reportDenied(services)),
    services.oauth.decision({ loadTransaction: false }, parseConsent(services) as never) as unknown as RequestHandler,
  );
  router.use(`${OAUTH_PATH}/interaction`, decisionErrors(services));
  return router;
}

/** GET: the step that is due now. */
function nextStep(services: SmartServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const { session, txn } = locals(res);
    if (session.record.stage === 'anonymous') return renderLogin(services, res);
    if (session.record.stage === 'password') return renderMfa(services, res);
    const user = await services.users.findById(session.record.userId!);
    if (!user || user.disabled) {
      await services.sessions.end(res, session);
      sendPage(res, 403, messagePage('Signed out', 'This account cannot sign in. Contact your administrator.'));
      return;
    }
    if (needsPatient(txn) && !(await pickSelf(services, res, user.fhirUser))) return renderPatientPicker(services, req, res);
    if (needsEncounter(txn)) return renderEncounterPicker(services, res);
    return renderConsent(services, res);
  };
}

/** Consent needs the launch context the app asked for to have been chosen. */
function contextChosen(services: SmartServices) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { txn } = locals(res);
    if (needsPatient(txn) || needsEncounter(txn)) return nextStep(services)(req, res);
    next();
  };
}

/** Errors during the decision go back to the app (access_denied, server_error) through oauth2orize. */
function decisionErrors(services: SmartServices) {
  const redirectError = redirectAuthorizationError(services);
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if ((req as Request & { oauth2?: { redirectURI?: string } }).oauth2?.redirectURI) redirectError(err, req, res, next);
    else next(err);
  };
}

function wrap(handler: (req: Request, res: Response, next: NextFunction) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

