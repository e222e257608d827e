import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app';
import { fhirBaseUrl, loadConfig, type Config } from '../../server/config';
import type { AuthEvent } from '../../smart/auth-event';
import { SystemClientToken } from './auth-backend';
import { freePort } from './free-port';
import { testServerOver, type TestServer } from './test-server';

/**
 * A test server built with createApp's `onAuthEvent` hook (startServer does not take one), recording every
 * auth event, listening on a port chosen first so BASE_URL is right from the start.
 */
export async function startServerRecordingAuthEvents(overrides: Partial<Config> = {}): Promise<{ server: TestServer; events: AuthEvent[] }> {
  const events: AuthEvent[] = [];
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-events-'));
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ LOG_LEVEL: 'error' }, { port, host: '127.0.0.1', baseUrl: url, dataDir, durability: 'commit', ...overrides });
  const app = await createApp(config, { onAuthEvent: async (event) => void events.push(event) });
  const listener = http.createServer(app.app);
  await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
  const base = fhirBaseUrl(config);
  const systemClient = await SystemClientToken.register(app.store, base, `${url}/oauth2/token`);
  const running = {
    url,
    fhirBase: base,
    app,
    close: async () => {
      await new Promise((resolve) => listener.close(resolve));
      await app.close();
    },
  };
  const server = testServerOver(running, dataDir, systemClient, async () => {
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { server, events };
}
