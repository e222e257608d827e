import { startTestServer, type TestServer } from '../support/test-server';

const org = (name: string) => ({ resourceType: 'Organization', name });

describe('history of an instance, a type and the system (R4 http.html#history)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('instance history lists every version newest first, including the delete, with request and response', async () => {
    const created = await t.fhir('/Organization', { body: org('A') });
    const id = created.json.id;
    await t.fhir(`/Organization/${id}`, { method: 'PUT', body: { ...org('B'), id } });
    await t.fhir(`/Organization/${id}`, { method: 'DELETE' });
    const res = await t.fhir(`/Organization/${id}/_history`);
    expect(res.status).toBe(200);
    expect(res.json.resourceType).toBe('Bundle');
    expect(res.json.type).toBe('history');
    expect(res.json.total).toBe(3);
    const [deleted, updated, first] = res.json.entry;
    expect(deleted.request).toEqual({ method: 'DELETE', url: `Organization/${id}` });
    expect(deleted.resource).toBeUndefined();
    expect(deleted.response.etag).toBe('W/"3"');
    expect(updated.resource.name).toBe('B');
    expect(updated.request).toEqual({ method: 'PUT', url: `Organization/${id}` });
    expect(first.resource.name).toBe('A');
    expect(first.request).toEqual({ method: 'POST', url: 'Organization' });
    expect(first.fullUrl).toBe(`${t.base}/Organization/${id}`);
  });

  it('pages with _count and next/previous links that stay correct while new versions arrive', async () => {
    const created = await t.fhir('/Organization', { body: org('v1') });
    const id = created.json.id;
    for (let v = 2; v <= 7; v++) await t.fhir(`/Organization/${id}`, { method: 'PUT', body: { ...org(`v${v}`), id } });
    const page1 = await t.fhir(`/Organization/${id}/_history?_count=3`);
    expect(page1.json.entry.map((e: any) => e.resource.name)).toEqual(['v7', 'v6', 'v5']);
    const link = (page: any, rel: string) => page.json.link.find((l: any) => l.relation === rel)?.url as string | undefined;
    expect(link(page1, 'previous')).toBeUndefined();
    expect(link(page1, 'first')).toBe(`${t.base}/Organization/${id}/_history?_count=3`);
    // A new version written between page requests must not shift the pages already handed out.
    await t.fhir(`/Organization/${id}`, { method: 'PUT', body: { ...org('v8'), id } });
    const page2 = await t.fhir(link(page1, 'next')!.slice(t.base.length));
    expect(page2.json.entry.map((e: any) => e.resource.name)).toEqual(['v4', 'v3', 'v2']);
    const page3 = await t.fhir(link(page2, 'next')!.slice(t.base.length));
    expect(page3.json.entry.map((e: any) => e.resource.name)).toEqual(['v1']);
    expect(link(page3, 'next')).toBeUndefined();
    const back = await t.fhir(link(page3, 'previous')!.slice(t.base.length));
    expect(back.json.entry.map((e: any) => e.resource.name)).toEqual(['v4', 'v3', 'v2']);
    const back2 = await t.fhir(link(back, 'previous')!.slice(t.base.length));
    expect(back2.json.entry.map((e: any) => e.resource.name)).toEqual(['v7', 'v6', 'v5']);
    expect(link(back2, 'previous')).toBeDefined();
  });

  it('_since keeps versions made at or after the instant', async () => {
    const created = await t.fhir('/Organization', { body: org('old') });
    const id = created.json.id;
    const mark = new Date(Date.parse(created.json.meta.lastUpdated) + 1).toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await t.fhir(`/Organization/${id}`, { method: 'PUT', body: { ...org('new'), id } });
    const res = await t.fhir(`/Organization/${id}/_history?_since=${encodeURIComponent(mark)}`);
    expect(res.json.entry.map((e: any) => e.resource.name)).toEqual(['new']);
  });

  it('_at keeps the versions current at some time within the given range', async () => {
    const created = await t.fhir('/Organization', { body: org('first') });
    const id = created.json.id;
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await t.fhir(`/Organization/${id}`, { method: 'PUT', body: { ...org('second'), id } });
    const res = await t.fhir(`/Organization/${id}/_history?_at=${encodeURIComponent(between)}`);
    expect(res.json.entry.map((e: any) => e.resource.name)).toEqual(['first']);
  });

  it('type history has only that type; system history has every type', async () => {
    const o = await t.fhir('/Organization', { body: org('typed') });
    const p = await t.fhir('/Practitioner', { body: { resourceType: 'Practitioner', name: [{ family: 'Who' }] } });
    const typeHistory = await t.fhir('/Practitioner/_history?_count=100');
    expect(typeHistory.json.entry.every((e: any) => e.resource?.resourceType === 'Practitioner' || e.request.url.startsWith('Practitioner'))).toBe(true);
    const system = await t.fhir('/_history?_count=2');
    expect(system.json.entry.map((e: any) => e.fullUrl)).toEqual([`${t.base}/Practitioner/${p.json.id}`, `${t.base}/Organization/${o.json.id}`]);
  });

  it('rejects a malformed _since, _count or page token with 400', async () => {
    expect((await t.fhir('/_history?_since=yesterday')).status).toBe(400);
    expect((await t.fhir('/_history?_count=-1')).status).toBe(400);
    expect((await t.fhir('/_history?_page=%7B%22%24gt%22%3A1%7D')).status).toBe(400);
  });
});
