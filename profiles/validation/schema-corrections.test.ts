import type { Bundle, Resource } from 'fhir/r4';
import { readR4File } from '../../resources/definitions/r4-files';
import { createResourceValidator } from './resource-validator';
import { issuesOf as issuesIn } from './validation-issues.test-support';
import { correctR4Definitions } from './schema-corrections';

const validator = createResourceValidator();
const issuesOf = (resource: unknown) => issuesIn(validator, resource);

describe('corrections to the official R4 JSON schema', () => {
  it('accepts the R4 version 4.0.1 as a FHIRVersion (the package ships the 4.0.0 schema)', () => {
    const capabilities = { resourceType: 'CapabilityStatement', status: 'active', date: '2024', kind: 'instance', fhirVersion: '4.0.1', format: ['json'] };
    expect(issuesOf(capabilities)).toEqual([]);
    expect(issuesOf({ ...capabilities, fhirVersion: '4.3.0' }).map((i) => i.expression?.[0])).toEqual(['CapabilityStatement.fhirVersion']);
  });

  it('accepts the _x extension half of canonical elements, which the schema lacks', () => {
    const patient = { resourceType: 'Patient', meta: { profile: ['http://example.org/p'], _profile: [{ id: 'p1' }] } };
    expect(issuesOf(patient)).toEqual([]);
  });

  it('reads \\s in the spec regexes as XML Schema does: a no-break space is not whitespace', () => {
    expect(issuesOf({ resourceType: 'Patient', name: [{ family: 'van\u00a0Dijk' }], language: 'x\u00a0y' })).toEqual([]);
    expect(issuesOf({ resourceType: 'Patient', language: 'en  GB' }).map((i) => i.expression?.[0])).toEqual(['Patient.language']);
  });

  it('leaves the definitions it is given unchanged', () => {
    const definitions = { integer: { type: 'number', pattern: '^-?([0]|([1-9][0-9]*))$' }, HumanName: { properties: { family: { $ref: '#/definitions/string' } } } };
    const copy = structuredClone(definitions);
    const corrected = correctR4Definitions(definitions);
    expect(definitions).toEqual(copy);
    expect(corrected.integer.type).toBe('integer');
    expect(corrected.HumanName.type).toBe('object');
  });
});

describe('the official R4 definitions validate without false positives', () => {
  it.each(['profiles-types.json', 'search-parameters.json', 'compartmentdefinition-patient.json'])('%s', (file) => {
    const content = readR4File<Bundle | Resource>(file);
    const resources = content.resourceType === 'Bundle' ? ((content as Bundle).entry ?? []).map((e) => e.resource) : [content];
    const failures = resources.flatMap((resource) => issuesOf(resource).map((i) => `${resource?.resourceType}/${resource?.id} ${i.expression}: ${i.diagnostics}`));
    expect(failures).toEqual([]);
    expect(resources.length).toBeGreaterThan(0);
  });
});
