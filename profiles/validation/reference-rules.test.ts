import { referenceProblem } from './reference-rules';
import { createResourceValidator } from './resource-validator';
import { issuesOf as issuesIn } from './validation-issues.test-support';
import { loadR4Schema } from './schema-loader';

const { resourceTypes } = loadR4Schema();
const localIds = new Set(['med1']);

describe('referenceProblem (https://hl7.org/fhir/R4/references.html#literal)', () => {
  it.each([
    'Patient/123',
    'Patient/a-b.c',
    `Patient/${'x'.repeat(64)}`,
    'Observation/1/_history/2',
    'https://example.org/fhir/Patient/123',
    'http://example.org/fhir/Patient/123/_history/1',
    'https://example.org/anything?at=all',
    '#med1',
    '#',
    'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a',
    'urn:oid:1.2.840.113619.6.197',
    'Patient?identifier=http://hospital.example|123',
  ])('accepts %s', (reference) => {
    expect(referenceProblem(reference, resourceTypes, localIds)).toBeUndefined();
  });

  it.each([
    ['Foo/1', "Unknown resource type 'Foo' in reference 'Foo/1'"],
    ['patient/1', "Unknown resource type 'patient' in reference 'patient/1'"],
    ['Patient/', "Invalid id '' in reference 'Patient/'"],
    ['Patient/a_b', "Invalid id 'a_b' in reference 'Patient/a_b'"],
    [`Patient/${'x'.repeat(65)}`, `Invalid id '${'x'.repeat(65)}' in reference`],
    ['Patient/1/_history/v_1', "Invalid version id 'v_1' in reference 'Patient/1/_history/v_1'"],
    ['#other', "Reference '#other' names no contained resource"],
    ['urn:uuid:not-a-uuid', "Invalid urn:uuid reference 'urn:uuid:not-a-uuid'"],
    ['urn:oid:1.02', "Invalid urn:oid reference 'urn:oid:1.02'"],
    ['Foo?x=1', "Unknown resource type 'Foo' in reference 'Foo?x=1'"],
    ['123', "Invalid reference '123'"],
    ['Patient 123', "Invalid reference 'Patient 123'"],
    ['urn:isbn:0451450523', "Invalid reference 'urn:isbn:0451450523'"],
  ])('rejects %s', (reference, diagnostics) => {
    expect(referenceProblem(reference, resourceTypes, localIds)).toContain(diagnostics);
  });
});

describe('ResourceValidator: references', () => {
  const validator = createResourceValidator();
  const issuesOf = (resource: unknown) => issuesIn(validator, resource);
  const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };

  it('names the reference element of a bad reference', () => {
    expect(issuesOf({ ...observation, subject: { reference: 'Patient/1 2' } })).toEqual([
      expect.objectContaining({ code: 'value', expression: ['Observation.subject.reference'] }),
    ]);
  });

  it('checks references in repeating and deep elements', () => {
    const resource = { ...observation, performer: [{ reference: 'Practitioner/1' }, { reference: 'Nobody/1' }], derivedFrom: [{ display: 'no reference at all' }] };
    expect(issuesOf(resource).flatMap((i) => i.expression)).toEqual(['Observation.performer[1].reference']);
  });

  it('requires #id to name a contained resource of the same container', () => {
    expect(issuesOf({ ...observation, subject: { reference: '#p1' } })).toEqual([
      expect.objectContaining({ diagnostics: "Reference '#p1' names no contained resource", expression: ['Observation.subject.reference'] }),
    ]);
  });

  it('lets a contained resource refer to a sibling contained resource and to its container with #', () => {
    const resource = {
      ...observation,
      contained: [
        { resourceType: 'Patient', id: 'p1', managingOrganization: { reference: '#org' } },
        { resourceType: 'Organization', id: 'org', partOf: { reference: '#' } },
      ],
      subject: { reference: '#p1' },
    };
    expect(issuesOf(resource)).toEqual([]);
  });

  it('resolves #id within each Bundle entry, not across entries', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { ...observation, contained: [{ resourceType: 'Patient', id: 'p1' }], subject: { reference: '#p1' } } },
        { resource: { ...observation, subject: { reference: '#p1' } } },
      ],
    };
    expect(issuesOf(bundle).flatMap((i) => i.expression)).toEqual(['Bundle.entry[1].resource.subject.reference']);
  });

  it('leaves elements named reference that are not References alone', () => {
    // Expression.reference is a uri; only the Reference datatype's reference is a literal reference.
    const resource = {
      resourceType: 'PlanDefinition',
      status: 'draft',
      action: [{ condition: [{ kind: 'applicability', expression: { language: 'text/cql', reference: 'Library/x|1.0#cond' } }] }],
    };
    expect(issuesOf(resource)).toEqual([]);
  });
});
