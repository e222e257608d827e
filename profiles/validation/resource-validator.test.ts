import type { Bundle, FhirResource, Observation, OperationOutcomeIssue, Parameters, Patient } from 'fhir/r4';
import { FhirError, isFhirError } from '../../resources/errors/fhir-error';
import { createResourceValidator } from './resource-validator';

const validator = createResourceValidator();

function issuesOf(resource: unknown, expectedType?: string): OperationOutcomeIssue[] {
  try {
    validator.validate(resource, expectedType);
  } catch (e) {
    if (isFhirError(e)) return e.outcome.issue;
    throw e;
  }
  return [];
}

const expressions = (issues: OperationOutcomeIssue[]) => issues.flatMap((i) => i.expression ?? []);

const patient: Patient = {
  resourceType: 'Patient',
  id: 'example-1.2',
  meta: { versionId: '1', lastUpdated: '2024-05-01T10:00:00.000Z', profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
  identifier: [{ system: 'urn:oid:2.16.840.1.113883.4.1', value: '123-45-6789' }],
  active: true,
  name: [{ use: 'official', family: 'Chalmers', given: ['Peter', 'James'] }],
  telecom: [{ system: 'phone', value: '(03) 5555 6473', use: 'work', rank: 1 }],
  gender: 'male',
  birthDate: '1974-12-25',
  _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1974-12-25T14:35:45-05:00' }] },
  deceasedBoolean: false,
  address: [{ line: ['534 Erewhon St'], city: 'PleasantVille', postalCode: '3999', period: { start: '1974-12-25' } }],
  managingOrganization: { reference: 'Organization/1' },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Peter Chalmers</div>' },
};

const observation: Observation = {
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body Weight' }] },
  subject: { reference: 'Patient/example' },
  effectiveDateTime: '2016-03-28',
  valueQuantity: { value: 67.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

const transaction: Bundle<FhirResource> = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a',
      resource: { resourceType: 'Patient', name: [{ family: 'Doe' }] },
      request: { method: 'POST', url: 'Patient' },
    },
    {
      fullUrl: 'urn:uuid:88f151c0-a954-468a-88bd-5ae15c08e059',
      resource: { ...observation, subject: { reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a' } },
      request: { method: 'POST', url: 'Observation' },
    },
    {
      resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient?identifier=http://x|1' } },
      request: { method: 'PUT', url: 'Encounter?identifier=http://x|e1' },
    },
  ],
};

describe('ResourceValidator: valid resources pass', () => {
  it.each<[string, unknown]>([
    ['a Patient with extensions on a primitive', patient],
    ['an Observation with valueQuantity', observation],
    ['a transaction Bundle with nested resources, urn:uuid and conditional references', transaction],
    [
      'a resource with a contained resource and a #reference to it',
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'weight' },
        contained: [{ resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe' }] }],
        subject: { reference: '#p1' },
      },
    ],
    [
      'a Parameters resource carrying a resource',
      { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: { resourceType: 'Patient', active: true } as Patient }] } satisfies Parameters,
    ],
    ['a Patient whose type is the expected one', patient],
  ])('%s', (_label, resource) => {
    expect(() => validator.validate(resource, (resource as { resourceType: string }).resourceType)).not.toThrow();
  });
});

describe('ResourceValidator: resourceType', () => {
  it.each<[string, unknown, OperationOutcomeIssue['code'], string]>([
    ['a resource that is not a JSON object', [patient], 'structure', 'A resource is a JSON object, not an array'],
    ['a missing resourceType', { id: '1' }, 'required', 'Missing resourceType'],
    ['a resourceType that is not a string', { resourceType: 5 }, 'structure', 'resourceType must be a string, not a number (5)'],
    ['an unknown resourceType', { resourceType: 'Patients' }, 'value', "Unknown resource type 'Patients'"],
    ['a resourceType from another FHIR version', { resourceType: 'Citation' }, 'value', "Unknown resource type 'Citation'"],
  ])('rejects %s', (_label, resource, code, diagnostics) => {
    expect(issuesOf(resource)).toEqual([expect.objectContaining({ severity: 'error', code, diagnostics })]);
  });

  it('rejects a resource whose type is not the expected one', () => {
    expect(issuesOf(observation, 'Patient')).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: "Expected a Patient resource but resourceType is 'Observation'",
        expression: ['resourceType'],
      },
    ]);
  });

  it('throws a bad-request FhirError', () => {
    let thrown: unknown;
    try {
      validator.validate({ resourceType: 'Patient', gender: 'boy' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FhirError);
    expect((thrown as FhirError).kind).toBe('bad-request');
  });
});

describe('ResourceValidator: every problem is reported', () => {
  it('lists all problems of a resource, one issue each, with its expression', () => {
    const issues = issuesOf({
      resourceType: 'Patient',
      id: 'a/b',
      foo: true,
      gender: 'boy',
      birthDate: '1970-13-45',
      name: [{ given: ['Ann', 7] }],
      telecom: [],
      link: [{ type: 'seealso' }],
      managingOrganization: { reference: 'Organisation/1' },
    });
    expect(expressions(issues)).toEqual([
      'Patient.foo',
      'Patient.id',
      'Patient.name[0].given[1]',
      'Patient.gender',
      'Patient.birthDate',
      'Patient.link[0].other',
      'Patient.managingOrganization.reference',
      'Patient.telecom',
    ]);
    expect(issues.every((i) => i.severity === 'error' && i.expression?.length === 1)).toBe(true);
  });
});

describe('ResourceValidator: nested resources', () => {
  it('names an error inside a Bundle entry resource by its path from the Bundle', () => {
    const bundle = structuredClone(transaction);
    bundle.entry![2].resource = { resourceType: 'Patient', name: [{ given: [42 as unknown as string] }] };
    expect(issuesOf(bundle)).toEqual([
      expect.objectContaining({ code: 'structure', expression: ['Bundle.entry[2].resource.name[0].given[0]'] }),
    ]);
  });

  it('validates a Bundle entry resource with its own type, not with a union of all types', () => {
    const bundle = structuredClone(transaction);
    (bundle.entry![0].resource as Patient).gender = 'boy' as Patient['gender'];
    expect(issuesOf(bundle)).toEqual([
      expect.objectContaining({
        diagnostics: "Invalid code 'boy': expected one of male, female, other, unknown",
        expression: ['Bundle.entry[0].resource.gender'],
      }),
    ]);
  });

  it('rejects an unknown resourceType inside a Bundle, naming the element', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Nope' } }] };
    expect(issuesOf(bundle)).toEqual([
      expect.objectContaining({ code: 'value', diagnostics: "Unknown resource type 'Nope'", expression: ['Bundle.entry[0].resource.resourceType'] }),
    ]);
  });

  it('requires a resourceType on a nested resource', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { id: 'x' } }] };
    expect(expressions(issuesOf(bundle))).toEqual(['Bundle.entry[0].resource.resourceType']);
  });

  it('validates resources in a Bundle inside a Bundle, and in Parameters', () => {
    const inner = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', active: 'yes' } }] };
    const outer = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: inner }] };
    expect(expressions(issuesOf(outer))).toEqual(['Bundle.entry[0].resource.entry[0].resource.active']);
    const parameters = { resourceType: 'Parameters', parameter: [{ name: 'p', part: [{ name: 'q', resource: { resourceType: 'Patient', x: 1 } }] }] };
    expect(expressions(issuesOf(parameters))).toEqual(['Parameters.parameter[0].part[0].resource.x']);
  });

  it('names an error inside a contained resource by its path from the container', () => {
    const resource = { ...observation, contained: [{ resourceType: 'Patient', id: 'p', birthDate: 'soon' }], subject: { reference: '#p' } };
    expect(expressions(issuesOf(resource))).toEqual(['Observation.contained[0].birthDate']);
  });
});

describe('ResourceValidator: warmUp', () => {
  it('compiles every resource type up front, after which validation works as before', () => {
    const warm = createResourceValidator();
    warm.warmUp();
    expect(() => warm.validate(transaction)).not.toThrow();
    expect(() => warm.validate({ resourceType: 'ImplementationGuide', status: 'drafty' })).toThrow(FhirError);
  });
});
