import { expandValueSet } from './value-set-expansion';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

describe('value set expansion from the R4 definitions (R4 search.html#token, :in and :not-in)', () => {
  it('expands a value set that includes a whole code system', () => {
    const codes = expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender')!;
    expect([...codes].sort()).toEqual([
      'http://hl7.org/fhir/administrative-gender|female',
      'http://hl7.org/fhir/administrative-gender|male',
      'http://hl7.org/fhir/administrative-gender|other',
      'http://hl7.org/fhir/administrative-gender|unknown',
    ]);
  });

  it('accepts the version the definitions carry, and nothing else', () => {
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1')).toEqual(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender'));
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender|3.0.0')).toBeUndefined();
  });

  it('expands is-a filters and applies excludes', () => {
    const codes = expandValueSet('http://terminology.hl7.org/ValueSet/v3-ActEncounterCode')!;
    expect(codes).toContain(`${ACT_CODE}|AMB`);
    expect(codes).toContain(`${ACT_CODE}|ACUTE`);
    expect(codes.has(`${ACT_CODE}|_ActEncounterCode`)).toBe(false);
  });

  it('expands enumerated codes and included value sets', () => {
    const codes = expandValueSet('http://hl7.org/fhir/ValueSet/observation-category')!;
    expect(codes).toContain('http://terminology.hl7.org/CodeSystem/observation-category|vital-signs');
    const events = expandValueSet('http://hl7.org/fhir/ValueSet/event-resource-types')!;
    const requests = expandValueSet('http://hl7.org/fhir/ValueSet/request-resource-types')!;
    const both = expandValueSet('http://hl7.org/fhir/ValueSet/event-or-request-resource-types')!;
    expect(both.size).toBe(new Set([...events, ...requests]).size);
    expect(both).toContain('http://hl7.org/fhir/event-resource-types|Observation');
  });

  it('expands the implicit value set of a code system', () => {
    const codes = expandValueSet('http://hl7.org/fhir/ValueSet/restful-interaction')!;
    expect(codes).toContain('http://hl7.org/fhir/restful-interaction|read');
    expect(codes).toContain('http://hl7.org/fhir/restful-interaction|history-instance');
  });

  it('is undefined for value sets drawn from code systems the definitions do not hold, and for unknown URLs', () => {
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/observation-codes')).toBeUndefined();
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/condition-code')).toBeUndefined();
    expect(expandValueSet('http://example.org/ValueSet/nothing')).toBeUndefined();
  });

  it('answers repeated questions from memory', () => {
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender')).toBe(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender'));
  });
});
