import type { StoredDocument } from '../../resources/storage/port';
import type { RoleAssignment } from '../roles/role-assignment';

export interface UserRecord extends StoredDocument {
  /** A random id, the `sub` of this user's tokens (stable even if the username changes). */
  _id: string;
  username: string;
  /** The username folded for lookups (case and Unicode form do not make a second account). */
  usernameKey: string;
  /** argon2id hash of the password. */
  passwordHash: string;
  /**
   * The TOTP shared secret (RFC 6238, base32). It cannot be hashed: the server must compute codes from it.
   */
  totpSecret: string;
  /** The last TOTP time step accepted: a code works once (RFC 6238 §5.2). */
  totpLastStep?: number;
  roles: RoleAssignment[];
  /** `Practitioner/123`, `Patient/456`, `RelatedPerson/...` or `Person/...`. */
  fhirUser?: string;
  disabled?: boolean;
  createdAt: number;
}

export function usernameKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export const FHIR_USER_TYPES = ['Patient', 'Practitioner', 'RelatedPerson', 'Person'];
