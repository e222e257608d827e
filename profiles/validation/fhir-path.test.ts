import { childExpression, pointerExpression, valueAtPointer } from './fhir-path';

describe('FHIRPath expressions of JSON elements', () => {
  it('writes array positions as [n] and properties as .name', () => {
    expect(pointerExpression('Patient', '/name/0/given/1')).toBe('Patient.name[0].given[1]');
    expect(pointerExpression('Patient', '')).toBe('Patient');
    expect(childExpression('Patient.name[0]', 'given')).toBe('Patient.name[0].given');
    expect(childExpression('Patient.name', 3)).toBe('Patient.name[3]');
  });

  it('names the primitive for its _x extension half, as FHIRPath sees one element', () => {
    expect(pointerExpression('Patient', '/_birthDate/extension/0')).toBe('Patient.birthDate.extension[0]');
    expect(pointerExpression('Patient', '/name/0/_given/1')).toBe('Patient.name[0].given[1]');
  });

  it('names keys that only start with an underscore as they are written', () => {
    expect(childExpression('Patient', '__proto__')).toBe('Patient.__proto__');
    expect(childExpression('Patient', '_')).toBe('Patient._');
    expect(childExpression('Patient', '_1x')).toBe('Patient._1x');
  });

  it('delimits names that are not FHIRPath identifiers', () => {
    expect(childExpression('Patient', 'foo bar')).toBe('Patient.`foo bar`');
    expect(childExpression('Patient', 'a`b')).toBe('Patient.`a\\`b`');
    expect(pointerExpression('Patient', '/a~1b/c~0d')).toBe('Patient.`a/b`.`c~d`');
  });

  it('builds on a nested base', () => {
    expect(pointerExpression('Bundle.entry[2].resource', '/name/0')).toBe('Bundle.entry[2].resource.name[0]');
  });
});

describe('valueAtPointer', () => {
  const resource = { name: [{ given: ['a', 'b'] }], 'a/b': 1 };

  it('finds the value a JSON Pointer designates', () => {
    expect(valueAtPointer(resource, '/name/0/given/1')).toBe('b');
    expect(valueAtPointer(resource, '/a~1b')).toBe(1);
    expect(valueAtPointer(resource, '')).toBe(resource);
  });

  it('answers undefined for a path that leads nowhere', () => {
    expect(valueAtPointer(resource, '/name/3/given')).toBeUndefined();
    expect(valueAtPointer(resource, '/name/0/given/0/x')).toBeUndefined();
  });
});
