import type { OperationOutcomeIssue } from 'fhir/r4';
import { isFhirError } from '../../resources/errors/fhir-error';
import { createResourceValidator } from './resource-validator';

const validator = createResourceValidator();

function issuesOf(resource: Record<string, unknown>): OperationOutcomeIssue[] {
  try {
    validator.validate({ resourceType: 'Patient', ...resource });
  } catch (e) {
    if (isFhirError(e)) return e.outcome.issue;
    throw e;
  }
  return [];
}

/** The single issue a Patient with these elements raises, as [code, expression, diagnostics]. */
function onlyIssue(resource: Record<string, unknown>): [string, string | undefined, string | undefined] {
  const issues = issuesOf(resource);
  expect(issues).toHaveLength(1);
  return [issues[0].code, issues[0].expression?.[0], issues[0].diagnostics];
}

describe('schema errors as issues: unknown elements', () => {
  it('names the unknown element', () => {
    expect(onlyIssue({ foo: 1 })).toEqual(['structure', 'Patient.foo', "Unknown element 'foo'"]);
    expect(onlyIssue({ name: [{ family: 'x', surname: 'y' }] })).toEqual(['structure', 'Patient.name[0].surname', "Unknown element 'surname'"]);
  });

  it('reports each unknown element once and nothing inside it', () => {
    expect(issuesOf({ foo: { bar: '' }, baz: [] }).map((i) => i.expression?.[0])).toEqual(['Patient.foo', 'Patient.baz']);
  });
});

describe('schema errors as issues: wrong JSON types', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a number for a string', { name: [{ given: ['a', 5] }] }, 'Patient.name[0].given[1]', 'Expected a string but found a number (5)'],
    ['a string for a boolean', { active: 'true' }, 'Patient.active', "Expected a boolean but found a string ('true')"],
    ['a string for a complex type', { name: ['Smith'] }, 'Patient.name[0]', "Expected an object but found a string ('Smith')"],
    ['an object for an array', { name: { family: 'Smith' } }, 'Patient.name', 'Expected an array but found an object'],
    ['a decimal for an integer', { multipleBirthInteger: 1.5 }, 'Patient.multipleBirthInteger', 'Expected an integer but found a number (1.5)'],
    ['an object for the narrative xhtml', { text: { status: 'generated', div: {} } }, 'Patient.text.div', 'Expected a string but found an object'],
  ])('reports %s', (_label, resource, expression, diagnostics) => {
    expect(onlyIssue(resource)).toEqual(['structure', expression, diagnostics]);
  });
});

describe('schema errors as issues: primitive formats (https://hl7.org/fhir/R4/datatypes.html#primitive)', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['an impossible month', { birthDate: '1970-13-45' }, 'Patient.birthDate', "Invalid date '1970-13-45': expected YYYY, YYYY-MM or YYYY-MM-DD"],
    ['a day the month lacks', { birthDate: '2023-02-29' }, 'Patient.birthDate', "Invalid date '2023-02-29': no such day"],
    ['a dateTime with a time but no zone', { deceasedDateTime: '2020-01-01T10:00:00' }, 'Patient.deceasedDateTime', "Invalid dateTime '2020-01-01T10:00:00'"],
    ['a code with a leading space', { language: ' en' }, 'Patient.language', "Invalid code ' en': expected no leading, trailing or repeated whitespace"],
    ['a uri with a space', { identifier: [{ system: 'http://a b' }] }, 'Patient.identifier[0].system', "Invalid uri 'http://a b': expected no space, tab, CR or LF"],
    ['a positiveInt of 0', { telecom: [{ value: '1', rank: 0 }] }, 'Patient.telecom[0].rank', 'Value 0 is out of range (minimum 1)'],
    ['an integer beyond 32 bits', { multipleBirthInteger: 2 ** 31 }, 'Patient.multipleBirthInteger', 'Value 2147483648 is out of range (maximum 2147483647)'],
  ])('reports %s', (_label, resource, expression, diagnostics) => {
    const [code, actualExpression, actualDiagnostics] = onlyIssue(resource);
    expect([code, actualExpression]).toEqual(['value', expression]);
    expect(actualDiagnostics).toContain(diagnostics);
  });

  it('reports an empty string once, whatever its type', () => {
    const issues = issuesOf({ name: [{ family: '' }], language: '', identifier: [{ system: '' }] });
    expect(issues.map((i) => [i.code, i.expression?.[0], i.diagnostics])).toEqual(
      ['Patient.language', 'Patient.name[0].family', 'Patient.identifier[0].system'].map((expression) => [
        'structure',
        expression,
        'Empty strings are not allowed: leave the element out',
      ]),
    );
  });

  it('accepts a leap day in a leap year', () => {
    expect(issuesOf({ birthDate: '2024-02-29', deceasedDateTime: '2000-02-29T23:59:59+14:00' })).toEqual([]);
  });

  it('checks primitives that the official schema copies inline, such as extension values', () => {
    expect(onlyIssue({ extension: [{ url: 'http://x', valueDate: '2023-02-30' }] })[1]).toBe('Patient.extension[0].valueDate');
    expect(onlyIssue({ extension: [{ url: 'http://x', valueInteger: 0.5 }] })[1]).toBe('Patient.extension[0].valueInteger');
  });
});

describe('schema errors as issues: ids (https://hl7.org/fhir/R4/datatypes.html#id)', () => {
  it.each([['x'.repeat(65)], ['a_b'], ['a b']])('rejects the id %p', (id) => {
    const [code, expression] = onlyIssue({ id });
    expect([code, expression]).toEqual(['value', 'Patient.id']);
  });

  it('rejects an empty id as an empty string', () => {
    expect(onlyIssue({ id: '' })).toEqual(['structure', 'Patient.id', 'Empty strings are not allowed: leave the element out']);
  });

  it('accepts 64 letters, digits, dashes and dots', () => {
    expect(issuesOf({ id: `A-z.0${'9'.repeat(59)}` })).toEqual([]);
  });

  it('says what an id may contain', () => {
    expect(onlyIssue({ id: 'a_b' })[2]).toBe("Invalid id 'a_b': expected 1 to 64 characters of A-Z, a-z, 0-9, - and .");
  });
});

describe('schema errors as issues: codes and required elements', () => {
  it('lists the allowed codes of a required binding', () => {
    expect(onlyIssue({ gender: 'boy' })).toEqual(['value', 'Patient.gender', "Invalid code 'boy': expected one of male, female, other, unknown"]);
  });

  it('names the missing required element', () => {
    expect(onlyIssue({ link: [{ type: 'seealso' }] })).toEqual(['required', 'Patient.link[0].other', "Missing required element 'other'"]);
  });

  it('reports a null once, as null', () => {
    expect(onlyIssue({ gender: null })).toEqual(['structure', 'Patient.gender', 'null is not allowed: leave the element out']);
  });
});
