import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { startChildServer } from '../child-server';
import { registeredClientToken } from '../registered-client';
import { FHIR_JSON, isResourceOfType } from '../fhir-http';
import { freePort } from '../../support/free-port';
import { measure } from '../load';
import type { ScenarioOutcome, ScenarioSettings } from '../scenario';
import { datasetOptions, ensureSearchDataset, type SearchDataset } from '../search-dataset';
import { fhirServerEntry } from '../servers';
import { describeServerMemory } from './ingest-server';

const HOST = '127.0.0.1';
/** Read and search everything, as a backend service would (SMART v2 scopes). */
const SCOPE = 'system/*.rs';

export interface SearchServer {
  fhirBase: string;
  /** Bearer token of a `system/*.rs` backend client. */
  token: string;
  dataset: SearchDataset;
}

/**
 * The search scenarios' shared set-up: the cached data set (search-dataset.ts; built on first use), and the FHIR
 * server started on it as a child process, as servers.ts starts one on an empty directory, with a backend client
 * registered and its token fetched through the real flow (every FHIR request is authorized). Searches only read,
 * so the cached store is served in place (copying ~10 GB per run would cost more than it protects): what the
 * server writes meanwhile (AuditEvents of the searches, the registered client) lands in collections of their own
 * and leaves the searched ones as they were. After the measurement the server's resident and peak memory are
 * reported.
 */
export async function onSearchServer(scenario: string, run: (server: SearchServer) => Promise<ScenarioOutcome>): Promise<ScenarioOutcome> {
  const dataset = await ensureSearchDataset(datasetOptions());
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  const adminToken = randomBytes(32).toString('base64url');
  const server = await startChildServer({
    name: 'fhir-search',
    entry: fhirServerEntry(),
    url,
    readyPath: '/readyz',
    readyTimeoutMs: 300_000,
    env: { ...process.env, PORT: String(port), HOST, BASE_URL: url, DATA_DIR: dataset.dataDir, LOG_LEVEL: 'warn', SMART_ADMIN_TOKEN: adminToken },
  });
  try {
    const outcome = await run({ fhirBase: `${url}/fhir`, token: await registeredClientToken(url, adminToken, 'bench search', SCOPE), dataset });
    process.stderr.write(`  ${scenario}: ${describeDataset(dataset)}; server memory ${describeServerMemory(server.pid)}\n`);
    return outcome;
  } finally {
    await server.stop();
  }
}

/**
 * Measures GETs of `paths` (relative to the FHIR base), taken in turn, each answered with a Bundle. Each path is
 * sent once first, unmeasured: a server that has been up a while has its store's pages in the OS cache, one just
 * started on a data set larger than what the warm-up touches has not, and the targets are about the former. The
 * first pass's median is reported too, as the cold figure.
 */
export async function measureSearches(server: SearchServer, paths: readonly string[], connections: number, settings: ScenarioSettings): Promise<autocannon.Result> {
  const headers = { accept: FHIR_JSON, authorization: `Bearer ${server.token}` };
  process.stderr.write(`  first pass over ${paths.length} distinct searches (cold): p50 ${(await firstPass(server, paths, headers)).toFixed(1)} ms\n`);
  const prefix = new URL(server.fhirBase).pathname;
  let next = 0;
  const request: autocannon.Request = {
    method: 'GET',
    setupRequest: ((req: autocannon.Request) => ({ ...req, path: `${prefix}${paths[next++ % paths.length]}` })) as unknown as autocannon.Request['setupRequest'],
  };
  return measure({ url: server.fhirBase, connections, headers, requests: [request], verifyBody: isResourceOfType('Bundle') }, settings);
}

/** Sends every path once and returns the median latency in ms; any answer but 200 fails the scenario. */
async function firstPass(server: SearchServer, paths: readonly string[], headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${server.fhirBase}${path}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function describeDataset(dataset: SearchDataset): string {
  const gb = (dataset.storeBytes / 1e9).toFixed(1);
  return `data set ${dataset.patients} patients, ${dataset.resources} resources, store ${gb} GB (loaded in ${dataset.loadSeconds} s)`;
}
