import { elementInfo, elementNames, isList, typeSuffix } from './elements';

describe('elementInfo (R4 StructureDefinition snapshots)', () => {
  it('describes a repeating complex element of a resource', () => {
    expect(elementInfo('Patient', 'name')).toEqual({
      path: 'Patient.name',
      name: 'name',
      min: 0,
      max: '*',
      types: ['HumanName'],
      choice: false,
    });
  });

  it('describes a single primitive element', () => {
    const info = elementInfo('Patient', 'birthDate');
    expect(info).toMatchObject({ max: '1', types: ['date'] });
    expect(isList(info!)).toBe(false);
  });

  it('includes elements inherited from Resource, DomainResource and Element', () => {
    expect(elementInfo('Patient', 'meta')?.types).toEqual(['Meta']);
    expect(elementInfo('Patient', 'extension')).toMatchObject({ max: '*', types: ['Extension'] });
    expect(elementInfo('HumanName', 'extension')).toMatchObject({ max: '*', types: ['Extension'] });
  });

  it('names the FHIR type of elements typed with FHIRPath system types', () => {
    expect(elementInfo('Extension', 'url')?.types).toEqual(['uri']);
    expect(elementInfo('HumanName', 'id')?.types).toEqual(['string']);
  });

  it('types a backbone element by its path and describes its children', () => {
    expect(elementInfo('Patient', 'contact')).toMatchObject({ max: '*', types: ['Patient.contact'] });
    expect(elementInfo('Patient.contact', 'name')).toMatchObject({ max: '1', types: ['HumanName'] });
    expect(elementInfo('Observation.component', 'code')?.types).toEqual(['CodeableConcept']);
  });

  it('types backbone elements inside data types (Timing.repeat) by their path', () => {
    expect(elementInfo('Timing', 'repeat')?.types).toEqual(['Timing.repeat']);
    expect(elementInfo('Timing.repeat', 'frequency')?.types).toEqual(['positiveInt']);
  });

  it('follows content references (Questionnaire.item.item is a Questionnaire.item)', () => {
    expect(elementInfo('Questionnaire.item', 'item')).toMatchObject({ max: '*', types: ['Questionnaire.item'] });
  });

  it('answers for a choice element by its declared name, its base name and each typed name', () => {
    const declared = elementInfo('Observation', 'value[x]');
    expect(declared).toMatchObject({ path: 'Observation.value[x]', name: 'value', choice: true, max: '1' });
    expect(declared?.types).toEqual(expect.arrayContaining(['Quantity', 'string', 'dateTime', 'CodeableConcept']));
    expect(elementInfo('Observation', 'value')).toBe(declared);
    expect(elementInfo('Observation', 'valueQuantity')).toMatchObject({
      path: 'Observation.value[x]',
      name: 'value',
      choice: true,
      types: ['Quantity'],
    });
    expect(elementInfo('Patient', 'deceasedDateTime')?.types).toEqual(['dateTime']);
    expect(elementInfo('Extension', 'valueString')?.types).toEqual(['string']);
  });

  it('is undefined for unknown types, unknown elements and typed names outside the choice', () => {
    expect(elementInfo('NoSuchType', 'name')).toBeUndefined();
    expect(elementInfo('Patient', 'noSuchElement')).toBeUndefined();
    expect(elementInfo('Patient', 'deceasedString')).toBeUndefined();
  });

  it('lists the declared element names of a type once each', () => {
    const names = elementNames('Patient')!;
    expect(names).toEqual(expect.arrayContaining(['id', 'name', 'deceased[x]', 'contact', 'link']));
    expect(new Set(names).size).toBe(names.length);
    expect(elementNames('Patient.contact')).toContain('relationship');
    expect(elementNames('NoSuchType')).toBeUndefined();
  });

  it('hands out immutable data', () => {
    const info = elementInfo('Patient', 'name')!;
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info.types)).toBe(true);
    expect(Object.isFrozen(elementNames('Patient'))).toBe(true);
  });
});

describe('typeSuffix', () => {
  it('capitalizes the type name as choice element names do', () => {
    expect(typeSuffix('dateTime')).toBe('DateTime');
    expect(typeSuffix('Quantity')).toBe('Quantity');
  });
});
