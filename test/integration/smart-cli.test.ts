import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../smart/cli/fhir-admin';
import type { CliIo } from '../../smart/cli/commands';
import { generateBackendKey, postForm, requestBackendToken } from '../support/auth-backend';
import { authorize, pkce, REDIRECT, tokenUrl } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

/** Runs the CLI in-process against a data directory, as `fhir-admin <argv>` with that environment. */
async function cli(dataDir: string, argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), readPassword: async () => stdin.split('\n')[0], readFile: (p) => fs.readFileSync(p, 'utf8') };
  const code = await main(argv, io, { DATA_DIR: dataDir, BASE_URL: 'http://127.0.0.1:0', DURABILITY: 'commit' });
  return { code, out, err };
}

const line = (text: string, label: string) => new RegExp(`^${label}: (.+)$`, 'm').exec(text)?.[1];

describe('fhir-admin CLI (operates on the same store as the server)', () => {
  let dataDir: string;
  let server: TestServer | undefined;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-cli-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is the package bin, with a shebang', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg.bin['fhir-admin']).toBe('dist/smart/cli/fhir-admin.js');
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'smart', 'cli', 'fhir-admin.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints usage', async () => {
    const { code, out } = await cli(dataDir, ['help']);
    expect(code).toBe(0);
    expect(out).toContain('fhir-admin client add');
  });

  it('adds a user (password from stdin, TOTP printed) and an app, then launches it in EHR mode; the server honours all of it', async () => {
    const user = await cli(dataDir, ['user', 'add', '--username', 'dr.who', '--role', 'clinician', '--fhir-user', 'Practitioner/p1'], 'a long enough passphrase\n');
    expect(user.code).toBe(0);
    const totpSecret = line(user.out, 'totp secret')!;
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(line(user.out, 'otpauth uri')).toMatch(/^otpauth:\/\/totp\/.+secret=/);

    const app = await cli(dataDir, ['client', 'add', '--kind', 'public', '--id', 'growth-chart', '--name', 'Growth Chart', '--redirect-uri', REDIRECT, '--scope', 'launch openid fhirUser patient/*.rs', '--launch-url', 'http://127.0.0.1:9/launch']);
    expect(app.code).toBe(0);
    expect(line(app.out, 'client_id')).toBe('growth-chart');

    const launch = await cli(dataDir, ['launch', '--client', 'growth-chart', '--patient', 'pat-1']);
    expect(launch.code).toBe(0);
    const launchUrl = new URL(launch.out.trim());
    expect(launchUrl.searchParams.get('iss')).toBe('http://127.0.0.1:0/fhir');
    const launchId = launchUrl.searchParams.get('launch')!;

    server = await startTestServer({ baseUrl: 'http://127.0.0.1:0' }, dataDir);
    await server.fhir('/Patient/pat-1', { method: 'PUT', body: { resourceType: 'Patient', id: 'pat-1' } });
    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId: 'growth-chart', scope: 'launch patient/*.rs', launch: launchId, user: { username: 'dr.who', password: 'a long enough passphrase', totpSecret, id: '' }, challenge });
    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: 'growth-chart' });
    expect(answer.json.patient).toBe('pat-1');
  });

  it('adds symmetric and asymmetric clients (JWKS file), lists and removes them', async () => {
    const symmetric = await cli(dataDir, ['client', 'add', '--kind', 'symmetric', '--name', 'Server App', '--redirect-uri', 'https://app.example/cb', '--scope', 'user/*.rs']);
    expect(line(symmetric.out, 'client_secret')).toEqual(expect.any(String));
    const key = await generateBackendKey('ES384');
    const jwksFile = path.join(dataDir, 'jwks.json');
    fs.writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
    const backend = await cli(dataDir, ['client', 'add', '--kind', 'asymmetric', '--id', 'lab-feed', '--name', 'Lab feed', '--scope', 'system/Observation.cruds', '--jwks-file', jwksFile]);
    expect(backend.code).toBe(0);
    expect(line(backend.out, 'grants')).toBe('client_credentials');
    const list = await cli(dataDir, ['client', 'list']);
    expect(list.out).toMatch(/^lab-feed\tconfidential-asymmetric\tLab feed/m);

    server = await startTestServer({ baseUrl: 'http://127.0.0.1:0' }, dataDir);
    const issued = await requestBackendToken(tokenUrl(server), 'lab-feed', key, 'system/Observation.cruds');
    expect(issued.status).toBe(200);
    await server.stop();
    server = undefined;

    expect((await cli(dataDir, ['client', 'remove', '--id', 'lab-feed'])).code).toBe(0);
    expect((await cli(dataDir, ['client', 'remove', '--id', 'lab-feed'])).code).toBe(1);
  });

  it('disables users and revokes tokens', async () => {
    await cli(dataDir, ['user', 'add', '--username', 'nurse.joy', '--role', 'nurse@2026-01-01T07:00:00Z/2099-01-01T19:00:00Z'], 'another long passphrase\n');
    expect((await cli(dataDir, ['user', 'list'])).out).toMatch(/^nurse\.joy\tactive\tnurse@2026-01-01T07:00:00.000Z\/2099-01-01T19:00:00.000Z/m);
    expect((await cli(dataDir, ['user', 'disable', '--username', 'nurse.joy'])).code).toBe(0);
    expect((await cli(dataDir, ['user', 'list'])).out).toMatch(/^nurse\.joy\tdisabled/m);
    expect((await cli(dataDir, ['token', 'revoke', '--user', 'nurse.joy'])).out).toMatch(/^revoked 0 access token/);
    expect((await cli(dataDir, ['token', 'revoke'])).code).toBe(1);
  });

  it('refuses bad input with a message', async () => {
    const short = await cli(dataDir, ['user', 'add', '--username', 'x', '--role', 'clinician'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/at least 12 characters/);
    expect((await cli(dataDir, ['user', 'add', '--username', 'y', '--role', 'wizard'], 'long enough password\n')).err).toMatch(/unknown role/);
    expect((await cli(dataDir, ['client', 'add', '--kind', 'public', '--name', 'x', '--scope', 'patient/*.rs', '--redirect-uri', 'http://evil.example/cb'])).err).toMatch(/https/);
    expect((await cli(dataDir, ['frobnicate'])).code).toBe(2);
  });
});
