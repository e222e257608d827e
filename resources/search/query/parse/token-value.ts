import { badRequest } from '../../../errors/fhir-error';
import { splitFirst, unescapeValue } from './escaping';
import { looksPrefixed } from './prefix';

/**
 * What one token value asks for (R4 search.html#token):
 *   `code`           the code in any system            -> { code }
 *   `system|code`    the code in that system           -> { system, code }
 *   `|code`          the code with no system           -> { system: '', code }
 *   `system|`        any code in that system           -> { system }
 */
export interface TokenValue {
  /** Undefined: any system; `''`: no system at all. */
  system?: string;
  code?: string;
}

export function parseTokenValue(text: string, name: string): TokenValue {
  const pair = splitFirst(text, '|');
  if (!pair) {
    const code = unescapeValue(text);
    if (code === '') throw badRequest(`Parameter ${name} has an empty value`, name);
    rejectPrefix(code, name);
    return { code };
  }
  const system = unescapeValue(pair[0]);
  const code = unescapeValue(pair[1]);
  if (system === '' && code === '') throw badRequest(`'|' alone is not a token (parameter ${name})`, name);
  return code === '' ? { system } : { system, code };
}

/**
 * `code=ge2020-01-01`, `value=lt5`: comparison prefixes belong to number, date and quantity parameters
 * (search.html#prefix); on a token they are a mistake the client should hear about, not a code to look for.
 */
function rejectPrefix(code: string, name: string): void {
  if (looksPrefixed(code)) {
    throw badRequest(`Parameter ${name} is a token and takes no comparison prefix ('${code}'); write system|code or code`, name);
  }
}

/** `:of-type` on identifiers (search.html#token): `typeSystem|typeCode|value`, all three required. */
export interface OfTypeValue {
  typeSystem: string;
  typeCode: string;
  value: string;
}

export function parseOfTypeValue(text: string, name: string): OfTypeValue {
  const first = splitFirst(text, '|');
  const second = first ? splitFirst(first[1], '|') : undefined;
  if (!first || !second) throw badRequest(`${name}:of-type takes typeSystem|typeCode|value, not '${text}'`, name);
  const [typeSystem, typeCode, value] = [first[0], second[0], second[1]].map(unescapeValue);
  if (typeSystem === '' || typeCode === '' || value === '') {
    throw badRequest(`${name}:of-type needs all of typeSystem|typeCode|value, got '${text}'`, name);
  }
  return { typeSystem, typeCode, value };
}
