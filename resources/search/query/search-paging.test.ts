import type { Bundle, Patient } from 'fhir/r4';
import { systemContext } from '../../access/access-context';
import { FIXTURE_BASE, openSearchFixture, type SearchFixture } from './testing/search-fixture';

const FAMILIES = ['Adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Foster', 'Green', 'Hill', 'Irwin', 'Jones'];

function patient(i: number, family = FAMILIES[i % FAMILIES.length]): Patient {
  // Two names each, so the sort key (the smallest or largest name part) is chosen among several values.
  return { resourceType: 'Patient', id: `p${String(i).padStart(3, '0')}`, name: [{ family, given: [`G${i % 7}`] }, { family: `Z${i % 5}` }], birthDate: `19${50 + (i % 40)}` };
}

let f: SearchFixture;
beforeEach(async () => {
  f = await openSearchFixture();
  await f.load(Array.from({ length: 25 }, (_, i) => patient(i)));
});
afterEach(() => f.close());

/** Searches a link the way a client follows it: only its URL. */
async function follow(url: string): Promise<Bundle> {
  const parsed = new URL(url);
  const type = parsed.pathname.slice(new URL(FIXTURE_BASE).pathname.length + 1) || undefined;
  const result = await f.engine.search(systemContext('test', 'test'), { resourceType: type, params: [...parsed.searchParams], handling: 'lenient' });
  return result.bundle;
}

const link = (bundle: Bundle, relation: string) => bundle.link?.find((l) => l.relation === relation)?.url;
const ids = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!.id!);

async function allPages(first: Bundle, between?: (page: number) => Promise<void>): Promise<string[][]> {
  const pages = [ids(first)];
  let bundle = first;
  for (let next = link(first, 'next'); next; next = link(bundle, 'next')) {
    await between?.(pages.length);
    bundle = await follow(next);
    pages.push(ids(bundle));
  }
  return pages;
}

describe('paging (R4 search.html#paging): self, first, next and previous links', () => {
  it('walks every result exactly once, in order', async () => {
    const first = await f.search('Patient', '_count=10&_sort=family');
    const pages = await allPages(first);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = (await f.search('Patient', '_count=100&_sort=family')).entry!.map((e) => e.resource!.id!);
    expect(pages.flat()).toEqual(all);
  });

  it('self describes the page, first goes back to the start, previous walks back exactly', async () => {
    const first = await f.search('Patient', '_count=10&_sort=-birthdate');
    expect(link(first, 'self')).toBe(`${FIXTURE_BASE}/Patient?_count=10&_sort=-birthdate`);
    expect(link(first, 'first')).toBe(link(first, 'self'));
    expect(link(first, 'previous')).toBeUndefined();
    const second = await follow(link(first, 'next')!);
    const third = await follow(link(second, 'next')!);
    expect(link(third, 'next')).toBeUndefined();
    expect(ids(await follow(link(third, 'previous')!))).toEqual(ids(second));
    expect(ids(await follow(link(second, 'previous')!))).toEqual(ids(first));
    expect(ids(await follow(link(second, 'self')!))).toEqual(ids(second));
    expect(ids(await follow(link(third, 'first')!))).toEqual(ids(first));
  });

  it('previous walks back in the default order too', async () => {
    const first = await f.search('Patient', '_count=7');
    const second = await follow(link(first, 'next')!);
    expect(ids(await follow(link(second, 'previous')!))).toEqual(ids(first));
  });

  it.each(['', '&_sort=family', '&_sort=-name,birthdate'])(
    'neither repeats nor skips a result while resources are created between pages (order%s)',
    async (sort) => {
      const original = (await f.search('Patient', `_count=100${sort}`)).entry!.map((e) => e.resource!.id!);
      let created = 100;
      const pages = await allPages(await f.search('Patient', `_count=6${sort}`), async () => {
        // New patients whose names sort before, among and after the ones already paged through.
        await f.load([patient(created++, 'Aaron'), patient(created++, 'Fisher'), patient(created++, 'Zuckerman')]);
      });
      const seen = pages.flat();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => original.includes(id))).toEqual(original);
    },
  );

  it('a deleted resource drops out of later pages without shifting them', async () => {
    const first = await f.search('Patient', '_count=10&_sort=_id');
    await f.repository.delete(systemContext('test', 'test'), 'Patient', 'p015');
    const second = await follow(link(first, 'next')!);
    expect(ids(second)).toEqual(['p010', 'p011', 'p012', 'p013', 'p014', 'p016', 'p017', 'p018', 'p019', 'p020']);
  });

  it('pages a system-level search across types', async () => {
    await f.load([{ resourceType: 'Organization', id: 'p0105', name: 'Between' }]);
    const first = await f.search(undefined, '_type=Patient,Organization&_count=4&_sort=_id');
    const pages = await allPages(first);
    expect(pages.flat()).toHaveLength(26);
    expect(pages.flat().slice(10, 13)).toEqual(['p010', 'p0105', 'p011']);
  });

  it('a page token carries no filter: its parameters come from the link, and a forged token is a 400', async () => {
    const first = await f.search('Patient', '_count=5&_sort=_id');
    const next = new URL(link(first, 'next')!);
    expect(next.searchParams.get('_count')).toBe('5');
    const forged = Buffer.from(JSON.stringify(['n', 'x', 'Patient', [{ $gt: '' }]])).toString('base64url');
    await expect(f.search('Patient', `_count=5&_sort=_id&_page=${forged}`)).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(f.search('Patient', '_count=5&_page=not-a-token')).rejects.toMatchObject({ kind: 'bad-request' });
    const otherSort = next.searchParams.get('_page')!;
    await expect(f.search('Patient', `_count=5&_sort=-_id&_page=${otherSort}`)).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('_sort') });
  });
});
