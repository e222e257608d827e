import path from 'node:path';

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
  /** Search and history page sizes (FHIR `_count`): default, and the most a client may ask for. */
  defaultPageSize: number;
  maxPageSize: number;
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
    defaultPageSize: integer(env, 'DEFAULT_PAGE_SIZE', 20, 1, 10_000),
    maxPageSize: integer(env, 'MAX_PAGE_SIZE', 1000, 1, 100_000),
    ...overrides,
  };
  if (overrides.baseUrl) config.baseUrl = stripTrailingSlash(overrides.baseUrl);
  if (config.defaultPageSize > config.maxPageSize) {
    throw new Error(`DEFAULT_PAGE_SIZE (${config.defaultPageSize}) exceeds MAX_PAGE_SIZE (${config.maxPageSize})`);
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
