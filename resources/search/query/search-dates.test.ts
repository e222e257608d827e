import type { Observation } from 'fhir/r4';
import { openSearchFixture, type SearchFixture } from './testing/search-fixture';

/** Observations whose effective[x] covers a range of instants at every precision, and periods. */
function observation(id: string, effective: Partial<Observation>): Observation {
  return { resourceType: 'Observation', id, status: 'final', code: { text: 'x' }, ...effective };
}

const DATA: Observation[] = [
  observation('year', { effectiveDateTime: '2020' }),
  observation('day', { effectiveDateTime: '2020-03-15' }),
  observation('second', { effectiveDateTime: '2020-03-15T10:30:00Z' }),
  observation('period', { effectivePeriod: { start: '2020-02-01', end: '2020-04-30' } }),
  observation('open', { effectivePeriod: { start: '2020-03-20' } }),
  // 2019-12-31T23:00 in New York is 2020-01-01T04:00 UTC.
  observation('new-york', { effectiveDateTime: '2019-12-31T23:00:00-05:00' }),
  observation('month', { effectiveDateTime: '2021-06' }),
];

let now = Date.parse('2024-03-15T00:00:00Z');
let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture({ clock: () => now });
  await f.load(DATA);
});
afterAll(() => f.close());

const ids = (query: string) => f.matchingIds('Observation', query);

describe('date parameters compare ranges as the specification words each prefix (R4 search.html#prefix)', () => {
  it.each([
    ['2020-03-15', ['day', 'second']],
    ['eq2020', ['day', 'new-york', 'period', 'second', 'year']],
    ['ne2020', ['month', 'open']],
    ['gt2020-03-15', ['month', 'open', 'period', 'year']],
    ['lt2020-03-15', ['new-york', 'period', 'year']],
    ['ge2020-03-15', ['day', 'month', 'open', 'period', 'second', 'year']],
    ['le2020-03-15', ['day', 'new-york', 'period', 'second', 'year']],
    ['sa2020-03-15', ['month', 'open']],
    ['eb2020-03-15', ['new-york']],
    ['ge2020-03-15T10:30:00Z', ['day', 'month', 'open', 'period', 'second', 'year']],
    ['gt2020-03-15T10:30:00Z', ['day', 'month', 'open', 'period', 'year']],
    ['2019-12-31', []],
    ['2019-12-31T23:00:00-05:00', ['new-york']],
    ['2020-01-01T04:00:00Z', ['new-york']],
    ['ap2020-03-15', ['day', 'new-york', 'open', 'period', 'second', 'year']],
  ])('date=%s', async (value, expected) => {
    expect(await ids(`date=${encodeURIComponent(value)}`)).toEqual(expected);
  });

  it('ANDs repeated parameters: values whose range reaches into March 2020 from both sides', async () => {
    expect(await ids('date=ge2020-03-01&date=lt2020-04-01')).toEqual(['day', 'open', 'period', 'second', 'year']);
  });

  it('ORs comma-separated values', async () => {
    expect(await ids('date=2021,eb2020-03-01')).toEqual(['month', 'new-york']);
  });

  it(':missing finds resources with and without a value', async () => {
    await f.load([observation('undated', {})]);
    expect(await ids('date:missing=true')).toEqual(['undated']);
    expect(await ids('date:missing=false')).toHaveLength(DATA.length);
  });

  it('refuses an invalid date with a 400 naming the parameter', async () => {
    await expect(f.search('Observation', 'date=2020-02-30')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('date') });
    await expect(f.search('Observation', 'date=gt')).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('_lastUpdated compares the instant each version was written (R4 search.html#lastUpdated)', () => {
  it('with every prefix', async () => {
    now = Date.parse('2024-05-01T12:00:00Z');
    await f.load([observation('may', { effectiveDateTime: '2024' })]);
    now = Date.parse('2024-06-01T12:00:00Z');
    await f.load([observation('june', { effectiveDateTime: '2024' })]);
    expect(await ids('_lastUpdated=2024-05-01')).toEqual(['may']);
    expect(await ids('_lastUpdated=ge2024-05-01')).toEqual(['june', 'may']);
    expect(await ids('_lastUpdated=gt2024-05-01')).toEqual(['june']);
    expect(await ids('_lastUpdated=lt2024-06')).not.toContain('june');
    expect(await ids('_lastUpdated=le2024-05-01T12:00:00Z&_lastUpdated=ge2024-05')).toEqual(['may']);
  });
});
