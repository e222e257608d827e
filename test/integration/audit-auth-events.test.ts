import { addApp, addUser, authorize, authorizeUrl, formOf, FormBrowser, LOOPBACK_BASE_URL, pkce, REDIRECT, rootOf, tokenUrl } from '../support/auth-flow';
import { postForm, registerBackendClient, requestBackendToken } from '../support/auth-backend';
import { startTestServer, type TestServer } from '../support/test-server';

/** Denials, sign-ins and tokens are audited too (issue 5), in the same trail as interactions on data. */
describe('security events in the audit trail', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ ...LOOPBACK_BASE_URL });
  });
  afterAll(() => t.stop());

  const events = async (query: string) => ((await t.fhir(`/AuditEvent?${query}&_sort=-date&_count=200`)).json.entry ?? []).map((e: any) => e.resource);

  it('records a request without a token as a refused interaction (outcome 8)', async () => {
    const res = await t.fhir('/Patient', { anonymous: true, headers: { 'x-request-id': 'no-token-here' } });
    expect(res.status).toBe(401);
    const refused = (await events('outcome=8')).find((e: any) => e.entity.some((x: any) => x.what?.identifier?.value === 'no-token-here'));
    expect(refused.outcomeDesc).toMatch(/token/i);
  });

  it('records a type the token does not grant as a refused interaction (outcome 8)', async () => {
    const { clientId, key } = await registerBackendClient(t.server.app.store, t.base, { scopes: ['system/Patient.rs'] });
    const token = (await requestBackendToken(tokenUrl(t), clientId, key, 'system/Patient.rs')).json.access_token;
    const res = await t.fhir('/Observation?code=x', { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'not-granted' } });
    expect(res.status).toBe(403);
    const refused = (await events('outcome=8')).find((e: any) => e.entity.some((x: any) => x.what?.identifier?.value === 'not-granted'));
    expect(refused.agent.some((a: any) => a.who?.identifier?.value === clientId)).toBe(true);
  });

  it('records token issuance to a backend client', async () => {
    const { clientId, key } = await registerBackendClient(t.server.app.store, t.base, { scopes: ['system/Patient.rs'] });
    const answer = await requestBackendToken(tokenUrl(t), clientId, key, 'system/Patient.rs');
    expect(answer.status).toBe(200);
    const issued = (await events('type=http://dicom.nema.org/resources/ontology/DCM|110114&subtype=token-issued')).find((e: any) =>
      e.agent.some((a: any) => a.who?.identifier?.value === clientId),
    );
    expect(issued.outcome).toBe('0');
    expect(issued.outcomeDesc).toContain('system/Patient.rs');
  });

  it('records failed and successful sign-ins (DICOM Login), and the patient an app was given', async () => {
    const { clientId } = await addApp(t);
    const user = await addUser(t, { roles: ['clinician'] });
    const browser = new FormBrowser();
    const page = await browser.follow(await browser.get(authorizeUrl(t, { clientId, scope: 'patient/*.rs' })), rootOf(t));
    const login = formOf(page, '/login');
    expect((await browser.post(login.action, { ...login.fields, username: user.username, password: 'wrong' })).status).toBe(401);
    const failed = (await events('subtype=http://dicom.nema.org/resources/ontology/DCM|110122&outcome=4'))[0];
    expect(failed.agent[0].who.identifier.value).toBe(user.username);

    const patient = (await t.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Picked' }] } })).json.id;
    const { verifier, challenge } = pkce();
    const { code } = await authorize(t, { clientId, scope: 'launch/patient patient/*.rs', user, patient, challenge });
    const token = await postForm(tokenUrl(t), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier });
    expect(token.json.patient).toBe(patient);
    const logins = await events('subtype=http://dicom.nema.org/resources/ontology/DCM|110122&outcome=0');
    expect(logins.some((e: any) => e.agent[0].who.identifier?.value === user.username)).toBe(true);
    // The patient's accounting of disclosures shows the app that was given their record.
    const report = (await t.fhir(`/Patient/${patient}/$access-report`)).json;
    const accesses = report.parameter.filter((p: any) => p.name === 'access').map((p: any) => Object.fromEntries(p.part.map((x: any) => [x.name, x.valueCode ?? x.valueString])));
    expect(accesses).toContainEqual(expect.objectContaining({ interaction: 'token-issued', app: clientId }));
  });
});
