import { generateBackendKey, clientAssertion, postForm, registerBackendClient, requestBackendToken } from '../support/auth-backend';
import { JWT_BEARER } from '../../smart/clients/assertion/assertion-check';
import { addApp, addUser, authorize, LOOPBACK_BASE_URL, pkce, REDIRECT, rootOf, tokenUrl } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let patientId: string;
let resourceServer: { clientId: string; secret: string };

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  patientId = (await server.fhir('/Patient', { body: { resourceType: 'Patient' } })).json.id;
  const app = await addApp(server, { kind: 'confidential-symmetric' });
  resourceServer = { clientId: app.clientId, secret: app.secret! };
}, 60_000);
afterAll(() => server?.stop());

const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
const introspect = (token: string, headers = basic(resourceServer.clientId, resourceServer.secret), extra: Record<string, string> = {}) =>
  postForm(`${rootOf(server)}/oauth2/introspect`, { token, ...extra }, headers);

async function userTokens() {
  const app = await addApp(server);
  const { verifier, challenge } = pkce();
  const { code } = await authorize(server, { clientId: app.clientId, scope: 'launch/patient openid fhirUser offline_access patient/*.rs', user: await addUser(server), challenge, patient: patientId });
  const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: app.clientId });
  return { clientId: app.clientId, ...answer.json };
}

describe('token introspection (RFC 7662)', () => {
  it('describes an active access token with its SMART context', async () => {
    const tokens = await userTokens();
    const answer = await introspect(tokens.access_token);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ active: true, scope: tokens.scope, client_id: tokens.clientId, patient: patientId, iss: rootOf(server), token_type: 'Bearer' });
    expect(answer.json.exp).toEqual(expect.any(Number));
    expect(answer.json.sub).toEqual(expect.any(String));
  });

  it('describes an active refresh token', async () => {
    const tokens = await userTokens();
    const answer = await introspect(tokens.refresh_token, undefined, { token_type_hint: 'refresh_token' });
    expect(answer.json).toMatchObject({ active: true, client_id: tokens.clientId, token_type: 'refresh_token' });
  });

  it('answers only {"active": false} for an unknown or revoked token', async () => {
    expect((await introspect('garbage')).json).toEqual({ active: false });
    const tokens = await userTokens();
    await postForm(`${rootOf(server)}/oauth2/revoke`, { token: tokens.access_token, client_id: tokens.clientId });
    expect((await introspect(tokens.access_token)).json).toEqual({ active: false });
  });

  it('requires client authentication, and accepts private_key_jwt', async () => {
    const tokens = await userTokens();
    const unauthenticated = await postForm(`${rootOf(server)}/oauth2/introspect`, { token: tokens.access_token });
    expect(unauthenticated.status).toBe(401);
    const publicClient = await postForm(`${rootOf(server)}/oauth2/introspect`, { token: tokens.access_token, client_id: tokens.clientId });
    expect(publicClient.status).toBe(401);
    const key = await generateBackendKey('ES384');
    const { clientId } = await registerBackendClient(server.server.app.store, server.base, { key, scopes: ['system/*.rs'] });
    const signed = await postForm(`${rootOf(server)}/oauth2/introspect`, {
      token: tokens.access_token,
      client_assertion_type: JWT_BEARER,
      client_assertion: await clientAssertion(key, clientId, `${rootOf(server)}/oauth2/introspect`),
    });
    expect(signed.status).toBe(200);
    expect(signed.json.active).toBe(true);
  });
});

describe('token revocation (RFC 7009)', () => {
  it('revokes an access token: the next request with it gets 401 at once', async () => {
    const tokens = await userTokens();
    const auth = { authorization: `Bearer ${tokens.access_token}` };
    expect((await server.fhir(`/Patient/${patientId}`, { headers: auth })).status).toBe(200);
    const answer = await postForm(`${rootOf(server)}/oauth2/revoke`, { token: tokens.access_token, client_id: tokens.clientId });
    expect(answer.status).toBe(200);
    const after = await server.fhir(`/Patient/${patientId}`, { headers: auth });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('revokes a refresh token with its family and the access tokens issued from it', async () => {
    const tokens = await userTokens();
    const answer = await postForm(`${rootOf(server)}/oauth2/revoke`, { token: tokens.refresh_token, token_type_hint: 'refresh_token', client_id: tokens.clientId });
    expect(answer.status).toBe(200);
    expect((await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: tokens.clientId })).json.error).toBe('invalid_grant');
    expect((await server.fhir(`/Patient/${patientId}`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);
  });

  it('answers 200 for an unknown token', async () => {
    const { clientId } = await addApp(server);
    expect((await postForm(`${rootOf(server)}/oauth2/revoke`, { token: 'unknown', client_id: clientId })).status).toBe(200);
  });

  it("refuses to revoke another client's token", async () => {
    const tokens = await userTokens();
    const other = await addApp(server);
    const answer = await postForm(`${rootOf(server)}/oauth2/revoke`, { token: tokens.access_token, client_id: other.clientId });
    expect(answer.status).toBe(400);
    expect((await server.fhir(`/Patient/${patientId}`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(200);
  });

  it('revokes a backend token', async () => {
    const { clientId, key } = await registerBackendClient(server.server.app.store, server.base, { scopes: ['system/*.rs'] });
    const issued = await requestBackendToken(tokenUrl(server), clientId, key, 'system/*.rs');
    const auth = { authorization: `Bearer ${issued.json.access_token}` };
    expect((await server.fhir('/Patient', { headers: auth })).status).toBe(200);
    const answer = await postForm(`${rootOf(server)}/oauth2/revoke`, {
      token: issued.json.access_token,
      client_assertion_type: JWT_BEARER,
      client_assertion: await clientAssertion(key, clientId, tokenUrl(server)),
    });
    expect(answer.status).toBe(200);
    expect((await server.fhir('/Patient', { headers: auth })).status).toBe(401);
  });
});
