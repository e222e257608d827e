import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { procStatField } from '../../../resources/platform/proc-stat';
import { startChildServer } from '../child-server';
import { registeredClientToken } from '../registered-client';
import { onCleanup } from '../cleanup';
import { freePort } from '../../support/free-port';
import { fhirServerEntry } from '../servers';

const HOST = '127.0.0.1';
const SCOPE = 'system/*.cruds';

export interface IngestServer {
  fhirBase: string;
  pid: number;
  /** A `system/*.cruds` access token (backend services lifetime: 5 minutes, longer than any run). */
  token: string;
  stop(): Promise<void>;
}

/**
 * The FHIR server the ingest scenario writes to: a child process on a fresh DATA_DIR, as servers.ts starts one,
 * plus what writing needs since every FHIR request is authorized: dynamic client registration is switched on with
 * a one-off administrator credential, a backend client with a fresh key is registered through it, and its token
 * is fetched through the real client_credentials + private_key_jwt exchange.
 */
export async function startIngestServer(): Promise<IngestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-bench-ingest-'));
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const forget = onCleanup(`remove ${dataDir}`, removeDataDir);
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  const adminToken = randomBytes(32).toString('base64url');
  const server = await startChildServer({
    name: 'fhir-ingest',
    entry: fhirServerEntry(),
    url,
    readyPath: '/readyz',
    env: { ...process.env, PORT: String(port), HOST, BASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SMART_ADMIN_TOKEN: adminToken },
  }).catch((error: unknown) => {
    removeDataDir();
    forget();
    throw error;
  });
  const stop = async () => {
    await server.stop();
    removeDataDir();
    forget();
  };
  try {
    return { fhirBase: `${url}/fhir`, pid: server.pid, token: await registeredClientToken(url, adminToken, 'bench ingest', SCOPE), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resident and peak resident set of a process in MB (Linux /proc); the store's mapped pages count as they are touched. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(name)) ?? '')?.[1] ?? NaN) / 1024;
    return { rssMb: field('VmRSS:'), peakMb: field('VmHWM:') };
  } catch {
    return undefined;
  }
}

/**
 * The server's memory and its audit chainer's (a child process), each as "RSS x MB, peak y MB". Not summed: both
 * map the same store, and its pages count in each process that touches them.
 */
export function describeServerMemory(pid: number): string {
  const server = memoryOf(pid);
  if (!server) return 'unknown (no /proc)';
  const figures = (m: { rssMb: number; peakMb: number }) => `RSS ${m.rssMb.toFixed(0)} MB, peak ${m.peakMb.toFixed(0)} MB`;
  const chainer = childrenOf(pid).map(memoryOf).find((m) => m !== undefined);
  return `${figures(server)}${chainer ? `; its audit chainer process ${figures(chainer)}` : ''}`;
}

/** proc(5) field `ppid`. */
const PARENT_PID = 4;

function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((entry) => Number(procStatField(entry, PARENT_PID)) === pid);
}
