import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provisionBackendAccess } from '../../smart/provision';
import { startChildServer, type ChildServer } from './child-server';
import { onCleanup } from './cleanup';
import { freePort } from '../support/free-port';
import type { TargetName } from './scenario';

const HOST = '127.0.0.1';

/** dist/test/bench -> dist/server/main.js; BENCH_SERVER_ENTRY points elsewhere (another build, another server). */
export function fhirServerEntry(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.BENCH_SERVER_ENTRY ?? path.join(__dirname, '..', '..', 'server', 'main.js'));
}

/**
 * The FHIR server under test, on a free port, with an empty data directory of its own and a backend client
 * whose `system/*.cruds` token every request carries (provisioned in the store before the server starts).
 * `audited: false` switches its audit trail off, only to price auditing against the same read.
 */
async function startFhirServer(audited: boolean): Promise<ChildServer> {
  const entry = fhirServerEntry();
  if (!fs.existsSync(entry)) {
    throw new Error(`no FHIR server at ${entry}: run 'npm run build' first, or set BENCH_SERVER_ENTRY`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-bench-'));
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const forget = onCleanup(`remove ${dataDir}`, removeDataDir);
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  try {
    const { accessToken } = await provisionBackendAccess({ dataDir, baseUrl: url, scope: 'system/*.cruds' });
    const server = await startChildServer({
      name: audited ? 'fhir' : 'fhir-unaudited',
      entry,
      url,
      readyPath: '/readyz',
      env: { ...process.env, PORT: String(port), HOST, BASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', AUDIT_DISABLED_FOR_BENCHMARK: String(!audited) },
    });
    return {
      ...server,
      authorization: `Bearer ${accessToken}`,
      url: `${url}/fhir`,
      async stop() {
        await server.stop();
        removeDataDir();
        forget();
      },
    };
  } catch (error) {
    removeDataDir();
    forget();
    throw error;
  }
}

async function startBareServer(): Promise<ChildServer> {
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  return startChildServer({
    name: 'bare',
    entry: path.join(__dirname, 'bare-server.js'),
    url,
    readyPath: '/readyz',
    env: { ...process.env, PORT: String(port), HOST },
    ipc: true,
  });
}

export const START: Record<TargetName, () => Promise<ChildServer>> = {
  fhir: () => startFhirServer(true),
  'fhir-unaudited': () => startFhirServer(false),
  bare: startBareServer,
};
