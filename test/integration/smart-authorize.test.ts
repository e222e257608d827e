import { addApp, addUser, authorize, authorizeParams, authorizeUrl, formOf, FormBrowser, LOOPBACK_BASE_URL, REDIRECT, rootOf, signIn } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  ({ clientId } = await addApp(server, { scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/*.rs'] }));
}, 60_000);
afterAll(() => server?.stop());

/** The error an app receives at its redirect URI, or undefined when the server did not redirect there. */
function redirectedError(location: string | undefined): URLSearchParams | undefined {
  if (!location?.startsWith(REDIRECT)) return undefined;
  return new URL(location).searchParams;
}

describe('/authorize request checks (RFC 6749 §4.1.2.1, RFC 9700, SMART §authorize)', () => {
  it('starts the interaction for a valid request, by GET and by form POST (authorize-post)', async () => {
    const get = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'patient/*.rs' }));
    expect(get.status).toBe(303);
    expect(get.location).toMatch(new RegExp(`^${rootOf(server)}/oauth2/interaction/`));
    const post = await new FormBrowser().post(`${rootOf(server)}/oauth2/authorize`, authorizeParams(server, { clientId, scope: 'patient/*.rs' }));
    expect(post.status).toBe(303);
    expect(post.location).toMatch(/\/oauth2\/interaction\//);
  });

  it('shows an unknown client_id to the user and never redirects', async () => {
    const page = await new FormBrowser().get(authorizeUrl(server, { clientId: 'nobody', scope: 'patient/*.rs' }));
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.text).toMatch(/not registered/);
  });

  it('requires an exact redirect_uri match and never redirects to a mismatched one', async () => {
    for (const redirectUri of [`${REDIRECT}/`, `${REDIRECT}?x=1`, 'http://127.0.0.1:9/CALLBACK', 'https://evil.example/callback']) {
      const page = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'patient/*.rs', redirectUri }));
      expect(page.status).toBe(400);
      expect(page.location).toBeUndefined();
    }
  });

  it('refuses an aud that is not this FHIR server, with no code, echoing state', async () => {
    const page = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'patient/*.rs', aud: 'https://other.example/fhir', state: 's-1' }));
    const error = redirectedError(page.location);
    expect(error?.get('error')).toBe('invalid_request');
    expect(error?.get('state')).toBe('s-1');
    expect(error?.get('code')).toBeNull();
  });

  it.each([
    ['no code_challenge', { extra: { code_challenge: '' } }],
    ['the plain method', { method: 'plain' }],
    ['no method', { extra: { code_challenge_method: '' } }],
    ['a malformed challenge', { challenge: 'short' }],
  ])('requires PKCE with S256: refuses %s', async (_name, options) => {
    const params = authorizeParams(server, { clientId, scope: 'patient/*.rs', state: 'pkce', ...(options as object) });
    for (const [k, v] of Object.entries(params)) if (v === '') delete params[k];
    const page = await new FormBrowser().get(`${rootOf(server)}/oauth2/authorize?${new URLSearchParams(params)}`);
    const error = redirectedError(page.location);
    expect(error?.get('error')).toBe('invalid_request');
    expect(error?.get('state')).toBe('pkce');
  });

  it('requires state', async () => {
    const params = authorizeParams(server, { clientId, scope: 'patient/*.rs' });
    delete params.state;
    const page = await new FormBrowser().get(`${rootOf(server)}/oauth2/authorize?${new URLSearchParams(params)}`);
    expect(redirectedError(page.location)?.get('error')).toBe('invalid_request');
  });

  it('refuses with invalid_scope when none of the scopes is available to the app', async () => {
    const page = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'system/*.cruds user/*.cruds', state: 'sc' }));
    const error = redirectedError(page.location);
    expect(error?.get('error')).toBe('invalid_scope');
    expect(error?.get('state')).toBe('sc');
  });

  it('refuses a parameter given twice', async () => {
    const url = `${authorizeUrl(server, { clientId, scope: 'patient/*.rs' })}&aud=${encodeURIComponent(server.base)}`;
    const page = await new FormBrowser().get(url);
    expect(redirectedError(page.location)?.get('error')).toBe('invalid_request');
  });

  it('refuses response types other than code on a page', async () => {
    const page = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'patient/*.rs', extra: { response_type: 'token' } }));
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
  });

  it('echoes state unchanged, whatever characters it holds', async () => {
    const state = 'a b&c=d/é?%20+';
    const { redirect } = await authorize(server, { clientId, scope: 'patient/*.rs', user: await addUser(server), state });
    expect(redirect.searchParams.get('state')).toBe(state);
    expect(redirect.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('answers access_denied, with state, when the user denies or ticks nothing', async () => {
    const nothing = await authorize(server, { clientId, scope: 'patient/*.rs', user: await addUser(server), state: 'n', tick: [] });
    expect(nothing.redirect.searchParams.get('error')).toBe('access_denied');
    expect(nothing.redirect.searchParams.get('state')).toBe('n');
    expect(nothing.redirect.searchParams.get('code')).toBeNull();

    const browser = new FormBrowser();
    let page = await browser.follow(await browser.get(authorizeUrl(server, { clientId, scope: 'patient/*.rs', state: 'd' })), rootOf(server));
    page = await signIn(browser, server, page, await addUser(server));
    const consent = formOf(page, '/consent');
    const denied = await browser.post(consent.action, { ...consent.fields, cancel: 'deny' });
    const error = redirectedError(denied.location);
    expect(error?.get('error')).toBe('access_denied');
    expect(error?.get('state')).toBe('d');
  });
});
