import type { NextFunction, Request, Response } from 'express';
import { interactionUrl, locals, sendPage } from '../authorize/interaction-context';
import { loginPage } from '../pages/login-page';
import { mfaPage } from '../pages/mfa-page';
import { report, type SmartServices } from '../smart-services';
import type { UserRecord } from '../users/user-record';
import { SIGN_IN_FAILED } from './password-strategy';
import { userKey } from './throttle';

const MFA_FAILED = 'That code was not accepted. Enter the current code from your authenticator app (each code works once).';

export function renderLogin(services: SmartServices, res: Response, status = 200, error?: string, username?: string): void {
  const { session, txn } = locals(res);
  sendPage(res, status, loginPage({ action: interactionUrl(services, txn.transactionID, 'login'), csrf: session.record.csrf, appName: txn.client.name, error, username }));
}

export function renderMfa(services: SmartServices, res: Response, status = 200, error?: string): void {
  const { session, txn } = locals(res);
  sendPage(res, status, mfaPage({ action: interactionUrl(services, txn.transactionID, 'mfa'), csrf: session.record.csrf, error }));
}

/** POST .../login: the password step; success gives the session a new id (ASVS 3.2.1) and moves on to TOTP. */
export function passwordStep(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const username = String((req.body as Record<string, unknown>).username ?? '');
    services.passport.authenticate('local', { session: false }, (err: unknown, user: UserRecord | false, info: { message?: string } | undefined) => {
      if (err) return next(err);
      (async () => {
        const { session, txn } = locals(res);
        if (!user) {
          await report(services, req, res, { kind: 'login-failed', outcome: 'failure', user: username.slice(0, 64), clientId: txn.client._id, reason: info?.message ?? 'bad credentials' });
          renderLogin(services, res, 401, SIGN_IN_FAILED, username);
          return;
        }
        await services.sessions.rotate(res, session, { stage: 'password', userId: user._id });
        res.redirect(303, interactionUrl(services, txn.transactionID));
      })().catch(next);
    })(req, res, next);
  };
}

/** POST .../mfa: the TOTP step (RFC 6238); a code works once; failures count toward the same pause. */
export function totpStep(services: SmartServices) {
  return async (req: Request, res: Response): Promise<void> => {
    const { session, txn } = locals(res);
    if (session.record.stage !== 'password' || !session.record.userId) {
      res.redirect(303, interactionUrl(services, txn.transactionID));
      return;
    }
    const user = await services.users.findById(session.record.userId);
    const code = String((req.body as Record<string, unknown>).code ?? '').trim();
    const key = user ? userKey(user.username) : '';
    const paused = user ? (await services.throttle.pausedUntil([key])) !== undefined : true;
    if (!user || user.disabled || paused || !(await services.users.acceptTotp(user, code))) {
      if (user && !paused) await services.throttle.fail(key, services.userThrottle);
      await report(services, req, res, { kind: 'mfa-failed', outcome: 'failure', user: user?.username, clientId: txn.client._id, fhirUser: user?.fhirUser, reason: paused ? 'throttled' : 'wrong or reused code' });
      renderMfa(services, res, 401, MFA_FAILED);
      return;
    }
    await services.throttle.reset(key);
    await services.sessions.rotate(res, session, { stage: 'authenticated', authTime: Math.floor(services.clock() / 1000) });
    await report(services, req, res, { kind: 'login', outcome: 'success', user: user.username, clientId: txn.client._id, fhirUser: user.fhirUser });
    res.redirect(303, interactionUrl(services, txn.transactionID));
  };
}
