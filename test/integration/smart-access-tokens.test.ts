import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { postForm } from '../support/auth-backend';
import { forgeAccessToken, unsignedToken } from '../support/auth-forge';
import { addApp, addUser, authorize, LOOPBACK_BASE_URL, pkce, REDIRECT, rootOf, tokenUrl } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let patientId: string;

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  patientId = (await server.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Token' }] } })).json.id;
}, 60_000);
afterAll(() => server?.stop());

const forge = (options: Parameters<typeof forgeAccessToken>[3] = {}) => forgeAccessToken(server.server.app.store, rootOf(server), server.base, options);
const read = (token: string) => server.fhir(`/Patient/${patientId}`, { headers: { authorization: `Bearer ${token}` } });

function expectInvalidToken(response: { status: number; headers: Headers; json: any }): void {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
  expect(response.json.resourceType).toBe('OperationOutcome');
}

describe('access tokens on FHIR requests (RFC 6750, RFC 8725, RFC 9068)', () => {
  it('accepts a token signed by the server with valid claims (the forging helper works)', async () => {
    expect((await read(await forge())).status).toBe(200);
  });

  it('answers no token with 401 and a bare Bearer challenge', async () => {
    const response = await server.fhir(`/Patient/${patientId}`, { anonymous: true });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="/);
    expect(response.headers.get('www-authenticate')).not.toMatch(/error=/);
  });

  it('answers another scheme with 401', async () => {
    const response = await server.fhir(`/Patient/${patientId}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses garbage', async () => expectInvalidToken(await read('not-a-jwt')));

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectInvalidToken(await read(unsignedToken({ iss: rootOf(server), sub: 'x', aud: server.base, exp: now + 300, iat: now, jti: randomUUID(), client_id: 'x', scope: 'system/*.cruds' })));
  });

  it('refuses a token signed with another key, even naming ours by kid', async () => {
    expectInvalidToken(await read(await forge({ foreignKey: true })));
  });

  it('ignores jku, x5u and jwk headers that point at an attacker key', async () => {
    const attacker = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(attacker.publicKey);
    expectInvalidToken(await read(await forge({ foreignKey: true, header: { jku: 'http://127.0.0.1:9/jwks', x5u: 'http://127.0.0.1:9/cert', jwk } })));
  });

  it('refuses an HS256 token (algorithm confusion)', async () => {
    const token = await forge();
    const [, payload] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'at+jwt' })).toString('base64url');
    expectInvalidToken(await read(`${header}.${payload}.${Buffer.from('sig').toString('base64url')}`));
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectInvalidToken(await read(await forge({ claims: { exp: now - 120, iat: now - 600 } })));
  });

  it('refuses a token that is not valid yet (nbf)', async () => {
    expectInvalidToken(await read(await forge({ claims: { nbf: Math.floor(Date.now() / 1000) + 600 } })));
  });

  it('refuses a token for another audience or from another issuer', async () => {
    expectInvalidToken(await read(await forge({ claims: { aud: 'https://other.example/fhir' } })));
    expectInvalidToken(await read(await forge({ claims: { iss: 'https://other.example' } })));
  });

  it('refuses a JWT whose typ is not at+jwt', async () => {
    expectInvalidToken(await read(await forge({ header: { typ: 'JWT' } })));
  });

  it('does not accept an id_token as an access token', async () => {
    const { clientId } = await addApp(server);
    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId, scope: 'launch/patient openid fhirUser patient/*.rs', user: await addUser(server), challenge, patient: patientId });
    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier });
    expect(answer.json.id_token).toEqual(expect.any(String));
    expect((await read(answer.json.access_token)).status).toBe(200);
    expectInvalidToken(await read(answer.json.id_token));
  });
});
