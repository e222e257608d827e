import { postForm } from '../support/auth-backend';
import { addApp, addUser, authorize, LOOPBACK_BASE_URL, pkce, REDIRECT, tokenUrl } from '../support/auth-flow';
import { startTestServer, type FhirResponse, type TestServer } from '../support/test-server';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
let server: TestServer;
let clientId: string;
const ids: Record<string, string> = {};

function observation(patient: string, category: string, code: string) {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: category }] }],
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: `Patient/${patient}` },
  };
}

beforeAll(async () => {
  server = await startTestServer(LOOPBACK_BASE_URL);
  ({ clientId } = await addApp(server));
  const create = async (name: string, body: object) => {
    const response = await server.fhir(`/${(body as { resourceType: string }).resourceType}`, { body });
    if (response.status !== 201) throw new Error(`${name}: ${response.status} ${response.text}`);
    ids[name] = response.json.id;
  };
  await create('alice', { resourceType: 'Patient', name: [{ family: 'Alpha', given: ['Alice'] }] });
  await create('bob', { resourceType: 'Patient', name: [{ family: 'Bravo', given: ['Bob'] }] });
  await create('aliceLab', observation(ids.alice, 'laboratory', '2345-7'));
  await create('aliceVitals', observation(ids.alice, 'vital-signs', '8867-4'));
  await create('bobLab', observation(ids.bob, 'laboratory', '2345-7'));
  await create('aliceCondition', { resourceType: 'Condition', subject: { reference: `Patient/${ids.alice}` }, code: { text: 'Asthma' } });
  await create('medication', { resourceType: 'Medication', code: { text: 'Aspirin' } });
  await create('coverage', { resourceType: 'Coverage', status: 'active', beneficiary: { reference: `Patient/${ids.alice}` }, payor: [{ display: 'Payer' }] });
}, 60_000);
afterAll(() => server?.stop());

async function token(scope: string, options: { patient?: string; roles?: string[]; fhirUser?: string } = {}): Promise<Record<string, string>> {
  const { verifier, challenge } = pkce();
  const user = await addUser(server, { roles: options.roles ?? ['clinician'], fhirUser: options.fhirUser });
  const { code } = await authorize(server, { clientId, scope, user, challenge, patient: options.patient ?? ids.alice });
  const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.json)}`);
  return { authorization: `Bearer ${answer.json.access_token}` };
}

const ofType = (response: FhirResponse, type: string): string[] =>
  (response.json.entry ?? []).filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === type).map((e: { resource: { id: string } }) => e.resource.id).sort();

describe('patient/ scopes confine every interaction to the launch patient (SMART §patient scopes)', () => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = await token('launch/patient patient/*.cruds');
  }, 60_000);

  it('reads the patient and their resources; another patient is not found', async () => {
    expect((await server.fhir(`/Patient/${ids.alice}`, { headers: auth })).status).toBe(200);
    expect((await server.fhir(`/Observation/${ids.aliceLab}`, { headers: auth })).status).toBe(200);
    const other = await server.fhir(`/Patient/${ids.bob}`, { headers: auth });
    expect(other.status).toBe(404);
    expect((await server.fhir(`/Observation/${ids.bobLab}`, { headers: auth })).status).toBe(404);
  });

  it('filters searches, even when they name another patient', async () => {
    expect(ofType(await server.fhir('/Observation', { headers: auth }), 'Observation')).toEqual([ids.aliceLab, ids.aliceVitals].sort());
    expect(ofType(await server.fhir(`/Observation?patient=${ids.bob}`, { headers: auth }), 'Observation')).toEqual([]);
    expect(ofType(await server.fhir('/Patient', { headers: auth }), 'Patient')).toEqual([ids.alice]);
  });

  it('filters _include, _revinclude, chained and _has searches', async () => {
    const included = await server.fhir('/Observation?_include=Observation:subject', { headers: auth });
    expect(ofType(included, 'Patient')).toEqual([ids.alice]);
    const revincluded = await server.fhir('/Patient?_revinclude=Observation:subject', { headers: auth });
    expect(ofType(revincluded, 'Observation')).toEqual([ids.aliceLab, ids.aliceVitals].sort());
    expect(ofType(await server.fhir('/Observation?subject:Patient.family=Bravo', { headers: auth }), 'Observation')).toEqual([]);
    expect(ofType(await server.fhir('/Observation?subject:Patient.family=Alpha', { headers: auth }), 'Observation')).toEqual([ids.aliceLab, ids.aliceVitals].sort());
    expect(ofType(await server.fhir(`/Patient?_has:Observation:subject:code=2345-7`, { headers: auth }), 'Patient')).toEqual([ids.alice]);
  });

  it('filters history', async () => {
    expect((await server.fhir(`/Observation/${ids.bobLab}/_history`, { headers: auth })).status).toBe(404);
    const typeHistory = await server.fhir('/Observation/_history', { headers: auth });
    expect(typeHistory.status).toBe(200);
    expect(new Set(ofType(typeHistory, 'Observation'))).toEqual(new Set([ids.aliceLab, ids.aliceVitals]));
  });

  it('lets reference data outside any compartment be read (Medication)', async () => {
    expect((await server.fhir(`/Medication/${ids.medication}`, { headers: auth })).status).toBe(200);
  });

  it('refuses writes outside the compartment', async () => {
    const inside = await server.fhir('/Observation', { headers: auth, body: observation(ids.alice, 'exam', '718-7') });
    expect(inside.status).toBe(201);
    const outside = await server.fhir('/Observation', { headers: auth, body: observation(ids.bob, 'laboratory', '718-7') });
    expect([403, 404]).toContain(outside.status);
  });
});

describe('granular scopes (SMART 2.2 §Finer-grained resource constraints)', () => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = await token(`launch/patient patient/Observation.rs?category=${CATEGORY}|laboratory`);
  }, 60_000);

  it('returns only resources that match the granted query', async () => {
    expect(ofType(await server.fhir('/Observation', { headers: auth }), 'Observation')).toEqual([ids.aliceLab]);
  });

  it('refuses a read of a resource that does not match', async () => {
    expect((await server.fhir(`/Observation/${ids.aliceLab}`, { headers: auth })).status).toBe(200);
    expect([403, 404]).toContain((await server.fhir(`/Observation/${ids.aliceVitals}`, { headers: auth })).status);
  });

  it('answers 403 with an OperationOutcome for a type not granted', async () => {
    const response = await server.fhir('/Condition', { headers: auth });
    expect(response.status).toBe(403);
    expect(response.json.resourceType).toBe('OperationOutcome');
  });

  it('can be picked on the consent page in place of a broad scope', async () => {
    const { verifier, challenge } = pkce();
    const lab = `patient/Observation.rs?category=${CATEGORY}|laboratory`;
    const { code } = await authorize(server, { clientId, scope: 'launch/patient patient/Observation.rs', user: await addUser(server), challenge, patient: ids.alice, tick: ['launch/patient', lab] });
    const answer = await postForm(tokenUrl(server), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId });
    expect(answer.json.scope).toBe(`launch/patient ${lab}`);
    expect(ofType(await server.fhir('/Observation', { headers: { authorization: `Bearer ${answer.json.access_token}` } }), 'Observation')).toEqual([ids.aliceLab]);
  });
});

describe('v1 scopes', () => {
  it('maps read to read and search, and refuses writes', async () => {
    const auth = await token('launch/patient patient/Observation.read');
    expect(ofType(await server.fhir('/Observation', { headers: auth }), 'Observation')).toEqual(expect.arrayContaining([ids.aliceLab]));
    expect((await server.fhir('/Observation', { headers: auth, body: observation(ids.alice, 'laboratory', '718-7') })).status).toBe(403);
  });
});

describe('user/ scopes are limited by the user\'s roles', () => {
  it('gives a nurse reading and observation writing, not condition writing', async () => {
    const auth = await token('user/*.cruds', { roles: ['nurse'] });
    expect((await server.fhir(`/Patient/${ids.bob}`, { headers: auth })).status).toBe(200);
    expect((await server.fhir('/Observation', { headers: auth, body: observation(ids.bob, 'vital-signs', '8867-4') })).status).toBe(201);
    expect((await server.fhir('/Condition', { headers: auth, body: { resourceType: 'Condition', subject: { reference: `Patient/${ids.bob}` } } })).status).toBe(403);
    expect((await server.fhir(`/Patient/${ids.bob}`, { method: 'DELETE', headers: auth })).status).toBe(403);
  });

  it('keeps billing staff out of observations and auditors out of patients', async () => {
    const billing = await token('user/*.rs', { roles: ['billing'] });
    expect((await server.fhir(`/Observation/${ids.aliceLab}`, { headers: billing })).status).toBe(403);
    expect((await server.fhir(`/Coverage/${ids.coverage}`, { headers: billing })).status).toBe(200);
    const auditor = await token('user/*.rs', { roles: ['auditor'] });
    expect((await server.fhir(`/Patient/${ids.alice}`, { headers: auditor })).status).toBe(403);
  });

  it('follows the role window: access ends when the shift ends, on the very next request', async () => {
    // Ten seconds is ample for a sign-in even on a busy machine; the check after the end is what matters.
    const end = new Date(Date.now() + 10_000).toISOString();
    const auth = await token('user/*.rs', { roles: [`clinician@/${end}`] });
    expect((await server.fhir(`/Patient/${ids.alice}`, { headers: auth })).status).toBe(200);
    while (Date.now() < Date.parse(end) + 1_000) await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await server.fhir(`/Patient/${ids.alice}`, { headers: auth })).status).toBe(403);
  }, 60_000);

  it('grants nothing before a role window opens', async () => {
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const { verifier, challenge } = pkce();
    const user = await addUser(server, { roles: [`clinician@${start}`] });
    const { redirect } = await authorize(server, { clientId, scope: 'user/*.rs', user, challenge });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(verifier).toEqual(expect.any(String));
  });
});
