import type { DocumentStore, IndexSpec } from '../../resources/storage/port';

/**
 * Everything the authorization server keeps lives in the same store as the FHIR data, in collections prefixed
 * `auth_`, so several server processes (and the admin CLI) share users, clients, sessions, grants and keys.
 */
export const AUTH = {
  users: 'auth_users',
  clients: 'auth_clients',
  sessions: 'auth_sessions',
  transactions: 'auth_transactions',
  codes: 'auth_codes',
  refreshTokens: 'auth_refresh_tokens',
  refreshFamilies: 'auth_refresh_families',
  issuedTokens: 'auth_issued_tokens',
  revocations: 'auth_revocations',
  throttle: 'auth_throttle',
  assertionJtis: 'auth_assertion_jtis',
  keys: 'auth_keys',
  launches: 'auth_launches',
} as const;

/**
 * The indexes of the auth collections. The server and the CLI both ensure exactly these (the embedded store
 * keeps its index catalogue per process, so every process must agree on it).
 */
const INDEXES: Record<string, IndexSpec[]> = {
  [AUTH.users]: [{ name: 'username', keys: [['usernameKey', 1]], unique: true }],
  [AUTH.transactions]: [{ name: 'session', keys: [['sessionKey', 1]] }],
  [AUTH.refreshTokens]: [{ name: 'family', keys: [['familyId', 1]] }],
  [AUTH.refreshFamilies]: [
    { name: 'user', keys: [['userId', 1]] },
    { name: 'client', keys: [['clientId', 1]] },
  ],
  [AUTH.issuedTokens]: [
    { name: 'family', keys: [['familyId', 1]] },
    { name: 'user', keys: [['userId', 1]] },
    { name: 'client', keys: [['clientId', 1]] },
    { name: 'code', keys: [['codeId', 1]] },
  ],
};

export async function ensureAuthIndexes(store: DocumentStore): Promise<void> {
  for (const [collection, indexes] of Object.entries(INDEXES)) await store.ensureIndexes(collection, indexes);
}
