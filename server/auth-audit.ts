import type { Coding } from 'fhir/r4';
import { systemContext, type AccessContext } from '../resources/access/access-context';
import type { AuditRecord } from '../resources/audit/audit-record';
import type { AuditTrail } from '../resources/audit/audit-trail';
import type { StoreSession } from '../resources/storage/port';
import type { AuthEvent, AuthEventKind, AuthEventSink } from '../smart/auth-event';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const USER_AUTHENTICATION: Coding = { system: DCM, code: '110114', display: 'User Authentication' };
const SECURITY_ALERT: Coding = { system: DCM, code: '110113', display: 'Security Alert' };
const SECURITY_ATTRIBUTES_CHANGED: Coding = { system: DCM, code: '110137', display: 'User Security Attributes Changed' };
/** Kinds without a DICOM subtype are named by this server's own code system. */
const AUTH_EVENT_SYSTEM = 'urn:fhir-r4-server:CodeSystem/auth-event';

const TYPE: Record<AuthEventKind, Coding> = {
  login: USER_AUTHENTICATION,
  'login-failed': USER_AUTHENTICATION,
  'mfa-failed': USER_AUTHENTICATION,
  logout: USER_AUTHENTICATION,
  'token-issued': USER_AUTHENTICATION,
  'token-refreshed': USER_AUTHENTICATION,
  'token-revoked': USER_AUTHENTICATION,
  'refresh-reuse-detected': SECURITY_ALERT,
  'client-registered': SECURITY_ATTRIBUTES_CHANGED,
  'client-removed': SECURITY_ATTRIBUTES_CHANGED,
  'user-added': SECURITY_ATTRIBUTES_CHANGED,
  'user-disabled': SECURITY_ATTRIBUTES_CHANGED,
};

/** DICOM's Login and Logout subtypes where they fit (DICOM PS3.15 A.5.3.2); the kind itself otherwise. */
function subtypeOf(kind: AuthEventKind): Coding {
  if (kind === 'login' || kind === 'login-failed' || kind === 'mfa-failed') return { system: DCM, code: '110122', display: 'Login' };
  if (kind === 'logout') return { system: DCM, code: '110123', display: 'Logout' };
  return { system: AUTH_EVENT_SYSTEM, code: kind };
}

/**
 * Sign-ins, second-factor failures, token issuance, refresh and revocation, client registration and user
 * administration become AuditEvents like every interaction on data: same trail, same chain. A token issued with a
 * patient in context names that patient, so the patient's access report shows which app was given their record.
 */
export function authAuditRecord(event: AuthEvent, issuer: string): AuditRecord {
  const ctx: AccessContext = {
    ...systemContext('authorization server', event.requestId ?? 'none'),
    actor: {
      kind: event.user || event.fhirUser ? 'user' : event.clientId ? 'client' : 'system',
      fhirUser: event.fhirUser,
      issuer,
      subject: event.user,
      clientId: event.clientId,
      tokenId: event.tokenId,
    },
    request: { requestId: event.requestId ?? 'none', address: event.address },
  };
  const record: AuditRecord = {
    ctx,
    interaction: event.kind,
    action: 'E',
    outcome: event.outcome === 'success' ? '0' : event.kind === 'refresh-reuse-detected' ? '8' : '4',
    recorded: new Date(event.at).toISOString(),
    eventType: TYPE[event.kind],
    eventSubtype: subtypeOf(event.kind),
  };
  const description = [event.reason, event.scopes ? `scopes: ${event.scopes}` : undefined].filter(Boolean).join('; ');
  if (description) record.outcomeDescription = description;
  if (event.patient) record.patient = event.patient;
  return record;
}

export function authAuditSink(trail: AuditTrail | undefined, store: StoreSession, issuer: string): AuthEventSink {
  return async (event) => {
    await trail?.write(store, [authAuditRecord(event, issuer)]);
  };
}
