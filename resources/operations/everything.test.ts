import type { Bundle } from 'fhir/r4';
import { unrestricted, type AccessContext, type AccessPolicy } from '../access/access-context';
import type { SearchEngine, SearchRequest } from '../search/search-engine';
import { everythingPage, type EverythingRequest } from './everything';

const BASE = 'https://fhir.example/fhir';
const ctx = (policy: AccessPolicy = unrestricted): AccessContext => ({ actor: { kind: 'system' }, policy, request: { requestId: 'r' } });

/** A search engine holding `rows` resources per type, paging them by `_count` and `_page` (an offset here). */
function engine(rows: Record<string, number>) {
  const calls: SearchRequest[] = [];
  const fake: Pick<SearchEngine, 'search'> = {
    async search(_ctx, request) {
      calls.push(request);
      const type = request.resourceType!;
      const count = Number(request.params.find(([k]) => k === '_count')![1]);
      const from = Number(request.params.find(([k]) => k === '_page')?.[1] ?? 0);
      const ids = Array.from({ length: rows[type] ?? 0 }, (_, i) => `${type.toLowerCase()}-${i}`).slice(from, from + count);
      const more = from + count < (rows[type] ?? 0);
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        link: more ? [{ relation: 'next', url: `${BASE}/${type}?_page=${from + count}` }] : [],
        entry: ids.map((id) => ({ fullUrl: `${BASE}/${type}/${id}`, resource: { resourceType: type, id } as never, search: { mode: 'match' } })),
      };
      return { bundle, entries: ids.map((id) => ({ type, id, versionId: 1, mode: 'match' as const, compartments: ['Patient/p'] })) };
    },
  };
  return { engine: fake as SearchEngine, calls };
}

const request = (extra: Partial<EverythingRequest> = {}): EverythingRequest => ({ patientId: 'p', count: 4, fhirBase: BASE, ...extra });
const idsOf = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!.id);
const nextOf = (bundle: Bundle) => new URL(bundle.link!.find((l) => l.relation === 'next')!.url).searchParams.get('_page')!;

describe('$everything paging over the record, type by type', () => {
  it('reads the Patient first, then the compartment types in name order, each as a compartment search with its includes', async () => {
    const { engine: e, calls } = engine({ Patient: 1, Condition: 1 });
    const page = await everythingPage(e, ctx(), request({ count: 100 }));
    expect(idsOf(page.bundle)).toEqual(['patient-0', 'condition-0']);
    expect(calls[0]).toMatchObject({ resourceType: 'Patient', compartment: { type: 'Patient', id: 'p' }, handling: 'strict' });
    expect(calls[0].params.filter(([k]) => k === '_include').map(([, v]) => v)).toEqual(['Patient:*:Practitioner', 'Patient:*:Organization', 'Patient:*:Location', 'Patient:*:Medication']);
    const types = calls.map((c) => c.resourceType!);
    expect(types.slice(1)).toEqual([...types.slice(1)].sort());
    expect(types).not.toContain('AuditEvent');
    expect(page.bundle.total).toBe(2);
  });

  it('fills a page across types and carries the position within a type over to the next page', async () => {
    const { engine: e } = engine({ Patient: 1, AllergyIntolerance: 2, Condition: 5 });
    const first = await everythingPage(e, ctx(), request());
    expect(idsOf(first.bundle)).toEqual(['patient-0', 'allergyintolerance-0', 'allergyintolerance-1', 'condition-0']);
    expect(first.bundle.total).toBeUndefined();
    const second = await everythingPage(e, ctx(), request({ page: nextOf(first.bundle) }));
    expect(idsOf(second.bundle)).toEqual(['condition-1', 'condition-2', 'condition-3', 'condition-4']);
  });

  it('reads only the types _type names and the caller may search; AuditEvents only when named', async () => {
    const { engine: e, calls } = engine({ Observation: 1, AuditEvent: 1 });
    await everythingPage(e, ctx(), request({ types: ['Observation', 'AuditEvent'] }));
    expect(calls.map((c) => c.resourceType)).toEqual(['AuditEvent', 'Observation']);
    const onlyObservations: AccessPolicy = { grants: (type) => (type === 'Observation' ? [{ compartment: 'Patient/p' }] : []) };
    const narrow = engine({ Observation: 1 });
    await everythingPage(narrow.engine, ctx(onlyObservations), request());
    expect(narrow.calls.map((c) => c.resourceType)).toEqual(['Observation']);
  });

  it('links self, first and next back to $everything with the same parameters', async () => {
    const { engine: e } = engine({ Patient: 1, Condition: 9 });
    const page = await everythingPage(e, ctx(), request({ since: '2026-01-01T00:00:00Z', types: ['Patient', 'Condition'] }));
    const next = new URL(page.bundle.link!.find((l) => l.relation === 'next')!.url);
    expect(next.pathname).toBe('/fhir/Patient/p/$everything');
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ _since: '2026-01-01T00:00:00Z', _type: 'Patient,Condition', _count: '4' });
    expect(page.bundle.link!.map((l) => l.relation)).toEqual(['self', 'first', 'next']);
  });

  it('searches each type with a care date on it for start and end, and leaves the other types whole', async () => {
    const { engine: e, calls } = engine({});
    await everythingPage(e, ctx(), request({ start: '2024-01-01', end: '2024-12', types: ['Patient', 'Observation', 'Condition', 'Coverage'] }));
    const rangeOf = (type: string) => calls.find((c) => c.resourceType === type)!.params.filter(([k]) => !k.startsWith('_'));
    const overlapping = ['ge2024-01-01T00:00:00.000Z', 'le2024-12-31T23:59:59.999Z'];
    expect(rangeOf('Observation')).toEqual(overlapping.map((v) => ['date', v]));
    expect(rangeOf('Condition')).toEqual(overlapping.map((v) => ['recorded-date', v]));
    expect(rangeOf('Patient')).toEqual([]);
    expect(rangeOf('Coverage')).toEqual([]);
  });

  it('refuses a page token made for other types', async () => {
    const { engine: e } = engine({ Patient: 1, Condition: 9 });
    const first = await everythingPage(e, ctx(), request());
    await expect(everythingPage(e, ctx(), request({ page: nextOf(first.bundle), types: ['Observation'] }))).rejects.toThrow(/_page token/);
  });
});
