import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config';
import { startServer, type RunningServer } from '../../server/start';
import { SystemClientToken } from './auth-backend';
import { parsedOrUndefined } from './json-body';

export interface TestServer {
  server: RunningServer;
  /** FHIR base URL, e.g. http://127.0.0.1:40123/fhir */
  base: string;
  dataDir: string;
  /** HTTP to the FHIR API, authorized as a fully trusted system client unless headers say otherwise. */
  fhir(pathAndQuery: string, init?: FhirInit): Promise<FhirResponse>;
  /** The trusted system client behind fhir(): a `system/*.cruds` token got through client_credentials + private_key_jwt. */
  systemClient: SystemClientToken;
  /** Creates or replaces each resource by PUT (keeping its id); throws on the first that fails. */
  putAll(resources: readonly { resourceType: string; id?: string }[], options?: { concurrency?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface FhirInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this exact text as the body (for malformed-input tests). */
  rawBody?: string;
  /** Send no Authorization header at all (an `authorization` entry in `headers` also replaces the default token). */
  anonymous?: boolean;
}

export interface FhirResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, when there is one. */
  json: any;
}

/** A real server on a free loopback port with a fresh embedded store in a temp dir. */
export async function startTestServer(overrides: Partial<Config> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-test-'));
  const config = loadConfig({ LOG_LEVEL: 'error' }, { port: 0, host: '127.0.0.1', dataDir: dir, durability: 'commit', ...overrides });
  const server = await startServer(config);
  const base = server.fhirBase;
  // Every request is authorized unless a test says otherwise: a backend client registered the way the CLI
  // does it, whose token comes from the real token endpoint (client_credentials + private_key_jwt).
  const systemClient = await SystemClientToken.register(server.app.store, base, `${server.url}/oauth2/token`, `${server.app.config.baseUrl}/oauth2/token`);
  return testServerOver(server, dir, systemClient, async () => {
    await server.close();
    if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** The TestServer helpers over a running server whose requests `systemClient` authorizes. */
export function testServerOver(server: RunningServer, dataDir: string, systemClient: SystemClientToken, stop: () => Promise<void>): TestServer {
  const base = server.fhirBase;
  const fhir: TestServer['fhir'] = async (pathAndQuery, init = {}) => {
    const own = init.anonymous || Object.keys(init.headers ?? {}).some((h) => h.toLowerCase() === 'authorization');
    const headers = own ? init.headers : { authorization: `Bearer ${await systemClient.token()}`, ...init.headers };
    return request(`${base}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`, { ...init, headers });
  };
  return {
    server,
    base,
    dataDir,
    systemClient,
    fhir,
    putAll: async (resources, { concurrency = 1 } = {}) => {
      const queue = [...resources];
      const worker = async () => {
        for (let r = queue.shift(); r; r = queue.shift()) {
          const res = await fhir(`/${r.resourceType}/${r.id}`, { method: 'PUT', body: r });
          if (res.status >= 300) throw new Error(`PUT ${r.resourceType}/${r.id}: ${res.status} ${res.text.slice(0, 300)}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    },
    stop,
  };
}

export async function request(url: string, init: FhirInit = {}): Promise<FhirResponse> {
  const headers: Record<string, string> = { accept: 'application/fhir+json', ...init.headers };
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/fhir+json';
  const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  const json = parsedOrUndefined(text);
  return { status: response.status, headers: response.headers, text, json };
}
