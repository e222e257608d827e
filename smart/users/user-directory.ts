import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type DocumentStore } from '../../resources/storage/port';
import { isRole } from '../roles/role-catalogue';
import type { RoleAssignment } from '../roles/role-assignment';
import { AUTH } from '../store/auth-collections';
import { hashSecret, secretMatchesHash } from '../store/secrets';
import { acceptTotp, newTotpSecret } from './totp';
import { FHIR_USER_TYPES, usernameKey, type UserRecord } from './user-record';

export interface NewUser {
  username: string;
  password: string;
  roles: RoleAssignment[];
  fhirUser?: string;
}

/** ASVS 2.1.1 / NIST SP 800-63B §5.1.1: at least 12 characters; long passphrases welcome. */
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1024;

/** Users in the store: enrolment (password + TOTP), lookup, password and TOTP checks, disabling. */
export class UserDirectory {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: () => number = Date.now,
  ) {}

  private get users() {
    return this.store.collection<UserRecord>(AUTH.users);
  }

  findById(id: string): Promise<UserRecord | undefined> {
    return this.users.findById(id);
  }

  findByUsername(username: string): Promise<UserRecord | undefined> {
    return this.users.findOne({ usernameKey: usernameKey(username) });
  }

  list(): Promise<UserRecord[]> {
    return this.users.find({}, { sort: [['usernameKey', 1]] });
  }

  async add(input: NewUser): Promise<UserRecord> {
    const username = input.username.normalize('NFC').trim();
    if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(username)) throw new Error('a username is 1-64 letters, digits, . _ @ or -');
    if (input.password.length < MIN_PASSWORD) throw new Error(`a password needs at least ${MIN_PASSWORD} characters`);
    if (input.password.length > MAX_PASSWORD) throw new Error(`a password has at most ${MAX_PASSWORD} characters`);
    for (const r of input.roles) if (!isRole(r.role)) throw new Error(`unknown role '${r.role}'`);
    if (input.fhirUser !== undefined) checkFhirUser(input.fhirUser);
    const user: UserRecord = {
      _id: randomUUID(),
      username,
      usernameKey: usernameKey(username),
      passwordHash: await hashSecret(input.password),
      totpSecret: newTotpSecret(),
      roles: input.roles,
      createdAt: this.clock(),
    };
    if (input.fhirUser !== undefined) user.fhirUser = input.fhirUser;
    try {
      await this.users.insertOne(user);
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw new Error(`a user named '${username}' already exists`);
      throw e;
    }
    return user;
  }

  /** Disables a user; returns the user, or undefined when there is no such user. */
  async disable(username: string): Promise<UserRecord | undefined> {
    const user = await this.findByUsername(username);
    if (!user) return undefined;
    const disabled = { ...user, disabled: true };
    await this.users.replaceOne({ _id: user._id }, disabled);
    return disabled;
  }

  /**
   * The active user with this username and password, or undefined; takes the same time whether or not the
   * user exists, so the answer does not reveal which usernames exist.
   */
  async verifyPassword(username: string, password: string): Promise<UserRecord | undefined> {
    const user = username.length <= 64 && password.length <= MAX_PASSWORD ? await this.findByUsername(username) : undefined;
    const ok = await secretMatchesHash(user?.passwordHash, password.slice(0, MAX_PASSWORD));
    return ok && user && !user.disabled ? user : undefined;
  }

  /** Accepts a TOTP code once: records its time step atomically, so a replay (even a concurrent one) fails. */
  async acceptTotp(user: UserRecord, code: string): Promise<boolean> {
    const step = acceptTotp(user.totpSecret, code, user.totpLastStep, this.clock());
    if (step === undefined) return false;
    const unchanged = user.totpLastStep === undefined ? { $exists: false } : user.totpLastStep;
    return this.users.replaceOne({ _id: user._id, totpLastStep: unchanged }, { ...user, totpLastStep: step });
  }
}

export function checkFhirUser(reference: string): void {
  const [type, id, more] = reference.split('/');
  if (more !== undefined || !FHIR_USER_TYPES.includes(type) || !/^[A-Za-z0-9\-.]{1,64}$/.test(id ?? '')) {
    throw new Error(`fhirUser must be ${FHIR_USER_TYPES.join(', ')} '/<id>', got '${reference}'`);
  }
}
