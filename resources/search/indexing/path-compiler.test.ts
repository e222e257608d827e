import { compilePath } from './path-compiler';

describe('compilePath: the FHIRPath forms R4 search parameters use', () => {
  it('compiles plain paths from the resource', () => {
    expect(compilePath('Patient.name.given', false)).toEqual({
      start: 'resource',
      steps: [
        { kind: 'child', name: 'name' },
        { kind: 'child', name: 'given' },
      ],
    });
    expect(compilePath('Observation', false)).toEqual({ start: 'resource', steps: [] });
  });

  it('compiles `as` in both spellings, and ofType', () => {
    const quantity = { start: 'resource', steps: [{ kind: 'child', name: 'value' }, { kind: 'ofType', type: 'Quantity' }] };
    expect(compilePath('(Observation.value as Quantity)', false)).toEqual(quantity);
    expect(compilePath('Observation.value.as(Quantity)', false)).toEqual(quantity);
    expect(compilePath('Observation.value.ofType(Quantity)', false)).toEqual(quantity);
    expect(compilePath('Observation.value as Quantity', false)).toEqual(quantity);
    expect(compilePath('(Observation.value as CodeableConcept).text', false)?.steps).toEqual([
      { kind: 'child', name: 'value' },
      { kind: 'ofType', type: 'CodeableConcept' },
      { kind: 'child', name: 'text' },
    ]);
  });

  it('compiles reference type tests, equality filters, extensions and indexes', () => {
    expect(compilePath('Observation.subject.where(resolve() is Patient)', false)?.steps).toEqual([
      { kind: 'child', name: 'subject' },
      { kind: 'resolvesTo', type: 'Patient' },
    ]);
    expect(compilePath("Patient.telecom.where(system='phone')", false)?.steps).toEqual([
      { kind: 'child', name: 'telecom' },
      { kind: 'whereEquals', name: 'system', value: 'phone' },
    ]);
    expect(compilePath("Patient.extension('http://example.org/x').value", false)?.steps).toEqual([
      { kind: 'extension', url: 'http://example.org/x' },
      { kind: 'child', name: 'value' },
    ]);
    expect(compilePath("Patient.extension.where(url = 'http://example.org/it\\'s')", false)?.steps).toEqual([
      { kind: 'child', name: 'extension' },
      { kind: 'whereEquals', name: 'url', value: "http://example.org/it's" },
    ]);
    expect(compilePath('Bundle.entry[0].resource', false)?.steps).toEqual([
      { kind: 'child', name: 'entry' },
      { kind: 'index', index: 0 },
      { kind: 'child', name: 'resource' },
    ]);
  });

  it('compiles composite components relative to their element, or from %resource', () => {
    expect(compilePath('value.as(Quantity)', true)).toEqual({
      start: 'focus',
      steps: [
        { kind: 'child', name: 'value' },
        { kind: 'ofType', type: 'Quantity' },
      ],
    });
    expect(compilePath('%resource.referenceSeq.chromosome', true)).toEqual({
      start: 'resource',
      steps: [
        { kind: 'child', name: 'referenceSeq' },
        { kind: 'child', name: 'chromosome' },
      ],
    });
  });

  it('leaves everything else to fhirpath', () => {
    expect(compilePath('Patient.deceased.exists() and Patient.deceased != false', false)).toBeUndefined();
    expect(compilePath('Observation.value.where(value > 5)', false)).toBeUndefined();
    expect(compilePath('(Observation.value', false)).toBeUndefined();
    expect(compilePath('name', false)).toBeUndefined();
  });
});
