import type { SearchParameterInfo, SearchParamType } from '../../indexing/search-parameter-registry';
import { badRequest } from '../../../errors/fhir-error';
import type { ComponentValue, ReferenceTest, TokenTest } from '../ast';
import { splitUnescaped, unescapeValue } from './escaping';
import { parseDateValue } from './date-value';
import { parseNumberValue } from './number-value';
import { parseQuantityValue } from './quantity-value';
import { parseReferenceValue } from './reference-value';
import { parseOfTypeValue, parseTokenValue } from './token-value';

/** Turns the raw (still escaped) OR alternatives of one parameter into typed tests, per modifier. */

export function tokenTests(modifier: string | undefined, values: string[], name: string): TokenTest[] {
  return values.map((v): TokenTest => {
    switch (modifier) {
      case 'text':
        return { kind: 'text', text: nonEmpty(unescapeValue(v), name) };
      case 'in':
      case 'not-in':
        return { kind: 'in', valueSet: nonEmpty(unescapeValue(v), name) };
      case 'above':
      case 'below':
        return { kind: 'hierarchy', direction: modifier, value: parseTokenValue(v, name) };
      case 'of-type':
        return { kind: 'of-type', value: parseOfTypeValue(v, name) };
      default:
        return { kind: 'code', value: parseTokenValue(v, name) };
    }
  });
}

export function referenceTests(
  modifier: string | undefined,
  values: string[],
  name: string,
  targets: readonly string[],
  fhirBase: string,
): ReferenceTest[] {
  if (modifier === 'identifier') return values.map((v) => ({ kind: 'identifier', value: parseTokenValue(v, name) }));
  return values.map((v) => parseReferenceValue(v, name, { types: targets, fhirBase }));
}

/** `code-value-quantity=http://loinc.org|8480-6$gt100`: one value per component, split on unescaped `$`. */
export function compositeValues(param: SearchParameterInfo, values: string[], name: string, fhirBase: string): ComponentValue[][] {
  const components = param.component ?? [];
  return values.map((v) => {
    const parts = splitUnescaped(v, '$');
    if (parts.length !== components.length) {
      throw badRequest(`Parameter ${name} takes ${components.length} components separated by $, got '${v}'`, name);
    }
    return parts.map((part, i) => componentValue(components[i].type, part, name, fhirBase));
  });
}

function componentValue(type: SearchParamType, text: string, name: string, fhirBase: string): ComponentValue {
  switch (type) {
    case 'token':
      return { type, test: { kind: 'code', value: parseTokenValue(text, name) } };
    case 'string':
      return { type, text: nonEmpty(unescapeValue(text), name) };
    case 'date':
      return { type, value: parseDateValue(unescapeValue(text), name) };
    case 'number':
      return { type, value: parseNumberValue(unescapeValue(text), name) };
    case 'quantity':
      return { type, value: parseQuantityValue(text, name) };
    case 'uri':
      return { type, uri: nonEmpty(unescapeValue(text), name) };
    case 'reference':
      return { type, test: parseReferenceValue(text, name, { types: [], fhirBase }) };
    default:
      throw badRequest(`Parameter ${name} has a ${type} component, which this server cannot search`, name, 'not-supported');
  }
}

export function nonEmpty(value: string, name: string): string {
  if (value === '') throw badRequest(`Parameter ${name} has an empty value`, name);
  return value;
}
