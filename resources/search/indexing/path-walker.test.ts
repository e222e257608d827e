import { compilePath } from './path-compiler';
import { walkPath } from './path-walker';
import type { Json, TypedValue } from './typed-value';

function walk(resource: Json, expression: string, focus: readonly TypedValue[] = []): TypedValue[] {
  const path = compilePath(expression, focus.length > 0);
  if (!path) throw new Error(`not compiled: ${expression}`);
  return walkPath(path, resource, focus);
}

describe('walkPath: FHIRPath navigation over JSON with R4 types', () => {
  const observation: Json = {
    resourceType: 'Observation',
    contained: [{ resourceType: 'Patient', id: 'p1' }],
    subject: { reference: 'Patient/123' },
    focus: [{ reference: 'http://other.org/fhir/Group/g1/_history/2' }, { reference: '#p1' }, { type: 'Device', identifier: { value: 'd' } }],
    effectivePeriod: { start: '2020-01-01' },
    valueQuantity: { value: 5, unit: 'mg' },
    component: [{ code: { text: 'a' }, valueString: 'x' }, { code: { text: 'b' }, valueQuantity: { value: 1 } }],
    extension: [
      { url: 'http://example.org/a', valueCodeableConcept: { text: 'A' } },
      { url: 'http://example.org/b', valueString: 'B' },
    ],
  };

  it('finds choice elements under their typed names, with their types', () => {
    expect(walk(observation, 'Observation.effective')).toEqual([{ value: { start: '2020-01-01' }, type: 'Period' }]);
    expect(walk(observation, 'Observation.component.value')).toEqual([
      { value: 'x', type: 'string' },
      { value: { value: 1 }, type: 'Quantity' },
    ]);
  });

  it('keeps the values of one type for `as`, across a whole collection', () => {
    expect(walk(observation, '(Observation.component.value as Quantity)')).toEqual([{ value: { value: 1 }, type: 'Quantity' }]);
    expect(walk(observation, '(Observation.value as CodeableConcept)')).toEqual([]);
  });

  it('tells the type a reference points at from the reference, a contained resource or Reference.type', () => {
    expect(walk(observation, 'Observation.subject.where(resolve() is Patient)')).toHaveLength(1);
    expect(walk(observation, 'Observation.focus.where(resolve() is Group)')).toHaveLength(1);
    expect(walk(observation, 'Observation.focus.where(resolve() is Patient)')).toEqual([{ value: { reference: '#p1' }, type: 'Reference' }]);
    expect(walk(observation, 'Observation.focus.where(resolve() is Device)')).toHaveLength(1);
  });

  it("selects extensions by url and types their values", () => {
    expect(walk(observation, "Observation.extension('http://example.org/a').value")).toEqual([{ value: { text: 'A' }, type: 'CodeableConcept' }]);
    expect(walk(observation, "Observation.extension.where(url='http://example.org/b').value")).toEqual([{ value: 'B', type: 'string' }]);
  });

  it('walks from a focus element, and from %resource', () => {
    const [second] = walk(observation, 'Observation.component').slice(1);
    expect(second.type).toBe('Observation.component');
    expect(walk(observation, 'code.text', [second])).toEqual([{ value: 'b', type: 'string' }]);
    expect(walk(observation, '%resource.subject', [second])).toEqual([{ value: { reference: 'Patient/123' }, type: 'Reference' }]);
  });

  it('types a resource inside another by its own resourceType', () => {
    const bundle: Json = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Composition', id: 'c1', title: 'T' } }, { resource: { resourceType: 'Patient' } }] };
    expect(walk(bundle, 'Bundle.entry[0].resource')).toEqual([{ value: { resourceType: 'Composition', id: 'c1', title: 'T' }, type: 'Composition' }]);
    expect(walk(bundle, 'Bundle.entry.resource.title')).toEqual([{ value: 'T', type: 'string' }]);
  });
});
