import { startTestServer, type TestServer } from '../support/test-server';

/** Bad input gets a clear 4xx OperationOutcome and leaves nothing behind (never a 500, never a partial write). */
describe('errors', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ bodyLimitBytes: 64 * 1024 });
  });
  afterAll(() => t.stop());

  async function expectNothingWritten(): Promise<void> {
    const history = await t.fhir('/_history?_count=1');
    expect(history.json.entry ?? []).toEqual([]);
  }

  const expectOutcome = (res: { status: number; json: any }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect(res.json.issue[0]).toEqual(expect.objectContaining({ severity: 'error', code: expect.any(String), diagnostics: expect.any(String) }));
  };

  it('malformed JSON is 400', async () => {
    expectOutcome(await t.fhir('/Patient', { rawBody: '{"resourceType": "Patient",' }), 400);
    await expectNothingWritten();
  });

  it('a body whose resourceType differs from the URL is 400', async () => {
    expectOutcome(await t.fhir('/Patient', { body: { resourceType: 'Observation', status: 'final', code: { text: 'x' } } }), 400);
    expectOutcome(await t.fhir('/Patient', { body: { name: [{ family: 'x' }] } }), 400);
    expectOutcome(await t.fhir('/Patient', { body: [1, 2] }), 400);
    await expectNothingWritten();
  });

  it('an unknown resource type in the URL is 404', async () => {
    expectOutcome(await t.fhir('/Patientt/1'), 404);
    expectOutcome(await t.fhir('/Patientt', { body: { resourceType: 'Patientt' } }), 404);
  });

  it('an invalid id in the URL is 400', async () => {
    expectOutcome(await t.fhir(`/Patient/${'x'.repeat(65)}`), 400);
    expectOutcome(await t.fhir('/Patient/has_underscore'), 400);
  });

  it('an invalid resource is 400 naming the element with a FHIRPath expression', async () => {
    const res = await t.fhir('/Patient', { body: { resourceType: 'Patient', gender: 'boy', birthDate: '1970-13-45', unknownThing: 1 } });
    expectOutcome(res, 400);
    const expressions = res.json.issue.flatMap((i: any) => i.expression ?? []);
    expect(expressions).toEqual(expect.arrayContaining(['Patient.gender', 'Patient.birthDate', 'Patient.unknownThing']));
    await expectNothingWritten();
  });

  it('a malformed reference is 400 naming the element', async () => {
    const res = await t.fhir('/Observation', { body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'not a reference' } } });
    expectOutcome(res, 400);
    expect(res.json.issue[0].expression).toEqual(['Observation.subject.reference']);
  });

  it('a number beyond the range of a double is 400, not stored as null', async () => {
    const rawBody = '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1e400}}';
    const res = await t.fhir('/Observation', { rawBody });
    expectOutcome(res, 400);
    expect(res.json.issue[0].expression).toEqual(['Observation.valueQuantity.value']);
    await expectNothingWritten();
  });

  it('a __proto__ key is an unknown element, named as it is written', async () => {
    const rawBody = '{"resourceType":"Patient","__proto__":{"active":true},"_gender":{"extension":[{"url":"http://e.org","valueString":"x"}]}}';
    const res = await t.fhir('/Patient', { rawBody });
    expectOutcome(res, 400);
    expect(res.json.issue.flatMap((i: any) => i.expression ?? [])).toEqual(['Patient.__proto__']);
    await expectNothingWritten();
  });

  it('a body over the size limit is 413', async () => {
    const big = { resourceType: 'Patient', name: [{ family: 'x'.repeat(70 * 1024) }] };
    expectOutcome(await t.fhir('/Patient', { body: big }), 413);
    await expectNothingWritten();
  });

  it('a body in another media type is 415', async () => {
    expectOutcome(await t.fhir('/Patient', { rawBody: '<Patient xmlns="http://hl7.org/fhir"/>', headers: { 'content-type': 'application/fhir+xml' } }), 415);
    expectOutcome(await t.fhir('/Patient', { rawBody: 'resourceType=Patient', headers: { 'content-type': 'text/plain' } }), 415);
    await expectNothingWritten();
  });

  it('an empty body is 400', async () => {
    expectOutcome(await t.fhir('/Patient', { method: 'POST', rawBody: '' }), 400);
  });

  it('a method the path does not support is 405', async () => {
    expectOutcome(await t.fhir('/metadata', { method: 'DELETE' }), 405);
    expectOutcome(await t.fhir('/Patient/1', { method: 'POST', body: { resourceType: 'Patient' } }), 405);
  });

  it('values that look like query operators are data', async () => {
    const res = await t.fhir('/Patient', { body: { resourceType: 'Patient', name: [{ family: '{"$gt":""}' }] } });
    expect(res.status).toBe(201);
    expect(res.json.name[0].family).toBe('{"$gt":""}');
  });
});
