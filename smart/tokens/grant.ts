import type { ClientRecord } from '../clients/client-record';
import type { Scope } from '../scopes/scope';
import type { UserRecord } from '../users/user-record';

/** What an authorization amounts to, whichever grant produced it: the basis of every token issued for it. */
export interface Grant {
  client: ClientRecord;
  /** Absent for backend services (client_credentials). */
  user?: UserRecord;
  scopes: Scope[];
  /** Launch context: ids of the patient and encounter in context. */
  patient?: string;
  encounter?: string;
  /** The user's FHIR identity, relative (`Practitioner/123`), when `fhirUser` was granted and the resource exists. */
  fhirUser?: string;
  /** When the user signed in (seconds since the epoch). */
  authTime?: number;
  /** OpenID Connect nonce from the authorization request, echoed in the id_token. */
  nonce?: string;
  /** SMART §Launch context: whether the app should show a patient banner (the EHR shows none in standalone use). */
  needPatientBanner: boolean;
}

/** The stored form of a grant (codes and refresh families keep it between requests): ids and scope text. */
export type StoredGrant = Omit<Grant, 'client' | 'user' | 'scopes'> & {
  clientId: string;
  userId?: string;
  scopes: string;
};

export function storedGrant(grant: Grant): StoredGrant {
  const stored: StoredGrant = { clientId: grant.client._id, scopes: grant.scopes.map((s) => s.text).join(' '), needPatientBanner: grant.needPatientBanner };
  if (grant.user) stored.userId = grant.user._id;
  for (const key of ['patient', 'encounter', 'fhirUser', 'authTime', 'nonce'] as const) {
    if (grant[key] !== undefined) (stored as unknown as Record<string, unknown>)[key] = grant[key];
  }
  return stored;
}

/** A stored grant made whole again, optionally with a narrower set of scopes (a refresh with `scope`). */
export function grantFrom(stored: StoredGrant, client: ClientRecord, user: UserRecord | undefined, scopes: Scope[]): Grant {
  const grant: Grant = { client, scopes, needPatientBanner: stored.needPatientBanner };
  if (user) grant.user = user;
  if (stored.patient !== undefined) grant.patient = stored.patient;
  if (stored.encounter !== undefined) grant.encounter = stored.encounter;
  if (stored.fhirUser !== undefined) grant.fhirUser = stored.fhirUser;
  if (stored.authTime !== undefined) grant.authTime = stored.authTime;
  if (stored.nonce !== undefined) grant.nonce = stored.nonce;
  return grant;
}
