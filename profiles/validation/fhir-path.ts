/**
 * FHIRPath expressions for elements of a JSON resource, as OperationOutcome.issue.expression wants them
 * (https://hl7.org/fhir/R4/operationoutcome-definitions.html#OperationOutcome.issue.expression),
 * e.g. `Patient.name[0].given[1]`.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PRIMITIVE_EXTENSION_HALF = /^_[A-Za-z]/;

/**
 * The expression of `key` inside the element at `parent`: `[n]` for array positions, `.name` for properties.
 *
 * A JSON property `_x` carries the id and extensions of the primitive `x` (https://hl7.org/fhir/R4/json.html#primitive);
 * FHIRPath sees both halves as one element named `x`, so `_birthDate` and `_given[1]` name `birthDate` and `given[1]`.
 * Element names start with a letter, so a key such as `__proto__` is no such half and is named as it is written.
 * Names that are not FHIRPath identifiers are written as delimited identifiers (https://hl7.org/fhirpath/N1/#identifiers).
 */
export function childExpression(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const name = PRIMITIVE_EXTENSION_HALF.test(key) ? key.slice(1) : key;
  return IDENTIFIER.test(name) ? `${parent}.${name}` : `${parent}.\`${name.replace(/[\\`]/g, '\\$&')}\``;
}

/**
 * The expression of the element that a JSON Pointer (https://www.rfc-editor.org/rfc/rfc6901), such as ajv's
 * `instancePath` `/name/0/given/1`, designates below `base`. All-digit segments are array positions: no FHIR
 * element has a numeric name.
 */
export function pointerExpression(base: string, pointer: string): string {
  let expression = base;
  for (const segment of pointerSegments(pointer)) expression = childExpression(expression, segment);
  return expression;
}

/** The value that a JSON Pointer designates inside `root`, or undefined when there is none. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of pointerSegments(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => (/^(0|[1-9][0-9]*)$/.test(raw) ? Number(raw) : raw.replace(/~1/g, '/').replace(/~0/g, '~')));
}
