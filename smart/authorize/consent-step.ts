import type { NextFunction, Request, Response } from 'express';
import type { Patient } from 'fhir/r4';
import { systemContext } from '../../resources/access/access-context';
import { AccessDenied } from '../errors/oauth-errors';
import { consentPage } from '../pages/consent-page';
import { activeRoleNames } from '../roles/role-assignment';
import { coveredByAny } from '../scopes/scope-coverage';
import { hasScope, parseScope, parseScopes, resourceScopes, type Scope } from '../scopes/scope';
import { report, type SmartServices } from '../smart-services';
import type { StoredGrant } from '../tokens/grant';
import type { UserRecord } from '../users/user-record';
import { exists } from './context-pickers';
import { interactionUrl, locals, sendPage } from './interaction-context';

/** What the user decided on the consent page, handed by oauth2orize to the code grant's issue callback. */
export interface ConsentDecision {
  allow: boolean;
  grant?: StoredGrant;
}

export async function renderConsent(services: SmartServices, res: Response, error?: string): Promise<void> {
  const { session, txn } = locals(res);
  sendPage(
    res,
    error ? 400 : 200,
    consentPage({
      action: interactionUrl(services, txn.transactionID, 'consent'),
      csrf: session.record.csrf,
      appName: txn.client.name,
      clientId: txn.client._id,
      patientLabel: txn.record.patient === undefined ? undefined : await patientLabel(services, res, txn.record.patient),
      scopes: txn.req.requestedScopes ?? [],
      error,
    }),
  );
}

/**
 * oauth2orize's decision `parse`: the grant is exactly the ticked scopes that the request covered (a granular
 * sub-scope counts as covered by its broad scope), with the launch context and the user's identity. A user
 * with no role active now gets no resource access (roles are checked at issuance and on every request).
 */
export function parseConsent(services: SmartServices) {
  return (req: Request, done: (err: Error | null, decision?: ConsentDecision) => void): void => {
    const res = req.res!;
    (async (): Promise<ConsentDecision> => {
      const { session, txn } = locals(res);
      const body = req.body as Record<string, unknown>;
      if (body.cancel !== undefined) return { allow: false };
      const requested = parseScopes(txn.req.requestedScopes ?? []);
      const ticked = [body.scope ?? []].flat().filter((s): s is string => typeof s === 'string');
      const approved = narrowest(ticked.map(parseScope).filter((s): s is Scope => s !== undefined && coveredByAny(requested, s)));
      if (approved.length === 0) return { allow: false };
      const user = (await services.users.findById(session.record.userId!))!;
      const now = Math.floor(services.clock() / 1000);
      if (resourceScopes(approved).length > 0 && activeRoleNames(user.roles, now).length === 0) {
        throw new AccessDenied('You have no role that is active now, so no access can be granted');
      }
      return { allow: true, grant: await grantOf(services, res, user, approved) };
    })().then(
      (decision) => done(null, decision),
      (e: unknown) => done(e as Error),
    );
  };
}

async function grantOf(services: SmartServices, res: Response, user: UserRecord, approved: Scope[]): Promise<StoredGrant> {
  const { session, txn } = locals(res);
  const grant: StoredGrant = {
    clientId: txn.client._id,
    userId: user._id,
    scopes: approved.map((s) => s.text).join(' '),
    authTime: session.record.authTime,
    // SMART §Launch context: in an EHR launch the EHR shows the patient; standalone, the app should.
    needPatientBanner: txn.req.launchId === undefined,
  };
  const contextual = hasScope(approved, 'launch') || hasScope(approved, 'launch/patient');
  if (contextual && txn.record.patient !== undefined) grant.patient = txn.record.patient;
  if ((hasScope(approved, 'launch') || hasScope(approved, 'launch/encounter')) && txn.record.encounter !== undefined) grant.encounter = txn.record.encounter;
  if (typeof txn.req.nonce === 'string') grant.nonce = txn.req.nonce.slice(0, 256);
  // SMART §fhirUser: only a resource that exists (checked through the Repository) is named.
  if ((hasScope(approved, 'fhirUser') || hasScope(approved, 'profile')) && user.fhirUser) {
    const [type, id] = user.fhirUser.split('/');
    if (await exists(services, res, type, id)) grant.fhirUser = user.fhirUser;
  }
  return grant;
}

/** A ticked sub-scope adds nothing when its broad scope is ticked too. */
function narrowest(scopes: Scope[]): Scope[] {
  const unique = [...new Map(scopes.map((s) => [s.text, s])).values()];
  return unique.filter((s) => !unique.some((other) => other !== s && other.text !== s.text && coveredByAny([other], s)));
}

/** Issues the code once the user allowed (oauth2orize grant.code `issue`). */
export function issueCode(services: SmartServices) {
  return (
    _client: unknown,
    redirectURI: string,
    _user: unknown,
    ares: ConsentDecision,
    areq: { codeChallenge?: unknown },
    _locals: unknown,
    done: (err: Error | null, code?: string) => void,
  ): void => {
    services.codes.create(ares.grant!, redirectURI, areq.codeChallenge as string).then(
      (code) => done(null, code),
      (e: unknown) => done(e as Error),
    );
  };
}

/** oauth2orize's decision middleware wants the transaction on req.oauth2 and the user on req.user. */
export function prepareDecision(services: SmartServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { txn, session } = locals(res);
    (req as Request & { oauth2?: unknown }).oauth2 = { ...txn };
    services.users.findById(session.record.userId!).then((user) => {
      req.user = user;
      next();
    }, next);
  };
}

/** After the decision: what the user did is recorded (a refusal is worth auditing too). */
export function reportDenied(services: SmartServices) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if ((req.body as Record<string, unknown>).cancel !== undefined) {
      const { txn } = locals(res);
      const user = req.user as UserRecord | undefined;
      await report(services, req, res, { kind: 'token-issued', outcome: 'failure', user: user?.username, clientId: txn.client._id, reason: 'the user denied access' });
    }
    next();
  };
}

async function patientLabel(services: SmartServices, res: Response, id: string): Promise<string> {
  try {
    const version = await services.repository.read(systemContext('consent-page', res.locals.requestId as string), 'Patient', id);
    const name = (version.resource as Patient).name?.[0];
    const text = name ? [(name.given ?? []).join(' '), name.family].filter(Boolean).join(' ') : '';
    return `${text || 'Patient'} (Patient/${id})`;
  } catch {
    return `Patient/${id}`;
  }
}
