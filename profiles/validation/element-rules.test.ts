import type { OperationOutcomeIssue } from 'fhir/r4';
import { loadR4Schema } from './schema-loader';
import { elementRulesFor } from './element-rules';
import { createResourceValidator } from './resource-validator';
import { issuesOf as issuesIn } from './validation-issues.test-support';

const validator = createResourceValidator();
const issuesOf = (resource: unknown) => issuesIn(validator, resource);
const summary = (issues: OperationOutcomeIssue[]) => issues.map((i) => [i.code, i.expression?.[0], i.diagnostics]);

const observation = { resourceType: 'Observation', status: 'final', code: { text: 'weight' } };
const administration = {
  resourceType: 'MedicationAdministration',
  status: 'completed',
  medicationCodeableConcept: { text: 'aspirin' },
  subject: { reference: 'Patient/1' },
  effectiveDateTime: '2024-01-01',
};

describe('elementRulesFor (R4 StructureDefinitions)', () => {
  const definitions = loadR4Schema().document.definitions as Record<string, Record<string, unknown>>;
  const rules = elementRulesFor(definitions);

  it('finds required primitives of resources, backbone elements and data types', () => {
    expect(rules.get('Observation')?.required).toEqual(['status']);
    expect(rules.get('Bundle_Request')?.required).toEqual(['method', 'url']);
    expect(rules.get('Extension')?.required).toEqual(['url']);
  });

  it('finds choice elements with their JSON names', () => {
    expect(rules.get('MedicationAdministration')?.choices).toContainEqual({
      name: 'effective',
      variants: ['effectiveDateTime', 'effectivePeriod'],
      required: true,
    });
  });

  it('maps numbered backbone definitions to their element paths', () => {
    expect(rules.get('ImplementationGuide_Resource1')?.choices.map((c) => c.name)).toEqual(['example']);
  });
});

describe('ResourceValidator: required primitives, which the JSON schema leaves out', () => {
  it('reports a missing required primitive with its expression', () => {
    const { status: _status, ...withoutStatus } = observation;
    expect(summary(issuesOf(withoutStatus))).toEqual([['required', 'Observation.status', "Missing required element 'status'"]]);
  });

  it('reports required primitives missing in backbone elements and data types', () => {
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: observation, request: { url: 'Observation' } }] };
    expect(summary(issuesOf(bundle))).toEqual([['required', 'Bundle.entry[0].request.method', "Missing required element 'method'"]]);
    expect(summary(issuesOf({ ...observation, extension: [{ valueString: 'x' }] }))).toEqual([
      ['required', 'Observation.extension[0].url', "Missing required element 'url'"],
    ]);
    expect(summary(issuesOf({ resourceType: 'Bundle' }))).toEqual([['required', 'Bundle.type', "Missing required element 'type'"]]);
  });

  it('accepts the _x extension half in place of a required primitive (json.html#primitive)', () => {
    const { status: _status, ...withoutStatus } = observation;
    const extension = [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }];
    expect(issuesOf({ ...withoutStatus, _status: { extension } })).toEqual([]);
  });
});

describe('ResourceValidator: choice elements (https://hl7.org/fhir/R4/formats.html#choice)', () => {
  it('rejects two variants of one choice, naming the choice element', () => {
    expect(summary(issuesOf({ ...observation, valueQuantity: { value: 1 }, valueString: 'one' }))).toEqual([
      ['structure', 'Observation.value', 'Only one of valueQuantity, valueString may be present (value[x])'],
    ]);
  });

  it('counts a primitive variant and its _x extension half as one', () => {
    expect(issuesOf({ ...observation, valueString: 'one', _valueString: { id: 'v' } })).toEqual([]);
  });

  it('reports a missing required choice', () => {
    const { effectiveDateTime: _effective, ...withoutEffective } = administration;
    expect(summary(issuesOf(withoutEffective))).toEqual([
      ['required', 'MedicationAdministration.effective', "Missing required element 'effective[x]'"],
    ]);
    expect(issuesOf(administration)).toEqual([]);
  });

  it('checks choices inside data types, such as extension values', () => {
    expect(summary(issuesOf({ ...observation, extension: [{ url: 'http://x', valueString: 'a', valueBoolean: true }] }))).toEqual([
      ['structure', 'Observation.extension[0].value', 'Only one of valueString, valueBoolean may be present (value[x])'],
    ]);
  });
});
