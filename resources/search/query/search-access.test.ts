import type { FhirResource } from 'fhir/r4';
import type { AccessPolicy, ResourceConstraint } from '../../access/access-context';
import { contextWith, openSearchFixture, type SearchFixture } from './testing/search-fixture';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

function observation(id: string, patient: string, category: string): FhirResource {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: category }] }],
    code: { text: 'x' },
    subject: { reference: `Patient/${patient}` },
    performer: [{ reference: 'Practitioner/doc' }],
  };
}

const DATA: FhirResource[] = [
  { resourceType: 'Practitioner', id: 'doc', name: [{ family: 'Doc' }] },
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'One' }] },
  { resourceType: 'Patient', id: 'p2', name: [{ family: 'Two' }] },
  observation('lab1', 'p1', 'laboratory'),
  observation('vital1', 'p1', 'vital-signs'),
  observation('lab2', 'p2', 'laboratory'),
];

let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture();
  await f.load(DATA);
});
afterAll(() => f.close());

/** A policy granting the listed types (every permission) under the given constraints. */
function policy(grants: Record<string, ResourceConstraint[]>): AccessPolicy {
  return { grants: (type) => grants[type] ?? [] };
}

const patientOne = contextWith(policy({
  Patient: [{ compartment: 'Patient/p1' }],
  Observation: [{ compartment: 'Patient/p1', query: `category=${CATEGORY}|laboratory` }],
}));

describe('searches return only what the caller is granted (SMART patient compartments and granular scopes)', () => {
  it('restricts matches to the patient compartment and the scope query', async () => {
    expect(await f.matches('Observation', '', { ctx: patientOne })).toEqual(['Observation/lab1']);
    expect(await f.matches('Patient', '', { ctx: patientOne })).toEqual(['Patient/p1']);
  });

  it('alternatives are ORed', async () => {
    const either = contextWith(policy({ Observation: [{ query: `category=${CATEGORY}|vital-signs` }, { compartment: 'Patient/p2' }] }));
    expect(await f.matches('Observation', '_sort=_id', { ctx: either })).toEqual(['Observation/lab2', 'Observation/vital1']);
  });

  it('a type without any grant is 403', async () => {
    await expect(f.search('Practitioner', '', { ctx: patientOne })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('a chain or _has through a type without a grant is 403', async () => {
    await expect(f.search('Observation', 'performer:Practitioner.name=doc', { ctx: patientOne })).rejects.toMatchObject({ kind: 'forbidden' });
    const noObservations = contextWith(policy({ Patient: [{}] }));
    await expect(f.search('Patient', '_has:Observation:patient:status=final', { ctx: noObservations })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('a chain sees only what the caller may search in the other type', async () => {
    expect(await f.matches('Observation', 'subject:Patient.name=two', { ctx: contextWith(policy({ Observation: [{}], Patient: [{ compartment: 'Patient/p1' }] })) })).toEqual([]);
  });

  it('included resources the caller may not read are left out silently', async () => {
    const bundle = await f.search('Observation', '_include=Observation:performer&_include=Observation:subject', { ctx: patientOne });
    expect((bundle.entry ?? []).map((e) => `${e.search!.mode} ${e.resource!.resourceType}/${e.resource!.id}`)).toEqual([
      'match Observation/lab1',
      'include Patient/p1',
    ]);
  });

  it('system-level search covers only the granted types', async () => {
    expect(await f.matches(undefined, '_sort=_id', { ctx: patientOne })).toEqual(['Observation/lab1', 'Patient/p1']);
  });
});

describe('compartment search (R4 compartmentdefinition-patient: /Patient/p1/Observation)', () => {
  it('returns the resources in the patient\'s compartment', async () => {
    const result = await f.engine.search(contextWith(policy({ Observation: [{}] })), { resourceType: 'Observation', compartment: { type: 'Patient', id: 'p1' }, params: [['_sort', '_id']], handling: 'lenient' });
    expect(result.bundle.entry!.map((e) => e.resource!.id)).toEqual(['lab1', 'vital1']);
    expect(result.bundle.link![0].url).toBe(`${f.fhirBase}/Patient/p1/Observation?_sort=_id`);
  });

  it('refuses a type that is never in a patient compartment', async () => {
    await expect(f.engine.search(contextWith(policy({ Practitioner: [{}] })), { resourceType: 'Practitioner', compartment: { type: 'Patient', id: 'p1' }, params: [], handling: 'lenient' })).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('accessFilter, allows and findMatches', () => {
  it('accessFilter is undefined when unrestricted, a filter otherwise, 403 when nothing is granted', () => {
    expect(f.engine.accessFilter(contextWith(policy({ Patient: [{}] })), 'Patient', 'r')).toBeUndefined();
    expect(f.engine.accessFilter(patientOne, 'Patient', 'r')).toEqual({ compartments: 'Patient/p1' });
    expect(() => f.engine.accessFilter(patientOne, 'Practitioner', 'r')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  it('allows tests one document with the same filter', async () => {
    const lab2 = await f.store.collection('Observation').findById('lab2');
    const lab1 = await f.store.collection('Observation').findById('lab1');
    const vital1 = await f.store.collection('Observation').findById('vital1');
    expect(f.engine.allows(patientOne, 'Observation', 'r', lab1 as never)).toBe(true);
    expect(f.engine.allows(patientOne, 'Observation', 'r', lab2 as never)).toBe(false);
    expect(f.engine.allows(patientOne, 'Observation', 'r', vital1 as never)).toBe(false);
  });

  it('findMatches reads criteria strictly, within the grants for the permission', async () => {
    expect((await f.engine.findMatches(patientOne, 'Observation', 'status=final', 10, 'u')).map((d) => d._id)).toEqual(['lab1']);
    await expect(f.engine.findMatches(patientOne, 'Observation', 'unknown-param=1', 10, 'u')).rejects.toMatchObject({ kind: 'bad-request' });
    expect(await f.engine.findMatches(patientOne, 'Observation', '_id=lab1&_count=1', 2, 'd')).toHaveLength(1);
  });

  it('a grant query this compiler cannot evaluate denies rather than widens', () => {
    const chained = contextWith(policy({ Observation: [{ query: 'subject:Patient.name=one' }] }));
    expect(() => f.engine.accessFilter(chained, 'Observation', 's')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});
