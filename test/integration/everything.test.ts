import { postForm } from '../support/auth-backend';
import { addApp, addUser, authorize, LOOPBACK_BASE_URL, pkce, REDIRECT, tokenUrl } from '../support/auth-flow';
import { startTestServer, type FhirResponse, type TestServer } from '../support/test-server';

let t: TestServer;
let clientId: string;
const ids: Record<string, string> = {};

async function create(name: string, body: Record<string, unknown>): Promise<void> {
  const res = await t.fhir(`/${body.resourceType as string}`, { body });
  if (res.status !== 201) throw new Error(`${name}: ${res.status} ${res.text}`);
  ids[name] = res.json.id;
}
const ref = (name: string, type: string) => ({ reference: `${type}/${ids[name]}` });

beforeAll(async () => {
  t = await startTestServer(LOOPBACK_BASE_URL);
  ({ clientId } = await addApp(t));
  await create('gp', { resourceType: 'Practitioner', name: [{ family: 'House' }] });
  await create('otherGp', { resourceType: 'Practitioner', name: [{ family: 'Quinn' }] });
  await create('hospital', { resourceType: 'Organization', name: 'General' });
  await create('ward', { resourceType: 'Location', name: 'Ward 3' });
  await create('aspirin', { resourceType: 'Medication', code: { text: 'Aspirin' } });
  await create('alice', { resourceType: 'Patient', name: [{ family: 'Alpha' }], generalPractitioner: [ref('gp', 'Practitioner')], managingOrganization: ref('hospital', 'Organization') });
  await create('bob', { resourceType: 'Patient', name: [{ family: 'Bravo' }], generalPractitioner: [ref('otherGp', 'Practitioner')] });
  const subject = (who: string) => ({ subject: ref(who, 'Patient') });
  await create('visit', { resourceType: 'Encounter', status: 'finished', class: { code: 'IMP' }, ...subject('alice'), location: [{ location: ref('ward', 'Location') }], serviceProvider: ref('hospital', 'Organization') });
  for (let i = 0; i < 5; i++) {
    await create(`lab${i}`, { resourceType: 'Observation', status: 'final', code: { text: `lab ${i}` }, ...subject('alice'), performer: [ref('gp', 'Practitioner')] });
  }
  await create('asthma', { resourceType: 'Condition', code: { text: 'Asthma' }, ...subject('alice') });
  await create('prescription', { resourceType: 'MedicationRequest', status: 'active', intent: 'order', medicationReference: ref('aspirin', 'Medication'), ...subject('alice') });
  await create('bobLab', { resourceType: 'Observation', status: 'final', code: { text: 'bob lab' }, ...subject('bob'), performer: [ref('otherGp', 'Practitioner')] });
}, 60_000);
afterAll(() => t?.stop());

/** What a response returns, as `Type/name` using the names above (unknown ids as they are). */
function returned(res: FhirResponse): string[] {
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return (res.json.entry ?? []).map((e: any) => `${e.resource.resourceType}/${names.get(e.resource.id) ?? e.resource.id}`).sort();
}

const aliceRecord = [
  'Condition/asthma', 'Encounter/visit', 'Location/ward', 'Medication/aspirin', 'MedicationRequest/prescription',
  'Observation/lab0', 'Observation/lab1', 'Observation/lab2', 'Observation/lab3', 'Observation/lab4',
  'Organization/hospital', 'Patient/alice', 'Practitioner/gp',
];

describe('Patient/[id]/$everything (R4 patient-operation-everything.html)', () => {
  it('returns the patient, their compartment, and the practitioners, organizations, locations and medications it refers to', async () => {
    const res = await t.fhir(`/Patient/${ids.alice}/$everything`);
    expect(res.status).toBe(200);
    expect(res.json.type).toBe('searchset');
    expect(returned(res)).toEqual(aliceRecord);
    expect(res.json.total).toBe(9);
    expect(res.json.entry.find((e: any) => e.resource.resourceType === 'Practitioner').search.mode).toBe('include');
  });

  it('without _count, returns the whole record in one Bundle (R4: unless the client asks otherwise), beyond DEFAULT_PAGE_SIZE', async () => {
    const many = (await t.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Many' }] } })).json.id;
    const entries = Array.from({ length: 25 }, (_, i) => ({
      resource: { resourceType: 'Observation', status: 'final', code: { text: `many ${i}` }, subject: { reference: `Patient/${many}` } },
      request: { method: 'POST', url: 'Observation' },
    }));
    expect((await t.fhir('/', { body: { resourceType: 'Bundle', type: 'transaction', entry: entries } })).status).toBe(200);
    const res = await t.fhir(`/Patient/${many}/$everything`);
    expect(res.json.entry).toHaveLength(26);
    expect(res.json.total).toBe(26);
    expect(res.json.link.some((l: any) => l.relation === 'next')).toBe(false);
  });

  it('pages with _count: following next links returns every resource of the record, each match once', async () => {
    const seen: string[] = [];
    const matches: string[] = [];
    let url: string | undefined = `/Patient/${ids.alice}/$everything?_count=3`;
    let pages = 0;
    while (url) {
      const page = await t.fhir(url);
      expect(page.status).toBe(200);
      pages++;
      // The page that ends exactly on the last resource of a type cannot know whether later types hold more, so
      // the last page may be empty (search.html#paging allows it).
      const entries = page.json.entry ?? [];
      expect(entries.filter((e: any) => e.search.mode === 'match').length).toBeLessThanOrEqual(3);
      seen.push(...returned(page));
      matches.push(...entries.filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id));
      const next = page.json.link.find((l: any) => l.relation === 'next')?.url;
      url = next ? next.slice(t.base.length) : undefined;
    }
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(new Set(matches).size).toBe(matches.length);
    expect([...new Set(seen)].sort()).toEqual(aliceRecord);
  });

  it('returns only the types _type names, referenced ones included', async () => {
    const res = await t.fhir(`/Patient/${ids.alice}/$everything?_type=Observation,Practitioner`);
    expect(returned(res)).toEqual(['Observation/lab0', 'Observation/lab1', 'Observation/lab2', 'Observation/lab3', 'Observation/lab4', 'Practitioner/gp']);
  });

  it('returns only what changed at or after _since', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const lab = (await t.fhir(`/Observation/${ids.lab2}`)).json;
    await t.fhir(`/Observation/${ids.lab2}`, { method: 'PUT', body: { ...lab, status: 'amended' } });
    const res = await t.fhir(`/Patient/${ids.alice}/$everything?_since=${encodeURIComponent(since)}`);
    expect(returned(res)).toEqual(['Observation/lab2', 'Practitioner/gp']);
  });

  it('narrows to a care date range with start and end: overlapping periods are in, undated resources of dated types out, undated types in', async () => {
    await create('carol', { resourceType: 'Patient', name: [{ family: 'Charlie' }] });
    const subject = ref('carol', 'Patient');
    await create('carolVisit', { resourceType: 'Encounter', status: 'finished', class: { code: 'IMP' }, subject, period: { start: '2023-12-30T08:00:00Z', end: '2024-01-02T12:00:00Z' } });
    await create('carolLab', { resourceType: 'Observation', status: 'final', code: { text: 'in range' }, subject, effectiveDateTime: '2024-06-01T09:30:00Z' });
    await create('carolOldLab', { resourceType: 'Observation', status: 'final', code: { text: 'before start' }, subject, effectiveDateTime: '2022-01-01T09:30:00Z' });
    await create('carolUndatedLab', { resourceType: 'Observation', status: 'final', code: { text: 'no date' }, subject });
    await create('carolLateProblem', { resourceType: 'Condition', code: { text: 'after end' }, subject, recordedDate: '2025-02-01' });
    await create('carolCover', { resourceType: 'Coverage', status: 'active', beneficiary: subject, payor: [ref('hospital', 'Organization')] });
    const res = await t.fhir(`/Patient/${ids.carol}/$everything?start=2024-01-01&end=2024-12-31`);
    expect(res.status).toBe(200);
    expect(returned(res)).toEqual(['Coverage/carolCover', 'Encounter/carolVisit', 'Observation/carolLab', 'Organization/hospital', 'Patient/carol']);
    expect(returned(await t.fhir(`/Patient/${ids.carol}/$everything?end=2023`))).toEqual(['Coverage/carolCover', 'Encounter/carolVisit', 'Observation/carolOldLab', 'Organization/hospital', 'Patient/carol']);
    expect(returned(await t.fhir(`/Patient/${ids.carol}/$everything?start=2025-01`))).toEqual(['Condition/carolLateProblem', 'Coverage/carolCover', 'Organization/hospital', 'Patient/carol']);
    // A year-precision start still takes in a stay that began the year before.
    expect(returned(await t.fhir(`/Patient/${ids.carol}/$everything?start=2024&_type=Encounter`))).toEqual(['Encounter/carolVisit']);

    // The range holds across pages, in the links and in the POST form.
    const paged = await t.fhir(`/Patient/${ids.carol}/$everything?start=2024-01-01&end=2024-12-31&_count=1`);
    const next = new URL(paged.json.link.find((l: any) => l.relation === 'next').url);
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ start: '2024-01-01', end: '2024-12-31', _count: '1' });
    const posted = await t.fhir(`/Patient/${ids.carol}/$everything`, {
      method: 'POST',
      body: { resourceType: 'Parameters', parameter: [{ name: 'start', valueDate: '2024-01-01' }, { name: 'end', valueDate: '2024-12-31' }] },
    });
    expect(returned(posted)).toEqual(returned(res));

    const badStart = await t.fhir(`/Patient/${ids.carol}/$everything?start=last-year`);
    expect(badStart.status).toBe(400);
    expect(badStart.json.issue[0].expression).toEqual(['start']);
    const backwards = await t.fhir(`/Patient/${ids.carol}/$everything?start=2024-06&end=2024-05-31`);
    expect(backwards.status).toBe(400);
    expect(backwards.json.issue[0].expression).toEqual(['end']);
  });

  it('is audited as one operation on the patient', async () => {
    await t.fhir(`/Patient/${ids.alice}/$everything`, { headers: { 'x-request-id': 'everything-audit' } });
    const events = (await t.fhir('/AuditEvent?_count=1000&_sort=-date')).json.entry.map((e: any) => e.resource);
    const ofRequest = events.filter((e: any) => (e.entity ?? []).some((x: any) => x.what?.identifier?.value === 'everything-audit'));
    expect(ofRequest).toHaveLength(1);
    expect(ofRequest[0].subtype[0]).toMatchObject({ code: 'operation', display: '$everything' });
    expect(ofRequest[0].entity.find((x: any) => x.role?.code === '1').what.reference).toBe(`Patient/${ids.alice}`);
  });

  it('answers GET entries of a batch, one per patient, as the GET would, and audits each', async () => {
    const url = (who: string, query = '') => `Patient/${ids[who]}/$everything${query}`;
    const res = await t.fhir('/', {
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: url('alice') } },
          { request: { method: 'GET', url: url('bob', '?_type=Patient,Observation') } },
          { request: { method: 'GET', url: url('alice', '?_count=4') } },
          { request: { method: 'GET', url: url('alice', '?_count=0') } },
          { request: { method: 'GET', url: `Observation/${ids.lab0}/$everything` } },
        ],
      },
      headers: { 'x-request-id': 'everything-batch' },
    });
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['200 OK', '200 OK', '200 OK', '400 Bad Request', '400 Bad Request']);
    const [alice, bob, firstPage] = res.json.entry.map((e: any) => e.resource);
    expect(returned({ json: alice } as FhirResponse)).toEqual(aliceRecord);
    expect(returned({ json: bob } as FhirResponse)).toEqual(['Observation/bobLab', 'Patient/bob']);
    const next = firstPage.link.find((l: any) => l.relation === 'next').url as string;
    expect(next).toContain(`/Patient/${ids.alice}/$everything?_count=4&_page=`);
    expect((await t.fhir(next.slice(next.indexOf('/Patient/')))).status).toBe(200);
    expect(res.json.entry[3].response.outcome.issue[0].expression).toEqual(['_count']);
    expect(res.json.entry[4].response.outcome.issue[0].diagnostics).toContain('only Patient/[id]/$everything');
    const events = (await t.fhir('/AuditEvent?_count=1000&_sort=-date')).json.entry.map((e: any) => e.resource);
    const ofRequest = events.filter((e: any) => (e.entity ?? []).some((x: any) => x.what?.identifier?.value === 'everything-batch'));
    const everythingOf = ofRequest.filter((e: any) => e.subtype[0].display === '$everything' && e.outcome === '0');
    expect(everythingOf.map((e: any) => e.entity.find((x: any) => x.role?.code === '1').what.reference).sort()).toEqual(
      [`Patient/${ids.alice}`, `Patient/${ids.alice}`, `Patient/${ids.bob}`].sort(),
    );
  });

  it('answers a GET entry of a transaction after the transaction\'s writes, which it shows', async () => {
    const dora = (await t.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: 'Delta' }] } })).json.id;
    const res = await t.fhir('/', {
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { request: { method: 'GET', url: `Patient/${dora}/$everything` } },
          { resource: { resourceType: 'Observation', status: 'final', code: { text: 'in the transaction' }, subject: { reference: `Patient/${dora}` } }, request: { method: 'POST', url: 'Observation' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const record = res.json.entry[0].resource.entry.map((e: any) => e.resource.resourceType).sort();
    expect(record).toEqual(['Observation', 'Patient']);
  });

  it('takes its parameters in a POSTed Parameters resource, and pages like the GET', async () => {
    const post = (parameter: unknown[]) => t.fhir(`/Patient/${ids.alice}/$everything`, { method: 'POST', body: { resourceType: 'Parameters', parameter } });
    const res = await post([
      { name: '_type', valueCode: 'Observation' },
      { name: '_type', valueCode: 'Practitioner' },
      { name: '_count', valueInteger: 4 },
    ]);
    expect(res.status).toBe(200);
    const first = returned(res);
    expect(first.filter((r) => r.startsWith('Observation/'))).toHaveLength(4);
    const next = res.json.link.find((l: any) => l.relation === 'next')?.url as string;
    expect(next).toBeDefined();
    const rest = returned(await t.fhir(next.slice(t.base.length)));
    expect([...new Set([...first, ...rest])].sort()).toEqual(['Observation/lab0', 'Observation/lab1', 'Observation/lab2', 'Observation/lab3', 'Observation/lab4', 'Practitioner/gp']);
    expect(returned(await post([]))).toEqual(aliceRecord);
  });

  it('refuses a POST whose body is not Parameters of primitive values, saying where', async () => {
    const url = `/Patient/${ids.alice}/$everything`;
    const notParameters = await t.fhir(url, { method: 'POST', body: { resourceType: 'Patient' } });
    expect(notParameters.status).toBe(400);
    expect(notParameters.json.issue[0].expression).toEqual(['resourceType']);
    const complex = await t.fhir(url, { method: 'POST', body: { resourceType: 'Parameters', parameter: [{ name: '_since', valuePeriod: { start: '2020' } }] } });
    expect(complex.status).toBe(400);
    expect(complex.json.issue[0].expression).toEqual(['Parameters.parameter[0]']);
    const badSince = await t.fhir(url, { method: 'POST', body: { resourceType: 'Parameters', parameter: [{ name: '_since', valueInstant: 'yesterday' }] } });
    expect(badSince.status).toBe(400);
  });

  it('refuses malformed parameters and page tokens with 400', async () => {
    expect((await t.fhir(`/Patient/${ids.alice}/$everything?_since=yesterday`)).status).toBe(400);
    expect((await t.fhir(`/Patient/${ids.alice}/$everything?_type=Nonsense`)).status).toBe(400);
    expect((await t.fhir(`/Patient/${ids.alice}/$everything?_count=0`)).status).toBe(400);
    expect((await t.fhir(`/Patient/${ids.alice}/$everything?_page=garbage`)).status).toBe(400);
    expect((await t.fhir('/Patient/nobody/$everything')).status).toBe(404);
  });

  it('is listed in the CapabilityStatement on Patient', async () => {
    const statement = (await t.fhir('/metadata')).json;
    const operations = statement.rest[0].resource.find((r: any) => r.type === 'Patient').operation.map((o: any) => o.name);
    expect(operations).toContain('everything');
  });
});

describe('$everything with SMART tokens: the caller\'s scopes decide what is seen', () => {
  async function token(scope: string, patient: string): Promise<Record<string, string>> {
    const { verifier, challenge } = pkce();
    const user = await addUser(t, { roles: ['clinician'] });
    const { code } = await authorize(t, { clientId, scope, user, challenge, patient });
    const answer = await postForm(tokenUrl(t), { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: clientId });
    if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.json)}`);
    return { authorization: `Bearer ${answer.json.access_token}` };
  }

  it('a patient/ token of that patient gets their whole record', async () => {
    const auth = await token('launch/patient patient/*.rs', ids.alice);
    const res = await t.fhir(`/Patient/${ids.alice}/$everything`, { headers: auth });
    expect(res.status).toBe(200);
    expect(returned(res)).toEqual(aliceRecord);
  });

  it('a patient/ token confined to another patient is answered 404, as a read of that patient is', async () => {
    const auth = await token('launch/patient patient/*.rs', ids.bob);
    const res = await t.fhir(`/Patient/${ids.alice}/$everything`, { headers: auth });
    expect(res.status).toBe(404);
    expect(returned(await t.fhir(`/Patient/${ids.bob}/$everything`, { headers: auth }))).toEqual(['Observation/bobLab', 'Patient/bob', 'Practitioner/otherGp']);
  });

  it('leaves out the types and referenced resources the scopes do not cover', async () => {
    const auth = await token('launch/patient patient/Patient.rs patient/Observation.rs', ids.alice);
    const res = await t.fhir(`/Patient/${ids.alice}/$everything`, { headers: auth });
    expect(res.status).toBe(200);
    expect(returned(res)).toEqual(['Observation/lab0', 'Observation/lab1', 'Observation/lab2', 'Observation/lab3', 'Observation/lab4', 'Patient/alice']);
  });

  it('in a batch, a patient/ token gets its own patient\'s record and 404 for another\'s', async () => {
    const auth = await token('launch/patient patient/*.rs', ids.bob);
    const entry = (who: string) => ({ request: { method: 'GET', url: `Patient/${ids[who]}/$everything` } });
    const res = await t.fhir('/', { body: { resourceType: 'Bundle', type: 'batch', entry: [entry('alice'), entry('bob')] }, headers: auth });
    expect(res.status).toBe(200);
    expect(res.json.entry.map((e: any) => e.response.status)).toEqual(['404 Not Found', '200 OK']);
    expect(returned({ json: res.json.entry[1].resource } as FhirResponse)).toEqual(['Observation/bobLab', 'Patient/bob', 'Practitioner/otherGp']);
  });

  it('without an id, is the record of the patient the token is confined to, by GET and by POST', async () => {
    const auth = await token('launch/patient patient/*.rs', ids.alice);
    const res = await t.fhir('/Patient/$everything', { headers: auth });
    expect(res.status).toBe(200);
    expect(returned(res)).toEqual(aliceRecord);
    expect(res.json.link.find((l: any) => l.relation === 'self').url).toContain(`/Patient/${ids.alice}/$everything`);
    const posted = await t.fhir('/Patient/$everything', { method: 'POST', headers: auth, body: { resourceType: 'Parameters', parameter: [{ name: '_type', valueString: 'Patient' }] } });
    expect(returned(posted)).toEqual(['Patient/alice']);
  });

  it('without an id, is refused with 400 for a caller not confined to one patient', async () => {
    const auth = await token('launch/patient patient/Observation.rs', ids.alice);
    const unconfined = await t.fhir('/Patient/$everything');
    expect(unconfined.status).toBe(400);
    expect(unconfined.json.issue[0].diagnostics).toContain('name the patient: Patient/[id]/$everything');
    expect((await t.fhir('/Patient/$everything', { headers: auth })).status).toBe(400);
  });

  it('is forbidden without read access to Patient', async () => {
    const auth = await token('launch/patient patient/Observation.rs', ids.alice);
    expect((await t.fhir(`/Patient/${ids.alice}/$everything`, { headers: auth })).status).toBe(403);
  });
});
