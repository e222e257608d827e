import type { FhirResource, Observation } from 'fhir/r4';
import { FIXTURE_BASE, openSearchFixture, type SearchFixture } from './testing/search-fixture';

const MRN = 'http://hospital.example/mrn';

function observation(id: string, subject: Observation['subject'], code = 'x'): Observation {
  const o: Observation = { resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: 'http://loinc.org', code }] } };
  if (subject) o.subject = subject;
  return o;
}

const DATA: FhirResource[] = [
  { resourceType: 'Organization', id: 'acme', name: 'Acme Health' },
  { resourceType: 'Organization', id: 'other', name: 'Other Clinic' },
  { resourceType: 'Practitioner', id: 'jones', name: [{ family: 'Jones' }] },
  { resourceType: 'Practitioner', id: 'lee', name: [{ family: 'Lee' }] },
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'Smith' }], generalPractitioner: [{ reference: 'Practitioner/jones' }, { reference: 'Organization/acme' }] },
  { resourceType: 'Patient', id: 'p2', name: [{ family: 'Brown' }], generalPractitioner: [{ reference: 'Practitioner/lee' }] },
  { resourceType: 'Group', id: 'g1', type: 'person', actual: true },
  observation('o1', { reference: 'Patient/p1' }, 'glucose'),
  observation('o2', { reference: 'Patient/p2' }),
  observation('o3', { reference: `${FIXTURE_BASE}/Patient/p1` }),
  observation('o4', { reference: 'http://other.org/fhir/Patient/p1' }),
  observation('o5', { identifier: { system: MRN, value: '123' } }),
  observation('o6', { reference: 'Group/g1' }),
  observation('o7', undefined),
  {
    resourceType: 'Provenance',
    id: 'prov1',
    target: [{ reference: 'Observation/o1' }],
    recorded: '2020-01-01T00:00:00Z',
    agent: [{ who: { reference: 'Practitioner/jones' } }],
  },
  { resourceType: 'Questionnaire', id: 'q1', status: 'active', url: 'http://acme.org/Questionnaire/q1', version: '2.0' },
  { resourceType: 'QuestionnaireResponse', id: 'qr1', status: 'completed', questionnaire: 'http://acme.org/Questionnaire/q1|2.0' },
];

let f: SearchFixture;
beforeAll(async () => {
  f = await openSearchFixture();
  await f.load(DATA);
});
afterAll(() => f.close());

const ids = (type: string, query: string) => f.matchingIds(type, query);

describe('reference parameters (R4 search.html#reference)', () => {
  it('id, Type/id and this server\'s absolute URL find the same resources', async () => {
    expect(await ids('Observation', 'patient=p1')).toEqual(['o1', 'o3']);
    expect(await ids('Observation', 'patient=Patient/p1')).toEqual(['o1', 'o3']);
    expect(await ids('Observation', `patient=${FIXTURE_BASE}/Patient/p1`)).toEqual(['o1', 'o3']);
  });

  it('a bare id looks in every type the parameter can refer to; a :Type modifier narrows it', async () => {
    expect(await ids('Observation', 'subject=g1')).toEqual(['o6']);
    expect(await ids('Observation', 'subject:Patient=p1')).toEqual(['o1', 'o3']);
    expect(await ids('Observation', 'subject:Group=p1')).toEqual([]);
  });

  it('another server\'s URL matches only that URL', async () => {
    expect(await ids('Observation', 'subject=http://other.org/fhir/Patient/p1')).toEqual(['o4']);
  });

  it(':identifier matches a logical reference', async () => {
    expect(await ids('Observation', `subject:identifier=${MRN}|123`)).toEqual(['o5']);
  });

  it(':missing', async () => {
    expect(await ids('Observation', 'subject:missing=true')).toEqual(['o7']);
  });

  it('a canonical matches every version, or the one asked for', async () => {
    expect(await ids('QuestionnaireResponse', 'questionnaire=http://acme.org/Questionnaire/q1')).toEqual(['qr1']);
    expect(await ids('QuestionnaireResponse', 'questionnaire=http://acme.org/Questionnaire/q1|2.0')).toEqual(['qr1']);
    expect(await ids('QuestionnaireResponse', 'questionnaire=http://acme.org/Questionnaire/q1|1.0')).toEqual([]);
  });

  it.each(['Observation/1', 'Foo/1', 'Patient/', '{"$gt":""}', 'Patient/a b'])('refuses the malformed or mistyped reference %s with a 400 naming the parameter', async (value) => {
    await expect(f.search('Observation', `patient=${encodeURIComponent(value)}`)).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('patient') });
  });
});

describe('chained parameters, to any depth (R4 search.html#chaining)', () => {
  it('subject:Patient.name', async () => {
    expect(await ids('Observation', 'subject:Patient.name=smith')).toEqual(['o1', 'o3']);
  });

  it('through every target type that defines the next parameter', async () => {
    expect(await ids('Patient', 'general-practitioner.name=acme')).toEqual(['p1']);
    expect(await ids('Patient', 'general-practitioner.name=lee')).toEqual(['p2']);
  });

  it('two links deep', async () => {
    expect(await ids('Observation', 'patient.general-practitioner:Practitioner.name=jones')).toEqual(['o1', 'o3']);
    expect(await ids('Observation', 'subject:Patient.general-practitioner.name=other')).toEqual([]);
  });

  it('a chain on a parameter that is not a reference is a 400', async () => {
    await expect(f.search('Observation', 'code.name=x')).rejects.toMatchObject({ kind: 'bad-request' });
  });
});

describe('_has, nested (R4 search.html#has)', () => {
  it('finds resources that others refer to', async () => {
    expect(await ids('Patient', '_has:Observation:patient:code=glucose')).toEqual(['p1']);
    expect(await ids('Patient', '_has:Observation:patient:code=nothing')).toEqual([]);
  });

  it('nests', async () => {
    expect(await ids('Patient', '_has:Observation:patient:_has:Provenance:target:agent=Practitioner/jones')).toEqual(['p1']);
  });

  it('combines with other parameters', async () => {
    expect(await ids('Patient', '_has:Observation:subject:code=x&name=brown')).toEqual(['p2']);
  });

  it('refuses a reference parameter that never points at the searched type', async () => {
    await expect(f.search('Patient', '_has:Observation:performer:code=x')).resolves.toBeDefined();
    await expect(f.search('Patient', '_has:Observation:specimen:code=x')).rejects.toMatchObject({ kind: 'bad-request' });
  });

  it('refuses a sub-search that matches more than the configured limit as too costly', async () => {
    const small = await openSearchFixture({ maxChainedMatches: 1 });
    try {
      await small.load(DATA);
      await expect(small.search('Observation', 'subject:Patient.name=s')).resolves.toBeDefined();
      await expect(small.search('Patient', '_has:Observation:subject:code=x')).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining('more than 1') });
    } finally {
      await small.close();
    }
  });
});
