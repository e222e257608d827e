import type { BundleEntry } from 'fhir/r4';
import { isFhirError } from '../errors/fhir-error';
import { readBundleEntry, type BundleEntryRequest } from './bundle-entry';
import { EntryLinks } from './entry-links';
import { resolveTargets, type TargetContext } from './transaction-targets';

const BASE = 'https://fhir.example/fhir';
const A = 'urn:uuid:00000000-0000-4000-8000-00000000000a';
const B = 'urn:uuid:00000000-0000-4000-8000-00000000000b';

function setUp(entries: object[], existing: Record<string, string[]> = {}) {
  const requests = entries.map((e, i) => readBundleEntry(e as BundleEntry, i, BASE));
  const fullUrls = new Map(requests.filter((r) => r.fullUrl).map((r) => [r.fullUrl!, r.index]));
  const links = new EntryLinks(fullUrls);
  const searched: string[] = [];
  let next = 0;
  const context: TargetContext = {
    links,
    newId: () => `new-${++next}`,
    statusOf: (kind) => (kind === 'bad-request' ? 400 : kind === 'precondition-failed' ? 412 : 404),
    search: async (type, query) => {
      searched.push(`${type}?${query}`);
      return existing[`${type}?${query}`] ?? [];
    },
  };
  return { requests, links, searched, context };
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    if (isFhirError(e)) return `${e.kind}: ${e.message}`;
    throw e;
  }
  throw new Error('expected a refusal');
}

const post = (fullUrl: string, ifNoneExist?: string) => ({ fullUrl, resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient', ifNoneExist } });
const run = (s: ReturnType<typeof setUp>, requests: BundleEntryRequest[] = s.requests) => resolveTargets(requests, new Map(), s.context);

describe('working out what each transaction entry writes, before writing (R4 http.html#trules)', () => {
  it('gives a create a new id and binds its fullUrl to it', async () => {
    const s = setUp([post(A)]);
    const targets = await run(s);
    expect(targets.get(0)).toEqual({ type: 'Patient', id: 'new-1' });
    expect(s.links.targetOf(A)).toBe('Patient/new-1');
  });

  it('binds a conditional create to the resource its criteria match, or to a new id when none', async () => {
    const s = setUp([post(A, 'identifier=m|1'), post(B, 'identifier=m|2')], { 'Patient?identifier=m|1': ['p1'] });
    const targets = await run(s);
    expect(targets.get(0)?.id).toBe('p1');
    expect(targets.get(1)?.id).toBe('new-1');
  });

  it('searches the criteria that name another entry once that entry is bound', async () => {
    const link = { fullUrl: B, resource: { resourceType: 'Patient' }, request: { method: 'PUT', url: `Patient?link=${A}` } };
    const s = setUp([link, post(A, 'identifier=m|1')], { 'Patient?identifier=m|1': ['p1'] });
    const targets = await run(s);
    expect(s.searched).toEqual(['Patient?identifier=m|1', 'Patient?link=Patient%2Fp1']);
    expect(targets.get(0)?.query).toBe('link=Patient%2Fp1');
  });

  it('refuses criteria that depend on each other in a circle with 400', async () => {
    const s = setUp([post(A, `link=${B}`), post(B, `link=${A}`)]);
    expect(await refusal(run(s))).toMatch(/^bad-request: .*circle/);
  });

  it('refuses criteria that match several resources with 412, naming the entry', async () => {
    const s = setUp([post(A, 'identifier=m|9')], { 'Patient?identifier=m|9': ['x', 'y'] });
    expect(await refusal(run(s))).toMatch(/^precondition-failed: The transaction failed at entry 0 \(fullUrl urn:uuid:.*a\).*412/);
  });

  it('refuses two entries that write the same resource with 400', async () => {
    const put = (id: string) => ({ resource: { resourceType: 'Patient', id }, request: { method: 'PUT', url: `Patient/${id}` } });
    expect(await refusal(run(setUp([put('1'), put('1')])))).toMatch(/^bad-request: Entries 0 and 1 .* both change Patient\/1/);
    const viaCriteria = setUp([put('p1'), post(A, 'identifier=m|1')], { 'Patient?identifier=m|1': ['p1'] });
    expect(await refusal(run(viaCriteria))).toMatch(/Entries 0 and 1/);
  });

  it('refuses two conditional entries with the same criteria, in any parameter order', async () => {
    const s = setUp([post(A, 'identifier=m|1&active=true'), post(B, 'active=true&identifier=m|1')]);
    expect(await refusal(run(s))).toMatch(/both have the criteria/);
  });

  it('refuses a write to a resource a DELETE entry of the same transaction removed', async () => {
    const s = setUp([{ resource: { resourceType: 'Patient', id: '7' }, request: { method: 'PUT', url: 'Patient/7' } }]);
    expect(await refusal(resolveTargets(s.requests, new Map([[4, 'Patient/7']]), s.context))).toMatch(/Entries 4 and 0/);
  });

  it('refuses a conditional PATCH that matches nothing with 404', async () => {
    const binary = { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from('[]').toString('base64') };
    const s = setUp([{ resource: binary, request: { method: 'PATCH', url: 'Patient?identifier=m|404' } }]);
    expect(await refusal(run(s))).toMatch(/^not-found:/);
  });
});
