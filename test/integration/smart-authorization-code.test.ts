import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { JWT_BEARER } from '../../smart/clients/assertion/assertion-check';
import { clientAssertion, generateBackendKey, postForm } from '../support/auth-backend';
import { addApp, addUser, authorize, LOOPBACK_BASE_URL, pkce, REDIRECT, tokenUrl, type TestUser } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let patientId: string;
let practitionerId: string;

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  patientId = (await server.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Chalmers', given: ['Peter'] }], birthDate: '1974-12-25' } })).json.id;
  practitionerId = (await server.fhir('/Practitioner', { body: { resourceType: 'Practitioner', name: [{ family: 'Careful', given: ['Adam'] }] } })).json.id;
}, 60_000);
afterAll(() => server?.stop());

async function clinician(): Promise<TestUser> {
  return addUser(server, { roles: ['clinician'], fhirUser: `Practitioner/${practitionerId}` });
}

describe('authorization code grant (RFC 6749 §4.1, SMART App Launch 2.2)', () => {
  it('issues tokens with every SMART field, no-store headers, and an RS256 id_token naming the fhirUser', async () => {
    const { clientId } = await addApp(server);
    const user = await clinician();
    const { verifier, challenge } = pkce();
    const scope = 'launch/patient openid fhirUser offline_access patient/*.rs';
    const { code, state, redirect } = await authorize(server, { clientId, scope, user, challenge, state: 'opaque-state-123', patient: patientId });
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(state).toBe('opaque-state-123');
    expect(redirect.searchParams.get('iss')).toBe(server.server.app.config.baseUrl);

    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('pragma')).toBe('no-cache');
    expect(answer.json).toMatchObject({
      token_type: 'Bearer',
      scope,
      patient: patientId,
      need_patient_banner: true,
      smart_style_url: `${server.server.app.config.baseUrl}/oauth2/style.json`,
    });
    expect(answer.json.expires_in).toBeGreaterThan(0);
    expect(answer.json.access_token).toEqual(expect.any(String));
    expect(answer.json.refresh_token).toEqual(expect.any(String));

    const jwks = createLocalJWKSet((await (await fetch(`${server.server.url}/oauth2/jwks`)).json()) as never);
    const { payload, protectedHeader } = await jwtVerify(answer.json.id_token, jwks, { issuer: server.server.app.config.baseUrl, audience: clientId });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: user.id, fhirUser: `${server.base}/Practitioner/${practitionerId}` });
    expect(payload.exp).toEqual(expect.any(Number));
    expect(payload.iat).toEqual(expect.any(Number));

    // The token works for the patient, and the fhirUser resource is readable with it.
    const auth = { authorization: `Bearer ${answer.json.access_token}` };
    expect((await server.fhir(`/Patient/${patientId}`, { headers: auth })).status).toBe(200);
    expect((await server.fhir(`/Practitioner/${practitionerId}`, { headers: auth })).status).toBe(200);
    expect(decodeJwt(answer.json.access_token)).toMatchObject({ patient: patientId, client_id: clientId, aud: server.base });
  });
});

describe('token endpoint checks for authorization_code', () => {
  async function freshCode(options: { clientId?: string; scope?: string } = {}) {
    const clientId = options.clientId ?? (await addApp(server)).clientId;
    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId, scope: options.scope ?? 'launch/patient patient/*.rs', user: await clinician(), challenge, patient: patientId });
    return { clientId, code, verifier, challenge };
  }
  const exchange = (form: Record<string, string | undefined>, headers?: Record<string, string>) =>
    postForm(tokenUrl(server), { grant_type: 'authorization_code', redirect_uri: REDIRECT, ...form }, headers);

  it.each([
    ['missing', undefined, 400, 'invalid_request'],
    ['blank', '   ', 400, 'invalid_request'],
    ['wrong', 'x'.repeat(43), 400, 'invalid_grant'],
    ['too short', 'abc', 400, 'invalid_grant'],
  ])('rejects a %s code_verifier', async (_name, codeVerifier, status, error) => {
    const { clientId, code } = await freshCode();
    const answer = await exchange({ code, client_id: clientId, code_verifier: codeVerifier });
    expect(answer.status).toBe(status);
    expect(answer.json.error).toBe(error);
  });

  it('rejects a code_verifier equal to the challenge', async () => {
    const { clientId, code, challenge } = await freshCode();
    const answer = await exchange({ code, client_id: clientId, code_verifier: challenge });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });

  it('rejects a redirect_uri that differs from the authorization request', async () => {
    const { clientId, code, verifier } = await freshCode();
    const answer = await exchange({ code, client_id: clientId, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:9/other' });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });

  it('answers a bad code with 400 invalid_grant', async () => {
    const { clientId } = await addApp(server);
    const answer = await exchange({ code: 'not-a-code', client_id: clientId, code_verifier: pkce().verifier });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'invalid_grant' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unknown client with 401 invalid_client', async () => {
    const answer = await exchange({ code: 'whatever', client_id: 'no-such-client', code_verifier: pkce().verifier });
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('invalid_client');
  });

  it("refuses a code issued to another client", async () => {
    const { code, verifier } = await freshCode();
    const other = await addApp(server);
    const answer = await exchange({ code, client_id: other.clientId, code_verifier: verifier });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });

  it('rejects a replayed code and revokes the tokens the first exchange obtained', async () => {
    const { clientId, code, verifier } = await freshCode({ scope: 'launch/patient offline_access patient/*.rs' });
    const first = await exchange({ code, client_id: clientId, code_verifier: verifier });
    expect(first.status).toBe(200);
    const auth = { authorization: `Bearer ${first.json.access_token}` };
    expect((await server.fhir(`/Patient/${patientId}`, { headers: auth })).status).toBe(200);

    const replay = await exchange({ code, client_id: clientId, code_verifier: verifier });
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe('invalid_grant');
    const after = await server.fhir(`/Patient/${patientId}`, { headers: auth });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    const refresh = await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: first.json.refresh_token, client_id: clientId });
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('authenticates a confidential symmetric client with HTTP Basic and refuses a wrong secret', async () => {
    const { clientId, secret } = await addApp(server, { kind: 'confidential-symmetric' });
    const { code, verifier } = await freshCode({ clientId });
    const basic = (s: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(s)}`).toString('base64')}` });
    const wrong = await exchange({ code, code_verifier: verifier }, basic('wrong secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    // A confidential client cannot pass as public by sending only its client_id.
    const noSecret = await exchange({ code, client_id: clientId, code_verifier: verifier });
    expect(noSecret.status).toBe(401);
    const right = await exchange({ code, code_verifier: verifier }, basic(secret!));
    expect(right.status).toBe(200);
    expect(right.json.access_token).toEqual(expect.any(String));
  });

  it('authenticates a confidential asymmetric client with private_key_jwt', async () => {
    const key = await generateBackendKey('RS384');
    const { clientId } = await addApp(server, { kind: 'confidential-asymmetric', jwks: { keys: [key.publicJwk] } });
    const { code, verifier } = await freshCode({ clientId });
    const assertion = { client_assertion_type: JWT_BEARER };
    const forged = await exchange({ code, code_verifier: verifier, ...assertion, client_assertion: await clientAssertion(await generateBackendKey('RS384'), clientId, tokenUrl(server)) });
    expect(forged.status).toBe(401);
    const signed = await exchange({ code, code_verifier: verifier, ...assertion, client_assertion: await clientAssertion(key, clientId, tokenUrl(server)) });
    expect(signed.status).toBe(200);
  });

  it('refuses an unsupported or missing grant_type', async () => {
    expect((await postForm(tokenUrl(server), { grant_type: 'password', client_id: 'x' })).json.error).toBe('unsupported_grant_type');
    expect((await postForm(tokenUrl(server), { client_id: 'x' })).json.error).toBe('invalid_request');
  });

  it('grants only the scopes left ticked on the consent page', async () => {
    const { clientId } = await addApp(server);
    const { verifier, challenge } = pkce();
    const scope = 'launch/patient patient/Patient.rs patient/Observation.rs';
    const { code } = await authorize(server, { clientId, scope, user: await clinician(), challenge, patient: patientId, untick: ['patient/Observation.rs'] });
    const answer = await exchange({ code, client_id: clientId, code_verifier: verifier });
    expect(answer.json.scope).toBe('launch/patient patient/Patient.rs');
    const auth = { authorization: `Bearer ${answer.json.access_token}` };
    expect((await server.fhir(`/Observation?patient=${patientId}`, { headers: auth })).status).toBe(403);
  });

  it('returns no refresh token without offline_access or online_access, and no id_token without openid', async () => {
    const { clientId, code, verifier } = await freshCode({ scope: 'launch/patient patient/*.rs' });
    const answer = await exchange({ code, client_id: clientId, code_verifier: verifier });
    expect(answer.json.refresh_token).toBeUndefined();
    expect(answer.json.id_token).toBeUndefined();
  });
});
