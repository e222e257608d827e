import { badRequest } from '../../../errors/fhir-error';
import { splitUnescaped, unescapeValue } from './escaping';
import { parseNumberValue, type NumberValue } from './number-value';

/**
 * A quantity search value (R4 search.html#quantity): `[prefix]number|system|code`, `[prefix]number||code`
 * (the code or unit in any system) or `[prefix]number` (any unit).
 */
export interface QuantityValue {
  number: NumberValue;
  system?: string;
  code?: string;
}

export function parseQuantityValue(text: string, name: string): QuantityValue {
  const parts = splitUnescaped(text, '|');
  if (parts.length !== 1 && parts.length !== 3) {
    throw badRequest(`'${text}' is not a quantity (parameter ${name}); the form is [prefix]number|system|code`, name);
  }
  const number = parseNumberValue(unescapeValue(parts[0]), name);
  if (parts.length === 1) return { number };
  const system = unescapeValue(parts[1]);
  const code = unescapeValue(parts[2]);
  if (system !== '' && code === '') throw badRequest(`'${text}' names a unit system but no unit (parameter ${name})`, name);
  const value: QuantityValue = { number };
  if (system !== '') value.system = system;
  if (code !== '') value.code = code;
  return value;
}
