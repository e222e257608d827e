import { isAlignedNull, jsonRuleIssues as jsonRules, MAX_DEPTH } from './json-rules';

const jsonRuleIssues = (resource: Record<string, unknown>, expression: string) => jsonRules(resource, expression).issues;
import { createResourceValidator } from './resource-validator';
import { issuesOf as issuesIn } from './validation-issues.test-support';

describe('jsonRuleIssues (https://hl7.org/fhir/R4/json.html#json)', () => {
  it('finds nothing in a resource without empty values', () => {
    expect(jsonRuleIssues({ resourceType: 'Patient', name: [{ given: ['a'] }], active: false, multipleBirthInteger: 0 }, 'Patient')).toEqual([]);
  });

  it('reports empty strings, objects and arrays, and nulls, with their expressions', () => {
    const issues = jsonRuleIssues(
      { resourceType: 'Patient', name: [{ family: '', given: [] }, {}], address: null, telecom: [[{ value: 'x' }]] },
      'Patient',
    );
    expect(issues.map((i) => [i.expression, i.diagnostics])).toEqual([
      ['Patient.name[0].family', 'Empty strings are not allowed: leave the element out'],
      ['Patient.name[0].given', 'Empty arrays are not allowed: leave the element out'],
      ['Patient.name[1]', 'Empty objects are not allowed: leave the element out'],
      ['Patient.address', "null is not allowed for 'address': leave the element out"],
      ['Patient.telecom[0]', 'Arrays of arrays are not allowed'],
    ]);
    expect(issues.every((i) => i.code === 'structure')).toBe(true);
  });

  it('reports numbers JSON.parse read as Infinity (beyond a double), which would be written back as null', () => {
    const observation = JSON.parse('{"resourceType":"Observation","valueQuantity":{"value":-1e400},"component":[{"valueInteger":1e999}]}');
    expect(jsonRuleIssues(observation, 'Observation').map((i) => [i.code, i.expression])).toEqual([
      ['value', 'Observation.valueQuantity.value'],
      ['value', 'Observation.component[0].valueInteger'],
    ]);
    expect(jsonRuleIssues({ resourceType: 'Observation', valueQuantity: { value: 1.7976931348623157e308 } }, 'Observation')).toEqual([]);
  });

  it('allows null in a primitive array where the _x array has an entry, and the reverse (json.html#primitive)', () => {
    const name = { given: ['Rob', null], _given: [null, { extension: [{ url: 'http://x', valueString: 'y' }] }] };
    expect(jsonRuleIssues({ resourceType: 'Patient', name: [name] }, 'Patient')).toEqual([]);
    expect(isAlignedNull(name, 'given', 1)).toBe(true);
    expect(isAlignedNull(name, '_given', 0)).toBe(true);
  });

  it('rejects a null that no sibling array entry explains', () => {
    const issues = jsonRuleIssues({ resourceType: 'Patient', name: [{ given: ['Rob', null] }] }, 'Patient');
    expect(issues).toEqual([expect.objectContaining({ expression: 'Patient.name[0].given[1]' })]);
  });
});

describe('nesting depth', () => {
  const nested = (depth: number) => {
    let extension: Record<string, unknown> = { url: 'http://x', valueString: 'v' };
    for (let i = 0; i < depth; i++) extension = { url: 'http://x', extension: [extension] };
    return { resourceType: 'Patient', extension: [extension] };
  };

  it('validates anything up to the limit', () => {
    const deepest = nested(MAX_DEPTH / 2 - 2);
    expect(jsonRules(deepest, 'Patient').tooDeep).toBe(false);
    expect(() => createResourceValidator().validate(deepest)).not.toThrow();
  });

  it(`refuses objects and arrays nested more than ${MAX_DEPTH} levels, once, instead of exhausting the stack`, () => {
    const result = jsonRules(nested(5000), 'Patient');
    expect(result.tooDeep).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ diagnostics: `Elements are nested more than ${MAX_DEPTH} levels deep` })]);
    expect(() => createResourceValidator().validate(nested(5000))).toThrow(`nested more than ${MAX_DEPTH} levels deep`);
  });
});

describe('ResourceValidator: FHIR JSON rules', () => {
  const validator = createResourceValidator();
  const issuesOf = (resource: unknown) => issuesIn(validator, resource);

  it('reports empty objects and arrays that the schema accepts', () => {
    const issues = issuesOf({ resourceType: 'Patient', name: [{}], telecom: [], meta: {} });
    expect(issues.map((i) => i.expression?.[0])).toEqual(['Patient.name[0]', 'Patient.telecom', 'Patient.meta']);
  });

  it('reports an empty uri, which the schema pattern allows', () => {
    expect(issuesOf({ resourceType: 'Patient', identifier: [{ system: '', value: '1' }] })).toEqual([
      expect.objectContaining({ diagnostics: 'Empty strings are not allowed: leave the element out', expression: ['Patient.identifier[0].system'] }),
    ]);
  });

  it('reports a null or empty string once, not once per rule', () => {
    const issues = issuesOf({ resourceType: 'Patient', name: [{ family: '' }], gender: null });
    expect(issues.map((i) => [i.expression?.[0], i.diagnostics])).toEqual([
      ['Patient.gender', 'null is not allowed: leave the element out'],
      ['Patient.name[0].family', 'Empty strings are not allowed: leave the element out'],
    ]);
  });

  it('does not report what is inside an element already reported', () => {
    expect(issuesOf({ resourceType: 'Patient', unknown: { empty: '' } }).map((i) => i.diagnostics)).toEqual(["Unknown element 'unknown'"]);
  });

  it('accepts aligned nulls in primitive arrays, which the official schema alone would reject', () => {
    expect(issuesOf({ resourceType: 'Patient', name: [{ given: ['Rob', null], _given: [null, { id: 'g2' }] }] })).toEqual([]);
  });
});
