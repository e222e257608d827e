import type { Bundle, OperationOutcome } from 'fhir/r4';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Unknown parameters, bad values and injection attempts over HTTP (R4 search.html#errors): lenient by default,
 * 400 under Prefer: handling=strict, and a 400 with an OperationOutcome naming the parameter for a bad value.
 * Values are data: nothing a client sends becomes a query operator.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  for (const [id, family] of [['a', 'Smith'], ['b', 'Jones']]) {
    await t.fhir(`/Patient/${id}`, { method: 'PUT', body: { resourceType: 'Patient', id, gender: 'female', birthDate: '1980', name: [{ family }] } });
  }
}, 60_000);
afterAll(() => t.stop());

const ids = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!.id!).sort();
const names = (outcome: OperationOutcome) => JSON.stringify(outcome.issue.map((i) => [i.diagnostics, i.expression]));

describe('unknown parameters', () => {
  it('are ignored by default and left out of the self link', async () => {
    const res = await t.fhir('/Patient?family=smith&favourite-colour=blue');
    expect(res.status).toBe(200);
    expect(ids(res.json)).toEqual(['a']);
    expect(res.json.link[0]).toEqual({ relation: 'self', url: `${t.base}/Patient?family=smith` });
  });

  it('are a 400 naming them under Prefer: handling=strict', async () => {
    const res = await t.fhir('/Patient?family=smith&favourite-colour=blue', { headers: { prefer: 'handling=strict' } });
    expect(res.status).toBe(400);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect(names(res.json)).toContain('favourite-colour');
  });
});

describe('bad values are a 400 with an OperationOutcome naming the parameter', () => {
  it.each([
    ['an invalid date', 'birthdate=1980-13-45', 'birthdate'],
    ['a prefix on a token', 'gender=ge2020-01-01', 'gender'],
    ['a malformed reference', 'general-practitioner=Practitioner/has%20space', 'general-practitioner'],
    ['a reference to a type the parameter cannot hold', 'organization=Patient/a', 'organization'],
    ['a modifier the type does not take', 'birthdate:exact=1980', 'birthdate:exact'],
    ['a bad _count', '_count=ten', '_count'],
    ['an unknown _sort parameter', '_sort=favourite-colour', '_sort'],
    ['a bad _summary', '_summary=some', '_summary'],
    ['a bad :missing', 'family:missing=maybe', 'family:missing'],
  ])('%s (%s)', async (_what, query, parameter) => {
    const res = await t.fhir(`/Patient?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect(names(res.json)).toContain(parameter);
  });
});

describe('values are data, never query operators', () => {
  it.each([
    ['a MongoDB operator as a string value', `family=${encodeURIComponent('{"$gt":""}')}`],
    ['a MongoDB operator as a token', `gender=${encodeURIComponent('{"$ne":"x"}')}`],
    ['a regular expression', 'family=.*'],
    ['an anchored regular expression', `family=${encodeURIComponent('^S')}`],
    ['a regex alternation', `family:contains=${encodeURIComponent('x|')}`],
    ['an operator in the _id', `_id=${encodeURIComponent('{"$exists":true}')}`],
    ['a bracketed operator name', `family[$ne]=x`],
  ])('%s matches literally (nothing here)', async (_what, query) => {
    const res = await t.fhir(`/Patient?${query}`);
    expect([200, 400]).toContain(res.status);
    if (res.status === 200) expect(ids(res.json)).toEqual([]);
  });

  it('an operator as a parameter name is refused, not run', async () => {
    const res = await t.fhir(`/Patient?${encodeURIComponent('$where')}=1`, { headers: { prefer: 'handling=strict' } });
    expect(res.status).toBe(400);
  });

  it('an operator in a reference is a malformed reference', async () => {
    const res = await t.fhir(`/Observation?subject=${encodeURIComponent('{"$gt":""}')}`);
    expect(res.status).toBe(400);
    expect(names(res.json)).toContain('subject');
  });
});
