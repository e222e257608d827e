import type autocannon from 'autocannon';
import type { FhirResource } from 'fhir/r4';
import { collectReferences } from '../../data/references';
import { conformanceErrors } from '../../data/r4-conformance';
import { StepFailures } from '../step-failures';
import { crudRequests } from './crud-mix';
import { buildBodySets, CRUD_TYPES, fillTemplate, type CrudIds } from './crud-mix-bodies';

const bodies = buildBodySets(3);
const ids: CrudIds = Object.fromEntries(CRUD_TYPES.map((t, i) => [t, `id${i}`]));

describe('crud-mix bodies', () => {
  it('are valid R4 once filled in, referencing only the resources created before them in the loop', () => {
    for (const set of bodies) {
      CRUD_TYPES.forEach((type, i) => {
        const resource = JSON.parse(fillTemplate(set[type].create, ids) as string) as FhirResource;
        expect(resource.resourceType).toBe(type);
        expect(resource.id).toBeUndefined();
        expect(conformanceErrors(resource)).toEqual([]);
        const earlier = new Set(CRUD_TYPES.slice(0, i).map((t) => `${t}/${ids[t]}`));
        for (const ref of collectReferences(resource)) expect(earlier).toContain(ref);
      });
    }
  });

  it('link the clinical resources to each other', () => {
    const refs = (type: (typeof CRUD_TYPES)[number]) => collectReferences(JSON.parse(fillTemplate(bodies[0][type].create, ids) as string));
    expect(refs('Encounter')).toEqual(expect.arrayContaining(['Patient/id3', 'Practitioner/id2', 'Location/id1', 'Organization/id0']));
    expect(refs('Observation')).toEqual(expect.arrayContaining(['Patient/id3', 'Encounter/id4']));
    expect(refs('ExplanationOfBenefit')).toContain('Claim/id7');
  });

  it('carry the resource id in update bodies', () => {
    const updated = JSON.parse(fillTemplate(bodies[0].Patient.update, ids, 'id3') as string) as FhirResource;
    expect(updated.id).toBe('id3');
  });

  it('cannot be filled before the resources they reference exist', () => {
    expect(fillTemplate(bodies[0].Encounter.create, { Organization: 'o' })).toBeUndefined();
  });
});

/** Plays one connection's loop against canned responses, the way autocannon drives it. */
function playLoop(status: (request: autocannon.Request) => number) {
  const failures = new StepFailures();
  const requests = crudRequests('/fhir', bodies, failures);
  const context = { ids: {}, variant: 0 };
  const sent: autocannon.Request[] = [];
  for (const [i, template] of requests.entries()) {
    const setup = template.setupRequest as (r: autocannon.Request, c: object) => autocannon.Request | undefined;
    const request = setup({ ...template }, context);
    if (!request) return { sent, failures, restartedAt: i };
    sent.push(request);
    const onResponse = template.onResponse as (s: number, b: string, c: object, h: Record<string, string>) => void;
    const type = (request.path as string).split('/')[2];
    onResponse(status(request), '{}', context, { Location: `http://h/fhir/${type}/${type.toLowerCase()}-1/_history/1` });
  }
  return { sent, failures, restartedAt: undefined };
}

const success = (request: autocannon.Request) => ({ POST: 201, GET: 200, PUT: 200, DELETE: 204 })[request.method as string] as number;

describe('crud-mix request loop', () => {
  it('creates, reads, updates, then deletes dependents first, with ids from the Location headers', () => {
    const { sent, failures, restartedAt } = playLoop(success);
    expect(restartedAt).toBeUndefined();
    expect(failures.byStep()).toEqual({});
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      ...CRUD_TYPES.map((t) => `POST /fhir/${t}`),
      ...CRUD_TYPES.map((t) => `GET /fhir/${t}/${t.toLowerCase()}-1`),
      ...CRUD_TYPES.map((t) => `PUT /fhir/${t}/${t.toLowerCase()}-1`),
      ...[...CRUD_TYPES].reverse().map((t) => `DELETE /fhir/${t}/${t.toLowerCase()}-1`),
    ]);
    const claim = JSON.parse(sent[7].body as string) as FhirResource;
    expect(collectReferences(claim)).toEqual(expect.arrayContaining(['Patient/patient-1', 'Encounter/encounter-1']));
    const put = JSON.parse(sent[CRUD_TYPES.length * 2 + 3].body as string) as FhirResource;
    expect(put).toMatchObject({ resourceType: 'Patient', id: 'patient-1' });
  });

  it('counts an unexpected status per step and restarts the loop when a create it depends on failed', () => {
    const { failures, restartedAt } = playLoop((r) => (r.method === 'POST' && r.path === '/fhir/Claim' ? 500 : success(r)));
    expect(failures.byStep()).toEqual({ 'POST Claim': 1 });
    expect(restartedAt).toBe(CRUD_TYPES.indexOf('ExplanationOfBenefit'));
  });

  it('treats a 200 to a create as a failure, since R4 create answers 201', () => {
    const { failures } = playLoop((r) => (r.method === 'POST' && r.path === '/fhir/Organization' ? 200 : success(r)));
    expect(failures.byStep()).toEqual({ 'POST Organization': 1 });
  });
});
