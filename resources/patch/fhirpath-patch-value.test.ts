import { elementInfo } from '../definitions/elements';
import { buildElement, buildValue, readPatchValue, type PatchValue } from './fhirpath-patch-value';

const typed = (suffix: string, json: unknown): PatchValue => ({ kind: 'typed', suffix, json });
const str = (json: string) => typed('String', json);
const parts = (...list: [string, PatchValue][]): PatchValue => ({
  kind: 'parts',
  parts: list.map(([name, value]) => ({ name, value })),
});

describe('FHIRPath Patch values', () => {
  it('reads value[x], resource and part values, copying the JSON', () => {
    const quantity = { value: 1 };
    const value = readPatchValue({ name: 'value', valueQuantity: quantity }, 'value');
    expect(value).toEqual(typed('Quantity', { value: 1 }));
    expect((value as { json: unknown }).json).not.toBe(quantity);
    const resource = { resourceType: 'Basic' };
    expect(readPatchValue({ name: 'value', resource }, 'value')).toEqual({ kind: 'resource', json: resource });
  });

  it('builds a data type from parts, making list elements lists', () => {
    const json = buildValue(parts(['family', str('F')], ['given', str('A')], ['given', str('B')]), 'HumanName');
    expect(json).toEqual({ family: 'F', given: ['A', 'B'] });
  });

  it('builds nested backbone elements from nested parts', () => {
    const item = parts(['answer', parts(['valueInteger', typed('Integer', 3)])], ['linkId', str('1')]);
    expect(buildValue(item, 'QuestionnaireResponse.item')).toEqual({ answer: [{ valueInteger: 3 }], linkId: '1' });
  });

  it('refuses a second value for a single element', () => {
    const twice = parts(['family', str('F')], ['family', str('G')]);
    expect(() => buildValue(twice, 'HumanName')).toThrow("allows one 'family'");
  });

  it('names a choice element after the type of its value', () => {
    const coding = typed('Coding', { code: 'c' });
    expect(buildElement(elementInfo('Extension', 'value'), 'value', coding)).toEqual({ key: 'valueCoding', json: { code: 'c' } });
    const quantity = parts(['value', typed('Decimal', 1)]);
    expect(buildElement(elementInfo('Extension', 'valueQuantity'), 'valueQuantity', quantity)).toEqual({
      key: 'valueQuantity',
      json: { value: 1 },
    });
  });

  it('needs a typed name for a choice element given as parts', () => {
    const quantity = parts(['value', typed('Decimal', 1)]);
    expect(() => buildElement(elementInfo('Extension', 'value'), 'value', quantity)).toThrow(/choice.*e\.g\. value/);
  });

  it('builds as given when the type is unknown: a repeated name is a list', () => {
    const value = parts(['a', str('x')], ['b', str('y')], ['b', str('z')]);
    expect(buildValue(value, undefined)).toEqual({ a: 'x', b: ['y', 'z'] });
  });
});
