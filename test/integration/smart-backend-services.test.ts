import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { JWT_BEARER } from '../../smart/clients/assertion/assertion-check';
import { clientAssertion, generateBackendKey, postForm, registerBackendClient, requestBackendToken, type BackendKey } from '../support/auth-backend';
import { adminOf, LOOPBACK_BASE_URL, tokenUrl } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let jwksServer: http.Server;
let jwksUrl: string;
let jwksRequests = 0;
let servedKey: BackendKey;

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  // A client's JWKS published at a URL, served from loopback (never the network).
  servedKey = await generateBackendKey('ES384');
  jwksServer = http.createServer((_req, res) => {
    jwksRequests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [servedKey.publicJwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

const token = (_clientId: string, assertion: string, scope = 'system/Patient.rs') =>
  postForm(tokenUrl(server), { grant_type: 'client_credentials', scope, client_assertion_type: JWT_BEARER, client_assertion: assertion });

describe('SMART Backend Services: client_credentials with private_key_jwt', () => {
  it('issues a short-lived system token for an ES384 assertion verified against an inline JWKS', async () => {
    const { clientId, key } = await registerBackendClient(server.server.app.store, server.base, { scopes: ['system/Patient.rs', 'system/Observation.rs'] });
    const answer = await requestBackendToken(tokenUrl(server), clientId, key, 'system/Patient.rs');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('pragma')).toBe('no-cache');
    expect(answer.json).toMatchObject({ token_type: 'Bearer', scope: 'system/Patient.rs' });
    expect(answer.json.expires_in).toBeLessThanOrEqual(300);
    expect(answer.json.refresh_token).toBeUndefined();
    expect(answer.json.id_token).toBeUndefined();
    expect(decodeJwt(answer.json.access_token)).toMatchObject({ sub: clientId, client_id: clientId });
    const auth = { authorization: `Bearer ${answer.json.access_token}` };
    expect((await server.fhir('/Patient', { headers: auth })).status).toBe(200);
    expect((await server.fhir('/Observation', { headers: auth })).status).toBe(403);
  });

  it('accepts RS384 too', async () => {
    const key = await generateBackendKey('RS384');
    const { clientId } = await registerBackendClient(server.server.app.store, server.base, { key, scopes: ['system/*.rs'] });
    expect((await requestBackendToken(tokenUrl(server), clientId, key, 'system/*.rs')).status).toBe(200);
  });

  it('fetches a JWKS by URL (cached) to verify the assertion', async () => {
    const { client } = await adminOf(server).addClient({ name: 'By URL', kind: 'confidential-asymmetric', scopes: ['system/*.rs'], jwksUri: jwksUrl, source: 'provision' });
    const before = jwksRequests;
    expect((await requestBackendToken(tokenUrl(server), client._id, servedKey, 'system/*.rs')).status).toBe(200);
    expect((await requestBackendToken(tokenUrl(server), client._id, servedKey, 'system/*.rs')).status).toBe(200);
    expect(jwksRequests - before).toBe(1);
  });

  describe('refuses', () => {
    let clientId: string;
    let key: BackendKey;
    beforeAll(async () => {
      ({ clientId, key } = await registerBackendClient(server.server.app.store, server.base, { scopes: ['system/*.rs'] }));
    });
    const url = () => tokenUrl(server);

    it('an unknown client with 401 invalid_client', async () => {
      const answer = await token('nobody', await clientAssertion(key, 'nobody', url()));
      expect(answer.status).toBe(401);
      expect(answer.json.error).toBe('invalid_client');
    });

    it('a replayed jti', async () => {
      const assertion = await clientAssertion(key, clientId, url());
      expect((await token(clientId, assertion)).status).toBe(200);
      const replay = await token(clientId, assertion);
      expect(replay.status).toBe(401);
      expect(replay.json.error).toBe('invalid_client');
    });

    it.each([
      ['aud is not the token URL', { aud: 'https://other.example/token' }],
      ['exp is more than five minutes ahead', { exp: Math.floor(Date.now() / 1000) + 900 }],
      ['exp has passed', { exp: Math.floor(Date.now() / 1000) - 120 }],
      ['exp is missing', { exp: undefined }],
      ['sub differs from iss', { sub: 'someone-else' }],
      ['jti is missing', { jti: undefined }],
    ])('an assertion whose %s', async (_name, claims) => {
      const answer = await token(clientId, await clientAssertion(key, clientId, url(), claims));
      expect(answer.status).toBe(401);
      expect(answer.json.error).toBe('invalid_client');
    });

    it('an assertion signed by a key that is not registered', async () => {
      const stranger = await generateBackendKey('ES384');
      const answer = await token(clientId, await clientAssertion({ ...stranger, kid: key.kid }, clientId, url()));
      expect(answer.status).toBe(401);
    });

    it('alg none and HS256', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: clientId, sub: clientId, aud: url(), exp: now + 60, jti: `${Math.random()}` };
      const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      expect((await token(clientId, none)).status).toBe(401);
      const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(32)));
      expect((await token(clientId, hs)).status).toBe(401);
    });

    it('ES256 (not in the allow-list)', async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'es256', alg: 'ES256' };
      const { client } = await adminOf(server).addClient({ name: 'ES256', kind: 'confidential-asymmetric', scopes: ['system/*.rs'], jwks: { keys: [{ ...jwk, alg: undefined }] }, source: 'provision' });
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ iss: client._id, sub: client._id, aud: url(), exp: now + 60, jti: 'a' }).setProtectedHeader({ alg: 'ES256', kid: 'es256' }).sign(pair.privateKey);
      expect((await token(client._id, assertion)).status).toBe(401);
    });

    it('non-system scopes', async () => {
      const answer = await token(clientId, await clientAssertion(key, clientId, url()), 'patient/*.rs launch');
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe('invalid_scope');
    });

    it('system scopes the client is not registered for', async () => {
      const answer = await token(clientId, await clientAssertion(key, clientId, url()), 'system/*.cruds');
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe('invalid_scope');
    });

    it('a client that is not registered for client_credentials', async () => {
      const { clientId: appId } = await adminOf(server).addClient({ name: 'App', kind: 'confidential-asymmetric', scopes: ['patient/*.rs'], redirectUris: ['http://127.0.0.1:9/cb'], jwks: { keys: [key.publicJwk] }, source: 'provision' }).then((a) => ({ clientId: a.client._id }));
      const answer = await token(appId, await clientAssertion(key, appId, url()), 'system/*.rs');
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe('unauthorized_client');
    });
  });
});
