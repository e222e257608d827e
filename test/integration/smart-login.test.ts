import { addApp, addUser, adminOf, authorizeUrl, formOf, FormBrowser, freshTotp, LOOPBACK_BASE_URL, rootOf, type Page, type TestUser } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer({ ...LOOPBACK_BASE_URL, loginMaxFailures: 3, loginLockoutMaxSeconds: 8 });
  ({ clientId } = await addApp(server));
}, 60_000);
afterAll(() => server?.stop());

async function loginPage(browser = new FormBrowser(), target = server): Promise<{ browser: FormBrowser; page: Page }> {
  const page = await browser.follow(await browser.get(authorizeUrl(target, { clientId, scope: 'patient/*.rs' })), rootOf(target));
  return { browser, page };
}

async function submitPassword(browser: FormBrowser, page: Page, username: string, password: string): Promise<Page> {
  const form = formOf(page, '/login');
  return browser.post(form.action, { ...form.fields, username, password });
}

function errorText(page: Page): string | undefined {
  return /<p class="error" role="alert">([^<]*)<\/p>/.exec(page.text)?.[1];
}

function sessionCookie(browser: FormBrowser): string | undefined {
  return browser.cookie('fhir_session');
}

describe('sign-in: password then TOTP', () => {
  it('signs in with password and TOTP, giving the session a new id at each step', async () => {
    const user = await addUser(server);
    const { browser, page } = await loginPage();
    const anonymousId = sessionCookie(browser);
    expect(anonymousId).toEqual(expect.any(String));
    const afterPassword = await browser.follow(await submitPassword(browser, page, user.username, user.password), rootOf(server));
    expect(afterPassword.text).toContain('Verification code');
    const passwordId = sessionCookie(browser);
    expect(passwordId).not.toBe(anonymousId);
    const mfa = formOf(afterPassword, '/mfa');
    const consent = await browser.follow(await browser.post(mfa.action, { ...mfa.fields, code: await freshTotp(user.totpSecret) }), rootOf(server));
    expect(consent.text).toContain('Allow access?');
    expect(sessionCookie(browser)).not.toBe(passwordId);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax (Secure only under https)', async () => {
    const { browser } = await loginPage();
    const header = browser.setCookieHeaders[0];
    expect(header).toMatch(/^fhir_session=/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).not.toMatch(/Secure/);
  });

  it('answers a wrong password and an unknown user with the same message', async () => {
    const user = await addUser(server);
    const wrong = await loginPage();
    const wrongPassword = await submitPassword(wrong.browser, wrong.page, user.username, 'not the password at all');
    const unknown = await loginPage();
    const unknownUser = await submitPassword(unknown.browser, unknown.page, 'nobody-by-this-name', 'not the password at all');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(errorText(wrongPassword)).toBeDefined();
    expect(errorText(wrongPassword)).toBe(errorText(unknownUser));
  });

  it('accepts a TOTP code once only', async () => {
    const user = await addUser(server);
    const code = await freshTotp(user.totpSecret);
    const first = await loginPage();
    const mfa1 = formOf(await first.browser.follow(await submitPassword(first.browser, first.page, user.username, user.password), rootOf(server)), '/mfa');
    const ok = await first.browser.post(mfa1.action, { ...mfa1.fields, code });
    expect(ok.status).toBe(303);
    const second = await loginPage();
    const mfa2 = formOf(await second.browser.follow(await submitPassword(second.browser, second.page, user.username, user.password), rootOf(server)), '/mfa');
    const replay = await second.browser.post(mfa2.action, { ...mfa2.fields, code });
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('each code works once');
  });

  it('pauses sign-in after repeated failures, refusing even the right password alike, then opens again', async () => {
    const user = await addUser(server);
    for (let i = 0; i < 3; i++) {
      const { browser, page } = await loginPage();
      expect((await submitPassword(browser, page, user.username, `wrong password ${i}`)).status).toBe(401);
    }
    const paused = await loginPage();
    const refused = await submitPassword(paused.browser, paused.page, user.username, user.password);
    expect(refused.status).toBe(401);
    const unknown = await loginPage();
    expect(errorText(refused)).toBe(errorText(await submitPassword(unknown.browser, unknown.page, 'nobody-at-all', 'whatever password')));
    // The pause is capped (LOGIN_LOCKOUT_MAX = 8 s here): the user gets back in; nobody can lock them out for good.
    const deadline = Date.now() + 60_000;
    let answer: Page;
    do {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await loginPage();
      answer = await submitPassword(again.browser, again.page, user.username, user.password);
    } while (answer.status !== 303 && Date.now() < deadline);
    expect(answer.status).toBe(303);
  }, 90_000);

  it('refuses a disabled user with the same message', async () => {
    const user = await addUser(server);
    await adminOf(server).disableUser(user.username);
    const { browser, page } = await loginPage();
    const answer = await submitPassword(browser, page, user.username, user.password);
    expect(answer.status).toBe(401);
  });

  it('refuses a form without the CSRF token', async () => {
    const user: TestUser = await addUser(server);
    const { browser, page } = await loginPage();
    const form = formOf(page, '/login');
    const answer = await browser.post(form.action, { username: user.username, password: user.password });
    expect(answer.status).toBe(403);
  });

  it('binds the sign-in to the browser that started it', async () => {
    const { page } = await loginPage();
    const form = formOf(page, '/login');
    const stranger = await new FormBrowser().get(form.action.replace(/\/login$/, ''));
    expect(stranger.status).toBe(401);
  });
});

describe('session lifetimes', () => {
  it('ends a session after the idle timeout', async () => {
    const idle = await startTestServer({ ...LOOPBACK_BASE_URL, sessionIdleTimeoutSeconds: 2 });
    try {
      ({ clientId } = await addApp(idle));
      const user = await addUser(idle);
      const { browser, page } = await loginPage(new FormBrowser(), idle);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const answer = await submitPassword(browser, page, user.username, user.password);
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('Session expired');
    } finally {
      await idle.stop();
    }
  }, 60_000);

  it('ends a session at its absolute lifetime, however active', async () => {
    const short = await startTestServer({ ...LOOPBACK_BASE_URL, sessionMaxLifetimeSeconds: 4 });
    try {
      ({ clientId } = await addApp(short));
      const { browser, page } = await loginPage(new FormBrowser(), short);
      const started = Date.now();
      let last: Page = page;
      while (Date.now() - started < 5_000) {
        last = await browser.get(formOf(page, '/login').action.replace(/\/login$/, ''));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      last = await browser.get(formOf(page, '/login').action.replace(/\/login$/, ''));
      expect(last.status).toBe(401);
      expect(last.text).toContain('Session expired');
    } finally {
      await short.stop();
    }
  }, 60_000);

  it('marks the cookie Secure with the __Host- prefix when BASE_URL is https', async () => {
    const secure = await startTestServer({ baseUrl: 'https://127.0.0.1:0' });
    try {
      const { clientId: id } = await addApp(secure);
      const browser = new FormBrowser();
      const url = authorizeUrl(secure, { clientId: id, scope: 'patient/*.rs' }).replace(rootOf(secure), secure.server.url);
      await browser.get(url);
      expect(browser.setCookieHeaders[0]).toMatch(/^__Host-fhir_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await secure.stop();
    }
  });
});
