import type { NextFunction, Request, Response } from 'express';
import { OAUTH_PATH } from '../discovery/endpoints';
import { isOAuthError } from '../errors/oauth-errors';
import type { Session } from '../login/sessions';
import { messagePage } from '../pages/message-page';
import type { SmartServices } from '../smart-services';
import { constantTimeEqual } from '../store/secrets';
import type { OAuthTransaction } from './interactions';

/** What every interaction step has once the middlewares below ran. */
export interface InteractionLocals {
  session: Session;
  txn: OAuthTransaction;
}

export function locals(res: Response): InteractionLocals {
  return res.locals as unknown as InteractionLocals;
}

export function interactionUrl(services: SmartServices, tid: string, step = ''): string {
  return `${services.endpoints.issuer}${OAUTH_PATH}/interaction/${tid}${step ? `/${step}` : ''}`;
}

export function sendPage(res: Response, status: number, page: string): void {
  res.status(status).type('html').send(page);
}

/** The sign-in session must still be alive (idle timeout, absolute lifetime). */
export function requireSession(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    services.sessions.current(req).then((session) => {
      if (!session) {
        sendPage(res, 401, messagePage('Session expired', 'Your sign-in session has ended (it times out after a period without activity). Return to the app and start again.'));
        return;
      }
      res.locals.session = session;
      next();
    }, next);
  };
}

/** The authorization request in progress, which must belong to this browser session. */
export function loadInteraction(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    services.interactions.transaction(req).then(
      (txn) => {
        res.locals.txn = txn;
        next();
      },
      (e: unknown) => {
        if (!isOAuthError(e)) return next(e);
        sendPage(res, 400, messagePage('This sign-in request cannot continue', e.message));
      },
    );
  };
}

/** Every form carries the session's CSRF token (beside SameSite=Lax; ASVS 4.2.2). */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  const sent = (req.body as Record<string, unknown> | undefined)?.csrf;
  if (typeof sent !== 'string' || !constantTimeEqual(sent, locals(res).session.record.csrf)) {
    sendPage(res, 403, messagePage('Form expired', 'This form is out of date. Go back, reload the page and try again.'));
    return;
  }
  next();
}

/** Steps after sign-in need a fully signed-in session (password and TOTP). */
export function requireSignedIn(services: SmartServices) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const { session, txn } = locals(res);
    if (session.record.stage !== 'authenticated') {
      res.redirect(303, interactionUrl(services, txn.transactionID));
      return;
    }
    next();
  };
}

export function wants(txn: OAuthTransaction, scope: string): boolean {
  return txn.req.requestedScopes?.includes(scope) ?? false;
}

export function needsPatient(txn: OAuthTransaction): boolean {
  return wants(txn, 'launch/patient') && txn.record.patient === undefined;
}

export function needsEncounter(txn: OAuthTransaction): boolean {
  return wants(txn, 'launch/encounter') && txn.record.patient !== undefined && txn.record.encounter === undefined && !txn.record.encounterSkipped;
}
