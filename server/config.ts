import path from 'node:path';
import { SECURITY_DEFAULTS } from '../smart/security-defaults';

/**
 * Everything the server can be told, read once from the environment. Each default is documented in the
 * README's configuration table; keep the two in step.
 */
export interface Config {
  /** TCP port to listen on; 0 picks a free port (tests). */
  port: number;
  /** Address to listen on. Loopback by default so a fresh `npm start` is not exposed to the network. */
  host: string;
  /** Public root URL of this server, used in every absolute link; the FHIR base is `${baseUrl}/fhir`. */
  baseUrl: string;
  /** Directory of the embedded store. */
  dataDir: string;
  /** When set, MongoDB is the store instead of the embedded one. */
  mongodbUri?: string;
  mongodbDatabase: string;
  logLevel: string;
  /** Largest request body accepted, in bytes; larger bodies get 413. */
  bodyLimitBytes: number;
  /**
   * When a write is acknowledged: `flush` waits for the OS to report the commit is on stable storage
   * (survives power loss); `commit` acknowledges once committed (survives a process crash, not power loss).
   */
  durability: 'flush' | 'commit';
  /** Longest wait for in-flight requests after SIGTERM before the process exits anyway. */
  shutdownTimeoutMs: number;
  /**
   * Most entries one batch or transaction Bundle may hold; more is refused with 413. A transaction keeps all its
   * writes in memory until it commits, and 10,000 entries of typical clinical resources (1-2 KB each) is about
   * what the default 16 MB body limit lets through anyway: the limit says so with a clear message.
   */
  bundleMaxEntries: number;
  /** Search and history page sizes (FHIR `_count`): default, and the most a client may ask for. */
  defaultPageSize: number;
  maxPageSize: number;
  /** AuditEvents are kept at least this many days (HIPAA §164.316(b)(2) asks six years); older ones are purged. */
  auditRetentionDays: number;
  /**
   * How many seconds the hash chain may fall behind the events recorded before new ones are held back (see
   * resources/audit/chain-pacer.ts): it bounds the chainer's lag, and how long a read of AuditEvents may wait for it.
   */
  auditChainMaxLagSeconds: number;
  /**
   * Turns the audit trail off. Exists only so the benchmark can measure what auditing costs; a deployment that
   * sets it keeps no record of who touched what.
   */
  auditDisabledForBenchmark: boolean;
  // --- SMART authorization server (smart/); defaults and their reasons in smart/security-defaults.ts ---
  /** Login sessions end after this many seconds without activity (shared clinical workstations). */
  sessionIdleTimeoutSeconds: number;
  /** Login sessions end this many seconds after sign-in, however active. */
  sessionMaxLifetimeSeconds: number;
  /** Lifetime of access tokens issued to apps acting for a user (backend services get at most 300 s). */
  accessTokenLifetimeSeconds: number;
  /** Absolute lifetime of an `offline_access` refresh token family (rotation does not extend it). */
  refreshTokenLifetimeSeconds: number;
  /** Failed sign-ins for one username before sign-in pauses for it. */
  loginMaxFailures: number;
  /** The longest a sign-in pause lasts; sign-in always reopens after it (no permanent lockout). */
  loginLockoutMaxSeconds: number;
  /** Bearer credential for RFC 7591 dynamic client registration (POST /oauth2/register); off when unset. */
  adminToken?: string;
}

export const FHIR_PATH = '/fhir';

export function fhirBaseUrl(config: Pick<Config, 'baseUrl'>): string {
  return `${config.baseUrl}${FHIR_PATH}`;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? integer(env, 'PORT', 8080, 0, 65535);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const config: Config = {
    port,
    host,
    baseUrl: stripTrailingSlash(env.BASE_URL ?? `http://localhost:${port}`),
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    mongodbUri: nonEmpty(env.MONGODB_URI),
    mongodbDatabase: env.MONGODB_DATABASE ?? 'fhir',
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: byteSize(env, 'BODY_LIMIT', 16 * 1024 * 1024),
    durability: oneOf(env, 'DURABILITY', ['flush', 'commit'] as const, 'flush'),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 3_600_000),
    bundleMaxEntries: integer(env, 'BUNDLE_MAX_ENTRIES', 10_000, 1, 1_000_000),
    defaultPageSize: integer(env, 'DEFAULT_PAGE_SIZE', 20, 1, 10_000),
    maxPageSize: integer(env, 'MAX_PAGE_SIZE', 1000, 1, 100_000),
    auditRetentionDays: integer(env, 'AUDIT_RETENTION_DAYS', 2190, 1, 36_500),
    auditChainMaxLagSeconds: integer(env, 'AUDIT_CHAIN_MAX_LAG', 30, 1, 86_400),
    auditDisabledForBenchmark: env.AUDIT_DISABLED_FOR_BENCHMARK === 'true',
    sessionIdleTimeoutSeconds: integer(env, 'SESSION_IDLE_TIMEOUT', SECURITY_DEFAULTS.sessionIdleSeconds, 1, 24 * 3600),
    sessionMaxLifetimeSeconds: integer(env, 'SESSION_MAX_LIFETIME', SECURITY_DEFAULTS.sessionMaxSeconds, 1, 7 * 24 * 3600),
    accessTokenLifetimeSeconds: integer(env, 'ACCESS_TOKEN_LIFETIME', SECURITY_DEFAULTS.accessTokenSeconds, 1, 24 * 3600),
    refreshTokenLifetimeSeconds: integer(env, 'REFRESH_TOKEN_LIFETIME', SECURITY_DEFAULTS.offlineRefreshSeconds, 1, 365 * 24 * 3600),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', SECURITY_DEFAULTS.loginMaxFailures, 1, 1000),
    loginLockoutMaxSeconds: integer(env, 'LOGIN_LOCKOUT_MAX', SECURITY_DEFAULTS.loginLockoutMaxSeconds, 1, 24 * 3600),
    adminToken: nonEmpty(env.SMART_ADMIN_TOKEN),
    ...overrides,
  };
  if (overrides.baseUrl) config.baseUrl = stripTrailingSlash(overrides.baseUrl);
  if (config.defaultPageSize > config.maxPageSize) {
    throw new Error(`DEFAULT_PAGE_SIZE (${config.defaultPageSize}) exceeds MAX_PAGE_SIZE (${config.maxPageSize})`);
  }
  if (config.adminToken !== undefined && config.adminToken.length < SECURITY_DEFAULTS.adminTokenMinLength) {
    throw new Error(`SMART_ADMIN_TOKEN must be at least ${SECURITY_DEFAULTS.adminTokenMinLength} characters`);
  }
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
  }
  return raw as T;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Accepts a byte count (`1048576`) or a size with a unit (`512kb`, `16mb`). */
function byteSize(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(raw);
  if (!match) throw new Error(`${name} must be a size such as 1048576, 512kb or 16mb, got '${raw}'`);
  return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()];
}
