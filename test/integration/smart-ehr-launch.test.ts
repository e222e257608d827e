import { postForm } from '../support/auth-backend';
import { addApp, addUser, adminOf, authorize, authorizeUrl, FormBrowser, LOOPBACK_BASE_URL, pkce, REDIRECT, tokenUrl } from '../support/auth-flow';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let patientId: string;
let encounterId: string;
let clientId: string;
const LAUNCH_URL = 'http://127.0.0.1:9/launch.html';

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  patientId = (await server.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Launch' }] } })).json.id;
  encounterId = (
    await server.fhir('/Encounter', {
      body: { resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: `Patient/${patientId}` } },
    })
  ).json.id;
  ({ clientId } = await addApp(server, { launchUrl: LAUNCH_URL }));
}, 60_000);
afterAll(() => server?.stop());

describe('EHR launch (SMART App Launch 2.2 §EHR launch)', () => {
  it('makes a launch URL with iss and launch, and the launch context reaches the token', async () => {
    const launch = await adminOf(server).launch(clientId, { patient: patientId, encounter: encounterId });
    const url = new URL(launch.url!);
    expect(url.origin + url.pathname).toBe(LAUNCH_URL);
    expect(url.searchParams.get('iss')).toBe(server.base);
    expect(url.searchParams.get('launch')).toBe(launch.id);

    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId, scope: 'launch openid fhirUser patient/*.rs', launch: launch.id, user: await addUser(server), challenge });
    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ patient: patientId, encounter: encounterId, need_patient_banner: false });
    const auth = { authorization: `Bearer ${answer.json.access_token}` };
    expect((await server.fhir(`/Encounter/${encounterId}`, { headers: auth })).status).toBe(200);
  });

  it('refuses a launch made for another app', async () => {
    const other = await addApp(server, { launchUrl: LAUNCH_URL });
    const launch = await adminOf(server).launch(other.clientId, { patient: patientId });
    const page = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'launch patient/*.rs', launch: launch.id, state: 'x' }));
    expect(new URL(page.location!).searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses an unknown launch, and the launch scope without a launch', async () => {
    const unknown = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'launch patient/*.rs', launch: 'no-such-launch' }));
    expect(new URL(unknown.location!).searchParams.get('error')).toBe('invalid_request');
    const missing = await new FormBrowser().get(authorizeUrl(server, { clientId, scope: 'launch patient/*.rs' }));
    expect(new URL(missing.location!).searchParams.get('error')).toBe('invalid_request');
  });
});

describe('standalone launch context (launch/patient, launch/encounter)', () => {
  it('lets the user pick the patient and an encounter', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await authorize(server, { clientId, scope: 'launch/patient launch/encounter patient/*.rs', user: await addUser(server), challenge, patient: patientId });
    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId });
    expect(answer.json).toMatchObject({ patient: patientId, encounter: encounterId, need_patient_banner: true });
  });

  it('makes a patient user their own launch context without a picker', async () => {
    const { verifier, challenge } = pkce();
    const user = await addUser(server, { roles: ['patient'], fhirUser: `Patient/${patientId}` });
    const { code } = await authorize(server, { clientId, scope: 'launch/patient openid fhirUser patient/*.rs', user, challenge, patient: 'not-offered' });
    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId });
    expect(answer.json.patient).toBe(patientId);
  });
});
