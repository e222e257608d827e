import type { Bundle, FhirResource, Reference } from 'fhir/r4';
import { generatePatientRecords, generateSharedResources, patientId } from '../data';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The SHALL searches of US Core 7 (https://hl7.org/fhir/us/core/STU7/), over HTTP, on the deterministic test
 * data. Each result is checked against the data itself: every match satisfies the criteria and nothing that
 * satisfies them is missing.
 */
const OPTIONS = { patients: 3, seed: 7 };
const PATIENT = patientId(1);
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** US Core resources the generator does not make, for patient 1. */
const EXTRA: FhirResource[] = [
  {
    resourceType: 'DocumentReference',
    id: 'doc-1',
    status: 'current',
    type: { coding: [{ system: 'http://loinc.org', code: '34133-9', display: 'Summary of episode note' }] },
    category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' }] }],
    subject: { reference: `Patient/${PATIENT}` },
    date: '2021-03-04T10:00:00Z',
    content: [{ attachment: { contentType: 'text/plain', data: 'aGVsbG8=' } }],
  },
  {
    resourceType: 'CarePlan',
    id: 'plan-1',
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' }] }],
    subject: { reference: `Patient/${PATIENT}` },
  },
  { resourceType: 'CareTeam', id: 'team-1', status: 'active', subject: { reference: `Patient/${PATIENT}` } },
  { resourceType: 'CareTeam', id: 'team-2', status: 'inactive', subject: { reference: `Patient/${PATIENT}` } },
];

const DATA: FhirResource[] = [
  ...generateSharedResources(OPTIONS),
  ...[...generatePatientRecords(OPTIONS)].flatMap((r) => r.resources),
  ...EXTRA,
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.putAll(DATA, { concurrency: 8 });
}, 120_000);
afterAll(() => t.stop());

/** Every match of a search, following next links. */
async function searchAll(path: string): Promise<FhirResource[]> {
  const found: FhirResource[] = [];
  let bundle: Bundle = await get(path);
  for (;;) {
    for (const e of bundle.entry ?? []) if (e.search?.mode === 'match') found.push(e.resource as FhirResource);
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (!next) return found;
    bundle = await get(next.slice(t.base.length));
  }
}

async function get(path: string): Promise<Bundle> {
  const res = await t.fhir(path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.json as Bundle;
}

const keys = (resources: readonly FhirResource[]) => resources.map((r) => `${r.resourceType}/${r.id}`).sort();
const of = <T extends FhirResource['resourceType']>(type: T) => DATA.filter((r) => r.resourceType === type) as Extract<FhirResource, { resourceType: T }>[];
const refersTo = (ref: Reference | undefined, target: string) => ref?.reference === target;
const inCategory = (categories: { coding?: { code?: string }[] }[] | undefined, code: string) => (categories ?? []).some((c) => c.coding?.some((x) => x.code === code));

/** When a date search value's prefix holds for a dateTime (its second) or a Period (R4 search.html#prefix). */
function dateMatches(prefix: 'gt' | 'ge' | 'lt' | 'le', day: string, value: { dateTime?: string; start?: string; end?: string }): boolean {
  const low = Date.parse(`${day}T00:00:00Z`);
  const high = low + 86_400_000 - 1;
  const lo = Date.parse(value.dateTime ?? value.start ?? '0001-01-01T00:00:00Z');
  const hi = value.dateTime ? lo + 999 : value.end ? Date.parse(value.end) + 999 : Infinity;
  const contained = lo >= low && hi <= high;
  return { gt: hi > high, lt: lo < low, ge: hi > high || contained, le: lo < low || contained }[prefix];
}

describe('US Core 7 SHALL searches', () => {
  const patient = of('Patient').find((p) => p.id === PATIENT)!;

  it('Patient by _id, identifier, name, birthdate+name and gender+name', async () => {
    const mrn = patient.identifier!.find((i) => i.system === 'http://hospital.example/mrn')!;
    const family = patient.name![0].family!;
    expect(keys(await searchAll(`/Patient?_id=${PATIENT}`))).toEqual([`Patient/${PATIENT}`]);
    expect(keys(await searchAll(`/Patient?identifier=${encodeURIComponent(`${mrn.system}|${mrn.value}`)}`))).toEqual([`Patient/${PATIENT}`]);
    expect(keys(await searchAll(`/Patient?name=${encodeURIComponent(family)}`))).toContain(`Patient/${PATIENT}`);
    expect(keys(await searchAll(`/Patient?birthdate=${patient.birthDate}&name=${encodeURIComponent(family)}`))).toEqual([`Patient/${PATIENT}`]);
    expect(keys(await searchAll(`/Patient?gender=${patient.gender}&name=${encodeURIComponent(family)}`))).toContain(`Patient/${PATIENT}`);
  });

  it('Observation by patient+category and patient+code', async () => {
    const labs = of('Observation').filter((o) => refersTo(o.subject, `Patient/${PATIENT}`) && inCategory(o.category, 'laboratory'));
    expect(labs.length).toBeGreaterThan(0);
    expect(keys(await searchAll(`/Observation?patient=${PATIENT}&category=laboratory`))).toEqual(keys(labs));
    expect(keys(await searchAll(`/Observation?patient=Patient/${PATIENT}&category=${encodeURIComponent(`${CATEGORY}|laboratory`)}`))).toEqual(keys(labs));
    const code = labs[0].code.coding![0];
    const withCode = of('Observation').filter((o) => refersTo(o.subject, `Patient/${PATIENT}`) && o.code.coding?.some((c) => c.code === code.code));
    expect(keys(await searchAll(`/Observation?patient=${PATIENT}&code=${encodeURIComponent(`${code.system}|${code.code}`)}`))).toEqual(keys(withCode));
  });

  it.each(['gt', 'ge', 'lt', 'le'] as const)('Observation by patient+category+date with %s', async (prefix) => {
    const day = '2020-06-15';
    const expected = of('Observation').filter(
      (o) => refersTo(o.subject, `Patient/${PATIENT}`) && inCategory(o.category, 'vital-signs') && dateMatches(prefix, day, { dateTime: o.effectiveDateTime }),
    );
    expect(keys(await searchAll(`/Observation?patient=${PATIENT}&category=vital-signs&date=${prefix}${day}`))).toEqual(keys(expected));
  });

  it('Condition by patient and patient+category', async () => {
    const conditions = of('Condition').filter((c) => refersTo(c.subject, `Patient/${PATIENT}`));
    expect(keys(await searchAll(`/Condition?patient=${PATIENT}`))).toEqual(keys(conditions));
    const category = conditions[0].category![0].coding![0].code!;
    expect(keys(await searchAll(`/Condition?patient=${PATIENT}&category=${category}`))).toEqual(keys(conditions.filter((c) => inCategory(c.category, category))));
  });

  it('DiagnosticReport by patient+category+date and patient+code', async () => {
    const reports = of('DiagnosticReport').filter((r) => refersTo(r.subject, `Patient/${PATIENT}`));
    const since = reports.filter((r) => inCategory(r.category, 'LAB') && dateMatches('ge', '2018-01-01', { dateTime: r.effectiveDateTime }));
    expect(keys(await searchAll(`/DiagnosticReport?patient=${PATIENT}&category=LAB&date=ge2018-01-01`))).toEqual(keys(since));
    const code = reports[0].code.coding![0];
    expect(keys(await searchAll(`/DiagnosticReport?patient=${PATIENT}&code=${encodeURIComponent(`${code.system}|${code.code}`)}`))).toEqual(
      keys(reports.filter((r) => r.code.coding?.some((c) => c.code === code.code))),
    );
  });

  it('DocumentReference by _id, patient+type and patient+category+date', async () => {
    expect(keys(await searchAll('/DocumentReference?_id=doc-1'))).toEqual(['DocumentReference/doc-1']);
    expect(keys(await searchAll(`/DocumentReference?patient=${PATIENT}&type=${encodeURIComponent('http://loinc.org|34133-9')}`))).toEqual(['DocumentReference/doc-1']);
    expect(keys(await searchAll(`/DocumentReference?patient=${PATIENT}&category=clinical-note&date=ge2021-01-01`))).toEqual(['DocumentReference/doc-1']);
    expect(keys(await searchAll(`/DocumentReference?patient=${PATIENT}&category=clinical-note&date=lt2021-01-01`))).toEqual([]);
  });

  it('Encounter by _id and date+patient', async () => {
    const encounters = of('Encounter').filter((e) => refersTo(e.subject, `Patient/${PATIENT}`));
    expect(keys(await searchAll(`/Encounter?_id=${encounters[0].id}`))).toEqual([`Encounter/${encounters[0].id}`]);
    const expected = encounters.filter((e) => dateMatches('ge', '2019-01-01', e.period!));
    expect(keys(await searchAll(`/Encounter?date=ge2019-01-01&patient=${PATIENT}`))).toEqual(keys(expected));
  });

  it('MedicationRequest by patient+intent+status with every value ORed, including the Medications', async () => {
    const statuses = 'active,on-hold,cancelled,completed,entered-in-error,stopped,draft,unknown';
    const intents = 'proposal,plan,order,original-order,reflex-order,filler-order,instance-order,option';
    const res = await get(`/MedicationRequest?patient=${PATIENT}&intent=${intents}&status=${statuses}&_include=MedicationRequest:medication`);
    const requests = of('MedicationRequest').filter((m) => refersTo(m.subject, `Patient/${PATIENT}`));
    const matches = (res.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource as FhirResource);
    const included = (res.entry ?? []).filter((e) => e.search?.mode === 'include').map((e) => e.resource as FhirResource);
    expect(keys(matches)).toEqual(keys(requests));
    const medications = [...new Set(requests.map((m) => m.medicationReference?.reference).filter((r): r is string => r !== undefined))].sort();
    expect(medications.length).toBeGreaterThan(0);
    expect(keys(included)).toEqual(medications);
  });

  it('Procedure by patient+date', async () => {
    const expected = of('Procedure').filter((p) => refersTo(p.subject, `Patient/${PATIENT}`) && dateMatches('ge', '2019-01-01', p.performedPeriod ?? { dateTime: p.performedDateTime }));
    expect(keys(await searchAll(`/Procedure?patient=${PATIENT}&date=ge2019-01-01`))).toEqual(keys(expected));
  });

  it('CarePlan by patient+category and CareTeam by patient+status', async () => {
    expect(keys(await searchAll(`/CarePlan?patient=${PATIENT}&category=assess-plan`))).toEqual(['CarePlan/plan-1']);
    expect(keys(await searchAll(`/CareTeam?patient=${PATIENT}&status=active`))).toEqual(['CareTeam/team-1']);
  });

  it('ServiceRequest by patient+category+authored', async () => {
    const requests = of('ServiceRequest').filter((s) => refersTo(s.subject, `Patient/${PATIENT}`));
    const category = requests[0].category![0].coding![0];
    const expected = requests.filter((s) => inCategory(s.category, category.code!) && dateMatches('ge', '2018-01-01', { dateTime: s.authoredOn }));
    const path = `/ServiceRequest?patient=${PATIENT}&category=${encodeURIComponent(`${category.system}|${category.code}`)}&authored=ge2018-01-01`;
    expect(keys(await searchAll(path))).toEqual(keys(expected));
  });

  it('Location by name and address', async () => {
    const location = of('Location')[0];
    expect(keys(await searchAll(`/Location?name=${encodeURIComponent(location.name!.slice(0, 6))}`))).toContain(`Location/${location.id}`);
    const city = location.address!.city!;
    expect(keys(await searchAll(`/Location?address=${encodeURIComponent(city)}`))).toEqual(keys(of('Location').filter((l) => l.address?.city === city)));
  });

  it('_revinclude=Provenance:target brings the Provenance of each match', async () => {
    const res = await get(`/Encounter?patient=${PATIENT}&_revinclude=Provenance:target`);
    const encounters = (res.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => `Encounter/${e.resource!.id}`);
    const included = (res.entry ?? []).filter((e) => e.search?.mode === 'include').map((e) => e.resource as FhirResource);
    const expected = of('Provenance').filter((p) => p.target.some((r) => encounters.includes(r.reference!)));
    expect(expected.length).toBeGreaterThan(0);
    expect(keys(included)).toEqual(keys(expected));
  });

  it('patient=Patient/123 and patient=123 return the same results', async () => {
    expect(keys(await searchAll(`/Condition?patient=Patient/${PATIENT}`))).toEqual(keys(await searchAll(`/Condition?patient=${PATIENT}`)));
    expect(keys(await searchAll(`/Condition?patient=${t.base}/Patient/${PATIENT}`))).toEqual(keys(await searchAll(`/Condition?patient=${PATIENT}`)));
  });
});
