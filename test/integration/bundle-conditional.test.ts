import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/test-server';

const MRN = 'http://hospital.example/mrn';
const LAB = 'http://lab.example/ids';
const urn = () => `urn:uuid:${randomUUID()}`;
const transaction = (...entry: object[]) => ({ resourceType: 'Bundle', type: 'transaction', entry });
const patient = (mrn: string) => ({ resourceType: 'Patient', identifier: [{ system: MRN, value: mrn }], name: [{ family: 'Okafor' }] });
const observation = (subject: string, extra: object = {}) => ({ resourceType: 'Observation', status: 'final', code: { text: 'glucose' }, subject: { reference: subject }, ...extra });

/**
 * What a lab system sends for one result: the Patient matched by MRN, the order, the specimen, two results and the
 * report, each created only if it is not there yet, linked by urn:uuid (R4 http.html#trules, #ccreate).
 */
function labResult(mrn: string, accession: string) {
  const ids = { patient: urn(), order: urn(), specimen: urn(), glucose: urn(), potassium: urn() };
  const ident = (value: string) => [{ system: LAB, value }];
  const create = (fullUrl: string, resource: object, ifNoneExist: string) => ({ fullUrl, resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType, ifNoneExist } });
  return transaction(
    create(ids.patient, patient(mrn), `identifier=${MRN}|${mrn}`),
    create(ids.order, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: ident(`${accession}-order`), subject: { reference: ids.patient } }, `identifier=${LAB}|${accession}-order`),
    create(ids.specimen, { resourceType: 'Specimen', accessionIdentifier: { system: LAB, value: accession }, subject: { reference: ids.patient }, request: [{ reference: ids.order }] }, `accession=${LAB}|${accession}`),
    create(ids.glucose, observation(ids.patient, { identifier: ident(`${accession}-glu`), specimen: { reference: ids.specimen }, basedOn: [{ reference: ids.order }] }), `identifier=${LAB}|${accession}-glu`),
    create(ids.potassium, observation(ids.patient, { identifier: ident(`${accession}-k`), code: { text: 'potassium' }, specimen: { reference: ids.specimen } }), `identifier=${LAB}|${accession}-k`),
    create(urn(), { resourceType: 'DiagnosticReport', status: 'final', code: { text: 'panel' }, identifier: ident(`${accession}-rep`), subject: { reference: ids.patient }, result: [{ reference: ids.glucose }, { reference: ids.potassium }] }, `identifier=${LAB}|${accession}-rep`),
  );
}

describe('conditional operations and references in Bundles (R4 http.html#trules)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  const post = (body: object) => t.fhir('/', { body });
  const total = async (query: string) => (await t.fhir(`${query}&_total=accurate&_count=0`)).json.total as number;

  it('ingests a lab result once: re-sending the same transaction creates nothing new and links to what exists', async () => {
    const first = await post(labResult('L-1', 'ACC-1'));
    expect(first.status).toBe(200);
    expect(first.json.entry.map((e: any) => e.response.status)).toEqual(Array(6).fill('201 Created'));
    const again = await post(labResult('L-1', 'ACC-1'));
    expect(again.status).toBe(200);
    expect(again.json.entry.map((e: any) => e.response.status)).toEqual(Array(6).fill('200 OK'));
    expect(again.json.entry.map((e: any) => e.response.location)).toEqual(first.json.entry.map((e: any) => e.response.location));
    expect(await total(`/Patient?identifier=${MRN}|L-1`)).toBe(1);
    expect(await total(`/Observation?identifier=${LAB}|ACC-1-glu`)).toBe(1);
    expect(await total(`/DiagnosticReport?identifier=${LAB}|ACC-1-rep`)).toBe(1);
    // A second result for the same patient reuses the Patient and adds the new resources.
    const second = await post(labResult('L-1', 'ACC-2'));
    expect(second.json.entry.map((e: any) => e.response.status)).toEqual(['200 OK', ...Array(5).fill('201 Created')]);
    expect(second.json.entry[3].resource.subject.reference).toBe(first.json.entry[0].response.location.split('/_history')[0]);
  });

  it('resolves a conditional reference that matches exactly one resource', async () => {
    const id = (await t.fhir('/Patient', { body: patient('C-1') })).json.id;
    const res = await post(transaction({ resource: observation(`Patient?identifier=${MRN}|C-1`), request: { method: 'POST', url: 'Observation' } }));
    expect(res.status).toBe(200);
    expect(res.json.entry[0].resource.subject.reference).toBe(`Patient/${id}`);
  });

  it('fails the transaction when a conditional reference matches no resource (400) or several (412)', async () => {
    const none = await post(transaction({ resource: patient('C-2'), request: { method: 'POST', url: 'Patient' } }, { resource: observation(`Patient?identifier=${MRN}|nobody`), request: { method: 'POST', url: 'Observation' } }));
    expect(none.status).toBe(400);
    expect(none.json.issue.map((i: any) => i.diagnostics).join(' ')).toMatch(/Patient\?identifier=.*nobody.* matches no resource/);
    expect(none.json.issue[0].expression).toEqual(['Bundle.entry[1]']);
    expect(none.json.issue[1].expression).toEqual(['Bundle.entry[1].resource.subject.reference']);
    expect(await total(`/Patient?identifier=${MRN}|C-2`)).toBe(0);

    await t.fhir('/Patient', { body: patient('C-3') });
    await t.fhir('/Patient', { body: patient('C-3') });
    const several = await post(transaction({ resource: observation(`Patient?identifier=${MRN}|C-3`), request: { method: 'POST', url: 'Observation' } }));
    expect(several.status).toBe(412);
    expect(several.json.issue.map((i: any) => i.code)).toContain('multiple-matches');
  });

  it('resolves a conditional reference to the resource an entry of the same transaction creates with the same criteria', async () => {
    const res = await post(
      transaction(
        { resource: observation(`Patient?identifier=${MRN}|C-4`), request: { method: 'POST', url: 'Observation' } },
        { resource: patient('C-4'), request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${MRN}|C-4` } },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.json.entry[0].resource.subject.reference).toBe(res.json.entry[1].response.location.split('/_history')[0]);
  });

  it('takes conditional PUT and DELETE URLs: update or create by criteria, delete the one match', async () => {
    const url = `Patient?identifier=${MRN}|C-5`;
    const created = await post(transaction({ resource: patient('C-5'), request: { method: 'PUT', url } }));
    expect(created.json.entry[0].response.status).toBe('201 Created');
    const updated = await post(transaction({ resource: { ...patient('C-5'), active: true }, request: { method: 'PUT', url } }));
    expect(updated.json.entry[0].response).toMatchObject({ status: '200 OK', etag: 'W/"2"' });
    expect(updated.json.entry[0].response.location).toBe(created.json.entry[0].response.location.replace('/_history/1', '/_history/2'));
    const deleted = await post(transaction({ request: { method: 'DELETE', url } }));
    expect(deleted.json.entry[0].response.status).toBe('200 OK');
    expect(await total(`/Patient?identifier=${MRN}|C-5`)).toBe(0);
  });

  it('refuses two conditional creates with the same criteria, and criteria that depend on each other in a circle (400)', async () => {
    const twice = await post(
      transaction(
        { resource: patient('C-6'), request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${MRN}|C-6` } },
        { resource: patient('C-6'), request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${MRN}|C-6` } },
      ),
    );
    expect(twice.status).toBe(400);
    const [a, b] = [urn(), urn()];
    const circle = await post(
      transaction(
        { fullUrl: a, resource: patient('C-7'), request: { method: 'POST', url: 'Patient', ifNoneExist: `link=${b}` } },
        { fullUrl: b, resource: patient('C-8'), request: { method: 'POST', url: 'Patient', ifNoneExist: `link=${a}` } },
      ),
    );
    expect(circle.status).toBe(400);
    expect(circle.json.issue[0].diagnostics).toMatch(/circle/);
  });

  it('resolves conditional references in a single create and update too, with the same one-match rule', async () => {
    const id = (await t.fhir('/Patient', { body: patient('C-9') })).json.id;
    const created = await t.fhir('/Observation', { body: observation(`Patient?identifier=${MRN}|C-9`) });
    expect(created.status).toBe(201);
    expect(created.json.subject.reference).toBe(`Patient/${id}`);
    const updated = await t.fhir(`/Observation/${created.json.id}`, { method: 'PUT', body: { ...created.json, focus: [{ reference: `Patient?identifier=${MRN}|C-9` }] } });
    expect(updated.json.focus[0].reference).toBe(`Patient/${id}`);
    expect((await t.fhir('/Observation', { body: observation(`Patient?identifier=${MRN}|nobody`) })).status).toBe(400);
  });
});
