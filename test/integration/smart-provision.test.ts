import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importJWK } from 'jose';
import { provisionBackendAccess } from '../../smart/provision';
import { requestBackendToken } from '../support/auth-backend';
import { tokenUrl } from '../support/auth-flow';
import { freePort } from '../support/free-port';
import { startTestServer } from '../support/test-server';

describe('provisionBackendAccess (for the bench: a token before the server starts)', () => {
  it('gives a token the server accepts, and a key that works with the real flow', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-provision-'));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const access = await provisionBackendAccess({ dataDir, baseUrl, scope: 'system/*.cruds', env: { DURABILITY: 'commit' } });
    expect(access.expiresAt - Date.now() / 1000).toBeGreaterThan(3000);
    const server = await startTestServer({ baseUrl, port }, dataDir);
    try {
      const created = await server.fhir('/Patient', { headers: { authorization: `Bearer ${access.accessToken}` }, body: { resourceType: 'Patient' } });
      expect(created.status).toBe(201);
      const key = { alg: 'ES384' as const, kid: access.privateJwk.kid!, privateKey: (await importJWK(access.privateJwk, 'ES384')) as never, publicJwk: {} };
      expect((await requestBackendToken(tokenUrl(server), access.clientId, key, 'system/*.cruds')).status).toBe(200);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
