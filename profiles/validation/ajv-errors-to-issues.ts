import type { ErrorObject } from 'ajv';
import type { IssueInput } from '../../resources/errors/fhir-error';
import { childExpression, pointerExpression, valueAtPointer } from './fhir-path';
import { isAlignedNull } from './json-rules';
import { describeValue, quote } from './json-values';
import { CALENDAR_DATE, CHOICE, type ChoiceErrorParams } from './schema-keywords';

/** What each primitive's pattern demands (https://hl7.org/fhir/R4/datatypes.html#primitive), for diagnostics. */
const PATTERN_HINTS: Record<string, string> = {
  id: '1 to 64 characters of A-Z, a-z, 0-9, - and .',
  code: 'no leading, trailing or repeated whitespace',
  uri: 'no space, tab, CR or LF',
  date: 'YYYY, YYYY-MM or YYYY-MM-DD',
  dateTime: 'YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.fff] with a time zone (Z or +hh:mm)',
  instant: 'YYYY-MM-DDThh:mm:ss[.fff] with a time zone (Z or +hh:mm)',
  time: 'hh:mm:ss[.fff]',
  oid: 'urn:oid: followed by a dotted OID',
  uuid: 'urn:uuid: followed by a lower-case UUID',
};

/** Enumerations are listed in full up to this size; a few bindings are long. */
const LISTED_CODES = 20;

/**
 * Turns ajv errors for the resource at `base` (an expression such as `Patient` or `Bundle.entry[2].resource`)
 * into one issue per element problem, each naming its element in FHIRPath.
 */
export function ajvErrorsToIssues(
  errors: readonly ErrorObject[],
  resource: unknown,
  base: string,
  patternTypes: ReadonlyMap<string, string>,
): IssueInput[] {
  const issues: IssueInput[] = [];
  for (const error of errors) {
    const issue = toIssue(error, resource, base, patternTypes);
    if (issue !== undefined) issues.push(issue);
  }
  return issues;
}

function toIssue(
  error: ErrorObject,
  resource: unknown,
  base: string,
  patternTypes: ReadonlyMap<string, string>,
): IssueInput | undefined {
  const expression = pointerExpression(base, error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    return issue('structure', `Unknown element '${name}'`, childExpression(expression, name));
  }
  if (error.keyword === 'required') {
    const name = String(params.missingProperty);
    return issue('required', `Missing required element '${name}'`, childExpression(expression, name));
  }
  if (error.keyword === CHOICE) return choiceIssue(params as ChoiceErrorParams, expression);
  const value = valueAtPointer(resource, error.instancePath);
  if (value === null) return nullIssue(resource, error.instancePath, expression);
  switch (error.keyword) {
    case 'type': {
      const expected = String(params.type);
      const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
      return issue('structure', `Expected ${article} ${expected} but found ${describeValue(value)}`, expression);
    }
    case 'pattern':
      if (value === '') return issue('structure', 'Empty strings are not allowed: leave the element out', expression);
      return issue('value', patternDiagnostics(value, patternTypes.get(String(params.pattern))), expression);
    case 'enum':
      return issue('value', enumDiagnostics(value, params.allowedValues), expression);
    case 'const':
      return issue('value', `Expected ${quote(params.allowedValue)} but found ${quote(value)}`, expression);
    case 'minimum':
    case 'maximum':
      return issue('value', `Value ${String(value)} is out of range (${error.keyword} ${String(params.limit)})`, expression);
    case CALENDAR_DATE:
      return issue('value', `Invalid date ${quote(value)}: no such day`, expression);
    default:
      return issue('invalid', `Invalid value (${error.keyword})`, expression);
  }
}

function issue(code: IssueInput['code'], diagnostics: string, expression: string): IssueInput {
  return { code, diagnostics, expression };
}

/**
 * A choice element is one element in FHIRPath, named without its type
 * (https://hl7.org/fhir/R4/formats.html#choice).
 */
function choiceIssue(params: ChoiceErrorParams, expression: string): IssueInput {
  const element = childExpression(expression, params.choice);
  if ('missing' in params) return issue('required', `Missing required element '${params.choice}[x]'`, element);
  return issue('structure', `Only one of ${params.present.join(', ')} may be present (${params.choice}[x])`, element);
}

/** A null that keeps `x` and `_x` aligned is valid FHIR JSON, though the official schema does not know it. */
function nullIssue(resource: unknown, instancePath: string, expression: string): IssueInput | undefined {
  const slash = instancePath.lastIndexOf('/');
  const index = Number(instancePath.slice(slash + 1));
  const arrayPath = instancePath.slice(0, slash);
  const ownerPath = arrayPath.slice(0, Math.max(arrayPath.lastIndexOf('/'), 0));
  const key = arrayPath.slice(arrayPath.lastIndexOf('/') + 1);
  if (Number.isInteger(index) && isAlignedNull(valueAtPointer(resource, ownerPath), key, index)) return undefined;
  return issue('structure', 'null is not allowed: leave the element out', expression);
}

function patternDiagnostics(value: unknown, type: string | undefined): string {
  const hint = type === undefined ? undefined : PATTERN_HINTS[type];
  return `Invalid ${type ?? 'value'} ${quote(value)}${hint === undefined ? '' : `: expected ${hint}`}`;
}

function enumDiagnostics(value: unknown, allowedValues: unknown): string {
  const allowed = Array.isArray(allowedValues) ? allowedValues.map(String) : [];
  const listed = allowed.length > LISTED_CODES ? [...allowed.slice(0, LISTED_CODES), '…'] : allowed;
  return `Invalid code ${quote(value)}: expected one of ${listed.join(', ')}`;
}
