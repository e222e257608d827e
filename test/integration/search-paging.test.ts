import type { Bundle } from 'fhir/r4';
import { SystemClientToken } from '../support/auth-backend';
import { freePort } from '../support/free-port';
import { spawnServer } from '../support/server-process';
import { request, startTestServer, type TestServer } from '../support/test-server';

/** Paging of searchsets over HTTP (R4 http.html#paging, search.html#paging). */
const FAMILIES = ['Adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Foster', 'Green', 'Hill', 'Irwin', 'Jones'];

const patient = (i: number, family = FAMILIES[i % FAMILIES.length]) => ({
  resourceType: 'Patient',
  id: `pg-${String(i).padStart(3, '0')}`,
  gender: i % 2 === 0 ? 'female' : 'male',
  birthDate: `19${50 + (i % 40)}-01-01`,
  name: [{ family, given: [`Given${i % 7}`] }],
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.putAll(Array.from({ length: 30 }, (_, i) => patient(i)));
}, 60_000);
afterAll(() => t.stop());


async function get(server: TestServer, pathOrUrl: string): Promise<Bundle> {
  const res = await server.fhir(pathOrUrl.startsWith('http') ? pathOrUrl.slice(new URL(pathOrUrl).origin.length + '/fhir'.length) : pathOrUrl);
  expect(res.status).toBe(200);
  return res.json as Bundle;
}

const link = (bundle: Bundle, relation: string) => bundle.link?.find((l) => l.relation === relation)?.url;
const ids = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!.id!);

describe('search paging over HTTP', () => {
  it.each(['', '&_sort=family', '&_sort=-birthdate,family'])(
    'new resources created between page requests neither repeat nor skip any of the original results (order%s)',
    async (sort) => {
      const original = ids(await get(t, `/Patient?_count=100${sort}`));
      let created = 100;
      let bundle = await get(t, `/Patient?_count=7${sort}`);
      const seen = [...ids(bundle)];
      for (let next = link(bundle, 'next'); next; next = link(bundle, 'next')) {
        await t.putAll([patient(created++, 'Aaronson'), patient(created++, 'Zimmer')]);
        bundle = await get(t, next);
        seen.push(...ids(bundle));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => original.includes(id))).toEqual(original);
    },
  );

  it('next, previous, self and first links lead where they say', async () => {
    const first = await get(t, '/Patient?gender=female&_count=4&_sort=birthdate');
    expect(link(first, 'self')).toBe(`${t.base}/Patient?gender=female&_count=4&_sort=birthdate`);
    const second = await get(t, link(first, 'next')!);
    expect(ids(await get(t, link(second, 'previous')!))).toEqual(ids(first));
    expect(ids(await get(t, link(second, 'self')!))).toEqual(ids(second));
    expect(ids(await get(t, link(second, 'first')!))).toEqual(ids(first));
  });

  it('GET and POST _search with a form body give identical results and links', async () => {
    const query = 'gender=male&birthdate=ge1960&_count=5&_sort=family';
    const viaGet = await get(t, `/Patient?${query}`);
    const viaPost = await t.fhir('/Patient/_search', { method: 'POST', rawBody: query, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(viaPost.status).toBe(200);
    expect(ids(viaPost.json)).toEqual(ids(viaGet));
    expect(viaPost.json.link).toEqual(viaGet.link);
  });

  it('a next link made by one server is served by another server process sharing the store: nothing is kept in memory', async () => {
    // A second process, as behind a load balancer (LMDB allows one open of a store per process).
    const port = await freePort();
    const otherUrl = `http://127.0.0.1:${port}`;
    const other = await spawnServer({ DATA_DIR: t.dataDir, BASE_URL: otherUrl }, port);
    try {
      const client = await SystemClientToken.register(t.server.app.store, `${otherUrl}/fhir`, `${otherUrl}/oauth2/token`);
      const first = await get(t, '/Patient?_count=6&_sort=family');
      const next = link(first, 'next')!;
      const secondHere = await get(t, next);
      const secondThere = await request(`${otherUrl}/fhir${next.slice(t.base.length)}`, { headers: { authorization: `Bearer ${await client.token()}` } });
      expect(secondThere.status).toBe(200);
      expect(ids(secondThere.json)).toEqual(ids(secondHere));
      expect(ids(secondHere)).toHaveLength(6);
    } finally {
      other.child.kill('SIGTERM');
      await other.exited;
    }
  }, 90_000);

  it('a tampered page token is a 400 with an OperationOutcome naming _page', async () => {
    const forged = Buffer.from(JSON.stringify(['n', 'x', 'Patient', [{ $where: '1' }, 'x']])).toString('base64url');
    const res = await t.fhir(`/Patient?_count=5&_page=${forged}`);
    expect(res.status).toBe(400);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(res.json)).toContain('_page');
  });
});
