import { badRequest } from '../../../errors/fhir-error';

/**
 * The left-hand side of one search parameter, taken apart (R4 search.html#modifiers, #chaining, #has):
 *   `name`, `name:exact`                         a parameter with an optional modifier
 *   `subject:Patient.name`, `general-practitioner.organization.name`
 *                                                 a chain: a reference parameter (optionally typed) then the rest
 *   `_has:Observation:patient:code`               a reverse chain: resources of another type that refer here
 */
export type ParameterKey =
  | { kind: 'param'; code: string; modifier?: string }
  | { kind: 'chain'; code: string; targetType?: string; next: ParameterKey }
  | { kind: 'has'; type: string; referenceCode: string; next: ParameterKey };

const CODE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MODIFIER = /^[A-Za-z][A-Za-z0-9-]*$/;
const TYPE = /^[A-Z][A-Za-z]*$/;

export function parseParameterKey(key: string): ParameterKey {
  if (key.startsWith('_has:')) return parseHas(key);
  const dot = key.indexOf('.');
  if (dot >= 0) {
    const [code, targetType] = splitModifier(key.slice(0, dot), key);
    if (targetType !== undefined && !TYPE.test(targetType)) {
      throw badRequest(`In the chained parameter '${key}', ':${targetType}' is not a resource type`, key);
    }
    return { kind: 'chain', code, targetType, next: parseParameterKey(key.slice(dot + 1)) };
  }
  const [code, modifier] = splitModifier(key, key);
  return modifier === undefined ? { kind: 'param', code } : { kind: 'param', code, modifier };
}

function splitModifier(text: string, key: string): [string, string | undefined] {
  const colon = text.indexOf(':');
  const code = colon < 0 ? text : text.slice(0, colon);
  const modifier = colon < 0 ? undefined : text.slice(colon + 1);
  if (!CODE.test(code)) throw badRequest(`'${key}' is not a valid search parameter name`, key);
  if (modifier !== undefined && !MODIFIER.test(modifier)) throw badRequest(`'${key}' has an invalid modifier`, key);
  return [code, modifier];
}

/** `_has:Type:reference:rest`, where rest is itself a parameter key (possibly another `_has`). */
function parseHas(key: string): ParameterKey {
  const parts = key.split(':');
  const [, type, referenceCode] = parts;
  const rest = parts.slice(3).join(':');
  if (parts.length < 4 || !TYPE.test(type) || !CODE.test(referenceCode) || rest === '') {
    throw badRequest(`'${key}' is not a valid _has parameter; the form is _has:Type:reference:parameter`, key);
  }
  return { kind: 'has', type, referenceCode, next: parseParameterKey(rest) };
}

/** The key written back, for links. */
export function formatParameterKey(key: ParameterKey): string {
  switch (key.kind) {
    case 'param':
      return key.modifier === undefined ? key.code : `${key.code}:${key.modifier}`;
    case 'chain':
      return `${key.code}${key.targetType ? `:${key.targetType}` : ''}.${formatParameterKey(key.next)}`;
    case 'has':
      return `_has:${key.type}:${key.referenceCode}:${formatParameterKey(key.next)}`;
  }
}
