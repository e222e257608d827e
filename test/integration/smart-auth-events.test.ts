import type { AuthEvent } from '../../smart/auth-event';
import { postForm } from '../support/auth-backend';
import { startServerRecordingAuthEvents } from '../support/auth-events';
import { Admin } from '../../smart/admin/admin';
import { addApp, addUser, authorize, authorizeUrl, formOf, FormBrowser, pkce, REDIRECT, rootOf, signIn, tokenUrl } from '../support/auth-flow';
import type { TestServer } from '../support/test-server';

let server: TestServer;
let events: AuthEvent[];

const ADMIN_TOKEN = 'events-test-admin-credential-0123456789';

beforeAll(async () => {
  ({ server, events } = await startServerRecordingAuthEvents({ adminToken: ADMIN_TOKEN }));
}, 60_000);
afterAll(() => server?.stop());

const since = (mark: number) => events.slice(mark);

describe('auth events for the audit trail (onAuthEvent)', () => {
  it('reports sign-in failures, the sign-in, token issue, refresh, reuse and revocation', async () => {
    const mark = events.length;
    const { clientId } = await addApp(server);
    const user = await addUser(server);
    const patient = (await server.fhir('/Patient', { body: { resourceType: 'Patient' } })).json.id;

    const browser = new FormBrowser();
    const first = await browser.follow(await browser.get(authorizeUrl(server, { clientId, scope: 'patient/*.rs' })), rootOf(server));
    const login = formOf(first, '/login');
    await browser.post(login.action, { ...login.fields, username: user.username, password: 'wrong wrong wrong' });
    const again = formOf(await browser.get(login.action.replace(/\/login$/, '')), '/login');
    const mfaPage = await browser.follow(await browser.post(again.action, { ...again.fields, username: user.username, password: user.password }), rootOf(server));
    const mfa = formOf(mfaPage, '/mfa');
    await browser.post(mfa.action, { ...mfa.fields, code: '000000' });

    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId, scope: 'launch/patient offline_access patient/*.rs', user: await addUser(server), challenge, patient });
    const tokens = (await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId })).json;
    const refreshed = (await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId })).json;
    await postForm(`${rootOf(server)}/oauth2/revoke`, { token: refreshed.access_token, client_id: clientId });
    await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });

    const kinds = since(mark).map((e) => `${e.kind}/${e.outcome}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'login-failed/failure',
        'mfa-failed/failure',
        'login/success',
        'token-issued/success',
        'token-refreshed/success',
        'refresh-reuse-detected/failure',
        'token-issued/failure',
        'token-revoked/success',
      ]),
    );
    const failed = since(mark).find((e) => e.kind === 'login-failed')!;
    expect(failed).toMatchObject({ user: user.username, clientId, address: expect.any(String), requestId: expect.any(String) });
    expect(JSON.stringify(events)).not.toContain(user.password);
    const issued = since(mark).find((e) => e.kind === 'token-issued' && e.outcome === 'success' && e.patient)!;
    expect(issued).toMatchObject({ clientId, scopes: 'launch/patient offline_access patient/*.rs', patient: `Patient/${patient}` });
  });

  it('reports registration, logout, and the administration done through the same code as the CLI', async () => {
    const mark = events.length;
    const registered = await fetch(`${rootOf(server)}/oauth2/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ client_name: 'Registered', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', scope: 'patient/*.rs' }),
    });
    const clientId = ((await registered.json()) as { client_id: string }).client_id;
    const user = await addUser(server);
    const browser = new FormBrowser();
    const page = await signIn(browser, server, await browser.follow(await browser.get(authorizeUrl(server, { clientId, scope: 'patient/*.rs' })), rootOf(server)), user);
    const csrf = formOf(page, '/consent').fields.csrf;
    const out = await browser.post(`${rootOf(server)}/oauth2/logout`, { csrf });
    expect(out.status).toBe(200);
    // The CLI runs Admin in its own process; given the sink, Admin reports like the server does.
    const admin = new Admin({ store: server.server.app.store, fhirBase: server.base, totpIssuer: 'test', onAuthEvent: async (e) => void events.push(e) });
    await admin.addUser({ username: `cli-${Date.now()}`, password: 'a long enough password', roles: [] });
    await admin.disableUser(user.username);
    await admin.removeClient(clientId);
    expect(since(mark).map((e) => e.kind)).toEqual(expect.arrayContaining(['client-registered', 'logout', 'user-added', 'user-disabled', 'client-removed']));
  });
});

describe('the management endpoint (SMART management_endpoint)', () => {
  it("lists the signed-in user's lasting authorizations and revokes one", async () => {
    const { clientId } = await addApp(server);
    const user = await addUser(server);
    const patient = (await server.fhir('/Patient', { body: { resourceType: 'Patient' } })).json.id;
    const { verifier, challenge } = pkce();
    const { code, browser } = await authorize(server, { clientId, scope: 'launch/patient offline_access patient/*.rs', user, challenge, patient });
    const tokens = (await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId })).json;
    const manage = await browser.get(`${rootOf(server)}/oauth2/manage`);
    expect(manage.status).toBe(200);
    expect(manage.text).toContain('Test App');
    const form = formOf(manage);
    expect((await browser.post(form.action, form.fields)).status).toBe(200);
    expect((await postForm(tokenUrl(server), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId })).json.error).toBe('invalid_grant');
    expect((await new FormBrowser().get(`${rootOf(server)}/oauth2/manage`)).status).toBe(401);
  });
});
