import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Admin } from '../../smart/admin/admin';
import type { ClientKind } from '../../smart/clients/client-record';
import { parseRoleAssignment } from '../../smart/roles/role-assignment';
import { timeStep, totpCode } from '../../smart/users/totp';
import type { TestServer } from './test-server';

/**
 * Drives the authorization server the way a browser would, over real HTTP: a cookie jar, manual redirects, and
 * forms read from the pages. For the browser itself, see test/browser.
 */
export class FormBrowser {
  private readonly cookies = new Map<string, string>();

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.send(url, { method: 'GET', headers });
  }

  async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    return this.send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  }

  /** Follows redirects within the server; stops at one leaving it (the app's redirect URI) and returns it. */
  async follow(page: Page, serverOrigin: string): Promise<Page> {
    let current = page;
    for (let i = 0; i < 10 && current.location && current.location.startsWith(serverOrigin); i++) current = await this.get(current.location);
    return current;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookieHeaders: string[] = [];

  private async send(url: string, init: RequestInit): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const header of response.headers.getSetCookie()) {
      this.setCookieHeaders.push(header);
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get('location') ?? undefined;
    return { status: response.status, url, location: location ? new URL(location, url).toString() : undefined, text: await response.text(), headers: response.headers };
  }
}

export interface Page {
  status: number;
  url: string;
  location?: string;
  text: string;
  headers: Headers;
}

/** The action and hidden fields of the first form on a page whose action ends with `step` (or the first form). */
export function formOf(page: Page, step?: string): { action: string; fields: Record<string, string> } {
  const forms = [...page.text.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => step === undefined || decode(f[1]).endsWith(step)) ?? forms[0];
  if (!form) throw new Error(`no form on the page (status ${page.status}): ${page.text.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[input[1]] = decode(input[2]);
  return { action: decode(form[1]), fields };
}

/** The values of the checkboxes or radios named `name` on a page. */
export function choicesOf(page: Page, name: string): string[] {
  return [...page.text.matchAll(new RegExp(`<input type="(?:checkbox|radio)" name="${name}" id="[^"]+" value="([^"]*)"`, 'g'))].map((m) => decode(m[1]));
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface TestUser {
  username: string;
  password: string;
  totpSecret: string;
  id: string;
}

/** Used TOTP steps per secret, so a helper never offers the same code twice (a code works once). */
const lastSteps = new Map<string, number>();

/** A TOTP code not used before by these helpers; waits for the next 30-second step if it must. */
export async function freshTotp(secret: string): Promise<string> {
  for (;;) {
    const now = timeStep(Date.now());
    const last = lastSteps.get(secret);
    // The server accepts one step of drift ahead, so the next step's code is usable at once.
    const step = last === undefined ? now : Math.max(now, last + 1);
    if (step <= now + 1) {
      lastSteps.set(secret, step);
      return totpCode(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function adminOf(server: TestServer): Admin {
  return new Admin({ store: server.server.app.store, fhirBase: server.base, totpIssuer: 'test' });
}

export async function addUser(server: TestServer, options: { roles?: string[]; fhirUser?: string; username?: string } = {}): Promise<TestUser> {
  const username = options.username ?? `user-${randomUUID().slice(0, 8)}`;
  const password = `correct horse ${randomUUID()}`;
  const { user, totpSecret } = await adminOf(server).addUser({ username, password, roles: (options.roles ?? ['clinician']).map(parseRoleAssignment), fhirUser: options.fhirUser });
  return { username, password, totpSecret, id: user._id };
}

export const REDIRECT = 'http://127.0.0.1:9/callback';

export async function addApp(
  server: TestServer,
  options: { kind?: ClientKind; scopes?: string[]; redirectUris?: string[]; launchUrl?: string; jwks?: { keys: object[] }; id?: string } = {},
): Promise<{ clientId: string; secret?: string }> {
  const { client, secret } = await adminOf(server).addClient({
    id: options.id,
    name: 'Test App',
    kind: options.kind ?? 'public',
    redirectUris: options.redirectUris ?? [REDIRECT],
    scopes: options.scopes ?? ['launch', 'launch/patient', 'launch/encounter', 'openid', 'fhirUser', 'offline_access', 'online_access', 'patient/*.cruds', 'user/*.cruds'],
    launchUrl: options.launchUrl,
    jwks: options.jwks as never,
    source: 'provision',
  });
  return { clientId: client._id, secret };
}

export interface AuthorizeOptions {
  clientId: string;
  scope: string;
  state?: string;
  redirectUri?: string;
  aud?: string;
  challenge?: string;
  method?: string;
  launch?: string;
  extra?: Record<string, string>;
}

export function authorizeParams(server: TestServer, o: AuthorizeOptions): Record<string, string> {
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: o.clientId,
    redirect_uri: o.redirectUri ?? REDIRECT,
    scope: o.scope,
    state: o.state ?? randomUUID(),
    aud: o.aud ?? server.base,
    code_challenge: o.challenge ?? pkce().challenge,
    code_challenge_method: o.method ?? 'S256',
    ...o.extra,
  };
  if (o.launch !== undefined) params.launch = o.launch;
  return params;
}

/** The server's public root (BASE_URL): the origin of every page, cookie and redirect of the flow. */
export function rootOf(server: TestServer): string {
  return server.server.app.config.baseUrl;
}

/** SMART tests run the server with BASE_URL on the loopback address the server listens on. */
export const LOOPBACK_BASE_URL = { baseUrl: 'http://127.0.0.1:0' };

export function authorizeUrl(server: TestServer, o: AuthorizeOptions): string {
  return `${rootOf(server)}/oauth2/authorize?${new URLSearchParams(authorizeParams(server, o))}`;
}

/** The interaction pages: sign in (password, then TOTP) from the first page after /authorize. */
export async function signIn(browser: FormBrowser, server: TestServer, page: Page, user: TestUser): Promise<Page> {
  const login = formOf(page, '/login');
  const afterPassword = await browser.follow(await browser.post(login.action, { ...login.fields, username: user.username, password: user.password }), rootOf(server));
  const mfa = formOf(afterPassword, '/mfa');
  return browser.follow(await browser.post(mfa.action, { ...mfa.fields, code: await freshTotp(user.totpSecret) }), rootOf(server));
}

export interface FlowOptions extends AuthorizeOptions {
  user: TestUser;
  /** Pick this patient in the picker when it appears. */
  patient?: string;
  /** Scopes to untick on the consent page; or the exact list to tick. */
  untick?: string[];
  tick?: string[];
}

/** The whole interactive flow up to the redirect back to the app: returns the code, state and redirect URL. */
export async function authorize(server: TestServer, o: FlowOptions): Promise<{ code: string; state: string; redirect: URL; browser: FormBrowser }> {
  const browser = new FormBrowser();
  const origin = rootOf(server);
  let page = await browser.follow(await browser.get(authorizeUrl(server, o)), origin);
  page = await signIn(browser, server, page, o.user);
  if (page.text.includes('Select a patient')) {
    const form = formOf(page, '/patient');
    page = await browser.follow(await browser.post(form.action, { ...form.fields, patient: o.patient ?? choicesOf(page, 'patient')[0] }), origin);
  }
  if (page.text.includes('Select an encounter')) {
    const form = formOf(page, '/encounter');
    page = await browser.follow(await browser.post(form.action, { ...form.fields, encounter: choicesOf(page, 'encounter')[0] }), origin);
  }
  const consent = formOf(page, '/consent');
  const offered = choicesOf(page, 'scope');
  const requested = o.scope.split(' ');
  const ticked = o.tick ?? requested.filter((s) => offered.includes(s) && !(o.untick ?? []).includes(s));
  const done = await browser.post(consent.action, { ...consent.fields, scope: ticked, decision: 'allow' });
  if (!done.location) throw new Error(`consent did not redirect (status ${done.status}): ${done.text.slice(0, 500)}`);
  const redirect = new URL(done.location);
  return { code: redirect.searchParams.get('code') ?? '', state: redirect.searchParams.get('state') ?? '', redirect, browser };
}

export function tokenUrl(server: TestServer): string {
  return `${rootOf(server)}/oauth2/token`;
}
