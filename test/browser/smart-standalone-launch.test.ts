import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { addApp, addUser, freshTotp, LOOPBACK_BASE_URL, type TestUser } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A person's standalone launch in a real browser: Debian's Chromium, driven by playwright-core (which downloads
 * no browser), runs a small app built on SMART's own JS client (fhirclient's browser build) served from a local
 * static server; the user signs in with password and TOTP, picks the patient, unticks one scope, and the app
 * reads the patient.
 */
const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = path.join(__dirname, 'app');
const FHIR_CLIENT = require.resolve('fhirclient/build/fhir-client.min.js');
const WAIT = { timeout: 60_000 };

let server: TestServer;
let appServer: http.Server;
let appOrigin: string;
let context: BrowserContext | undefined;
let profileDir: string;
let shotsDir: string;
let user: TestUser;
let clientId: string;
let patientId: string;

// `.ci/run` installs Debian's Chromium, so CI always runs this; on a developer machine without it the suite is
// reported as skipped (never downloaded or faked), and in CI a missing browser fails below instead.
const describeWithChromium = fs.existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  appServer = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const file = pathname === '/fhir-client.js' ? FHIR_CLIENT : path.join(APP_DIR, path.basename(pathname));
    if (!fs.existsSync(file)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8');
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;

  patientId = (await server.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Chalmers', given: ['Peter', 'James'] }], birthDate: '1974-12-25', gender: 'male' } })).json.id;
  await server.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Someone', given: ['Else'] }], birthDate: '1980-01-01' } });
  await server.fhir('/Observation', { body: { resourceType: 'Observation', status: 'final', code: { text: 'Heart rate' }, subject: { reference: `Patient/${patientId}` } } });
  const practitioner = (await server.fhir('/Practitioner', { body: { resourceType: 'Practitioner', name: [{ family: 'Careful', given: ['Adam'] }] } })).json.id;
  user = await addUser(server, { roles: ['clinician'], fhirUser: `Practitioner/${practitioner}` });
  ({ clientId } = await addApp(server, { redirectUris: [`${appOrigin}/index.html`], scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/*.rs'] }));

  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  shotsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-browser-shots-'));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => appServer?.close(resolve));
  await server?.stop();
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
}, 60_000);

async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

describeWithChromium('standalone launch in Chromium with fhirclient', () => {
  it('signs in with password and TOTP, picks the patient, unticks a scope, and the app reads the patient', async () => {
    context = await launchBrowser();
    const page: Page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const scope = 'launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs';
    const launch = `${appOrigin}/launch.html?${new URLSearchParams({ iss: server.base, client_id: clientId, scope })}`;
    await page.goto(launch);

    await page.waitForSelector('#username', WAIT);
    await shot(page, '1-login');
    await page.fill('#username', user.username);
    await page.fill('#password', user.password);
    await page.click('button[type=submit]');

    await page.waitForSelector('#code', WAIT);
    await page.fill('#code', await freshTotp(user.totpSecret));
    await page.click('button[type=submit]');

    await page.waitForSelector('text=Select a patient', WAIT);
    await shot(page, '2-patient-picker');
    await page.getByLabel('Chalmers, Peter James').check();
    await page.click('button:has-text("Select patient")');

    await page.waitForSelector('text=Allow access?', WAIT);
    await page.locator('input[name=scope][value="patient/Observation.rs"]').uncheck();
    await shot(page, '3-consent');
    await page.click('button:has-text("Allow")');

    await page.waitForURL(`${appOrigin}/index.html*`, WAIT);
    await page.waitForSelector('#status:has-text("Ready")', WAIT);
    await shot(page, '4-app');
    expect(await page.textContent('#patient-name')).toBe('Peter James Chalmers');
    expect(await page.textContent('#patient-id')).toBe(patientId);
    expect(await page.textContent('#birth-date')).toBe('1974-12-25');
    expect(await page.textContent('#scope')).toBe('launch/patient openid fhirUser patient/Patient.rs');
    expect(await page.textContent('#user')).toMatch(/^Practitioner\//);
    expect(await page.textContent('#observations')).toBe('not shared (403)');
  }, 180_000);
});

async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  process.stdout.write(`screenshot: ${file}\n`);
}
