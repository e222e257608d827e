import { postForm } from '../support/auth-backend';
import { addApp, addUser, adminOf, authorize, LOOPBACK_BASE_URL, pkce, REDIRECT, tokenUrl } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let patientId: string;

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  patientId = (await server.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Refresh' }] } })).json.id;
}, 60_000);
afterAll(() => server?.stop());

const SCOPE = 'launch/patient offline_access patient/Patient.rs patient/Observation.rs';

async function tokens(target: TestServer, kind: 'public' | 'confidential-symmetric' = 'public', patient = patientId) {
  const app = await addApp(target, { kind });
  const { verifier, challenge } = pkce();
  const { code } = await authorize(target, { clientId: app.clientId, scope: SCOPE, user: await addUser(target), challenge, patient });
  const auth: Record<string, string> = kind === 'public' ? {} : { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.secret}`).toString('base64')}` };
  const form = kind === 'public' ? { client_id: app.clientId } : {};
  const answer = await postForm(tokenUrl(target), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, ...form }, auth);
  expect(answer.status).toBe(200);
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) => postForm(tokenUrl(target), { grant_type: 'refresh_token', refresh_token: refreshToken, ...form, ...extra }, auth);
  return { ...app, first: answer.json, refresh };
}

const readPatient = (token: string) => server.fhir(`/Patient/${patientId}`, { headers: { authorization: `Bearer ${token}` } });

describe('refresh tokens (RFC 6749 §6, RFC 9700 §4.14)', () => {
  it('rotates a public client\'s refresh token and keeps the launch context', async () => {
    const { first, refresh } = await tokens(server);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(second.json).toMatchObject({ token_type: 'Bearer', scope: SCOPE, patient: patientId });
    expect(second.json.refresh_token).toEqual(expect.any(String));
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect((await readPatient(second.json.access_token)).status).toBe(200);
  });

  it('revokes the whole family when a rotated refresh token is used again', async () => {
    const { first, refresh } = await tokens(server);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe('invalid_grant');
    // The legitimate successor is revoked too, and so are the access tokens of the family.
    expect((await refresh(second.json.refresh_token)).json.error).toBe('invalid_grant');
    expect((await readPatient(second.json.access_token)).status).toBe(401);
    expect((await readPatient(first.access_token)).status).toBe(401);
  });

  it('lets a confidential client reuse its refresh token (it authenticates each time)', async () => {
    const { first, refresh } = await tokens(server, 'confidential-symmetric');
    const a = await refresh(first.refresh_token);
    const b = await refresh(first.refresh_token);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.json.refresh_token).toBe(first.refresh_token);
  });

  it('allows the same or a narrower scope, and refuses a broader one', async () => {
    const { first, refresh } = await tokens(server);
    const narrower = await refresh(first.refresh_token, { scope: 'launch/patient patient/Patient.rs' });
    expect(narrower.status).toBe(200);
    expect(narrower.json.scope).toBe('launch/patient patient/Patient.rs');
    expect((await server.fhir(`/Observation?patient=${patientId}`, { headers: { authorization: `Bearer ${narrower.json.access_token}` } })).status).toBe(403);
    const broader = await refresh(narrower.json.refresh_token, { scope: 'launch/patient patient/*.cruds' });
    expect(broader.status).toBe(400);
    expect(broader.json.error).toBe('invalid_scope');
  });

  it("refuses another client's refresh token", async () => {
    const { first } = await tokens(server);
    const other = await addApp(server);
    const answer = await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: other.clientId });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });

  it('refuses an unknown refresh token', async () => {
    const { clientId } = await addApp(server);
    const answer = await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: 'nope', client_id: clientId });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });

  it('stops at the absolute lifetime, which rotation does not extend', async () => {
    const short = await startTestServer({ ...LOOPBACK_BASE_URL, refreshTokenLifetimeSeconds: 5 });
    try {
      const patient = (await short.fhir('/Patient', { body: { resourceType: 'Patient' } })).json.id;
      const { first, refresh } = await tokens(short, 'public', patient);
      const rotated = await refresh(first.refresh_token);
      expect(rotated.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      const late = await refresh(rotated.json.refresh_token);
      expect(late.status).toBe(400);
      expect(late.json.error).toBe('invalid_grant');
    } finally {
      await short.stop();
    }
  }, 60_000);

  it('stops working once the user is disabled', async () => {
    const app = await addApp(server);
    const user = await addUser(server);
    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId: app.clientId, scope: SCOPE, user, challenge, patient: patientId });
    const first = (await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: app.clientId })).json;
    await adminOf(server).disableUser(user.username);
    expect((await readPatient(first.access_token)).status).toBe(401);
    expect((await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: app.clientId })).json.error).toBe('invalid_grant');
  });
});
