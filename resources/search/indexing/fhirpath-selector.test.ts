import { fhirPathSelector } from './fhirpath-selector';
import type { Json } from './typed-value';

describe('fhirPathSelector: the general case, through fhirpath and the R4 model', () => {
  it("evaluates Patient's deceased as a boolean in all three shapes", () => {
    const deceased = fhirPathSelector('Patient.deceased.exists() and Patient.deceased != false');
    expect(deceased({ resourceType: 'Patient' }, [])).toEqual([{ value: false, type: 'boolean' }]);
    expect(deceased({ resourceType: 'Patient', deceasedBoolean: true }, [])).toEqual([{ value: true, type: 'boolean' }]);
    expect(deceased({ resourceType: 'Patient', deceasedDateTime: '2020-01-01' }, [])).toEqual([{ value: true, type: 'boolean' }]);
  });

  it('answers resolve() with the type the reference names, a contained resource has, or Reference.type says', () => {
    const observation: Json = {
      resourceType: 'Observation',
      contained: [{ resourceType: 'Patient', id: 'p1' }],
      subject: { reference: '#p1' },
      focus: [{ reference: 'http://example.org/fhir/Group/1' }, { type: 'Device', identifier: { value: 'x' } }],
    };
    expect(fhirPathSelector('Observation.subject.where(resolve() is Patient)')(observation, [])).toHaveLength(1);
    expect(fhirPathSelector('Observation.focus.where(resolve() is Group)')(observation, [])).toEqual([
      { value: { reference: 'http://example.org/fhir/Group/1' }, type: 'Reference' },
    ]);
    expect(fhirPathSelector('Observation.focus.where(resolve() is Device)')(observation, [])).toHaveLength(1);
    expect(fhirPathSelector('Observation.focus.where(resolve() is Patient)')(observation, [])).toEqual([]);
  });

  it('evaluates relative to a focus element when given its base path', () => {
    const select = fhirPathSelector('value.as(Quantity)', 'Observation.component');
    const focus = [{ value: { valueQuantity: { value: 1, unit: 'mg' } }, type: 'Observation.component' }];
    expect(select({ resourceType: 'Observation' }, focus)).toEqual([{ value: { value: 1, unit: 'mg' }, type: 'Quantity' }]);
  });
});
