import { isResourceType } from '../../../definitions/resource-types';
import { badRequest } from '../../../errors/fhir-error';
import { searchParameterFor, type SearchParameterInfo } from '../../indexing/search-parameter-registry';
import type { Clause } from '../ast';
import { compositeValues, nonEmpty, referenceTests, tokenTests } from './bind-values';
import { parseDateValue } from './date-value';
import { splitUnescaped, unescapeValue } from './escaping';
import { parseNumberValue } from './number-value';
import type { ParameterKey } from './parameter-key';
import { parseQuantityValue } from './quantity-value';

/**
 * Binds one parameter occurrence to the resource type's SearchParameter definitions: a typed clause, or
 * undefined when the type has no such parameter (the caller decides between lenient and strict). Modifiers a
 * parameter type does not take are always refused (R4 search.html#modifiers: a server SHALL reject them).
 */
export function bindClause(type: string, key: ParameterKey, raw: string, name: string, fhirBase: string): Clause | undefined {
  switch (key.kind) {
    case 'param':
      return bindParam(type, key.code, key.modifier, raw, name, fhirBase);
    case 'chain':
      return bindChain(type, key, raw, name, fhirBase);
    case 'has':
      return bindHas(type, key, raw, name, fhirBase);
  }
}

const MODIFIERS: Readonly<Record<SearchParameterInfo['type'], readonly string[]>> = {
  string: ['exact', 'contains'],
  token: ['not', 'text', 'above', 'below', 'in', 'not-in', 'of-type'],
  reference: ['identifier'],
  uri: ['above', 'below'],
  date: [],
  number: [],
  quantity: [],
  composite: [],
  special: [],
};

function bindParam(type: string, code: string, modifier: string | undefined, raw: string, name: string, fhirBase: string): Clause | undefined {
  const param = searchParameterFor(type, code);
  // `special` parameters (Location near) need geometry this server does not index: unsupported, like unknown ones.
  if (!param || param.type === 'special') return undefined;
  if (modifier === 'missing') return { kind: 'missing', name, param, missing: parseBoolean(raw, name) };
  checkModifier(param, modifier, name);
  const values = splitUnescaped(raw, ',');
  if (param.documentField === '_id') {
    return { kind: 'id', name, param, negate: modifier === 'not', ids: values.map((v) => nonEmpty(unescapeValue(v), name)) };
  }
  if (param.documentField === 'lastUpdated') {
    return { kind: 'last-updated', name, param, values: values.map((v) => parseDateValue(unescapeValue(v), name)) };
  }
  switch (param.type) {
    case 'string':
      return { kind: 'string', name, param, match: modifier === 'exact' ? 'exact' : modifier === 'contains' ? 'contains' : 'starts-with', values: values.map((v) => nonEmpty(unescapeValue(v), name)) };
    case 'token':
      return { kind: 'token', name, param, negate: modifier === 'not' || modifier === 'not-in', tests: tokenTests(modifier, values, name) };
    case 'date':
      return { kind: 'date', name, param, values: values.map((v) => parseDateValue(unescapeValue(v), name)) };
    case 'number':
      return { kind: 'number', name, param, values: values.map((v) => parseNumberValue(unescapeValue(v), name)) };
    case 'quantity':
      return { kind: 'quantity', name, param, values: values.map((v) => parseQuantityValue(v, name)) };
    case 'uri':
      return { kind: 'uri', name, param, match: modifier === 'above' || modifier === 'below' ? modifier : 'exact', values: values.map((v) => nonEmpty(unescapeValue(v), name)) };
    case 'reference': {
      const targets = modifier && modifier !== 'identifier' ? [modifier] : [...(param.target ?? [])];
      return { kind: 'reference', name, param, tests: referenceTests(modifier, values, name, targets, fhirBase) };
    }
    case 'composite':
      return { kind: 'composite', name, param, values: compositeValues(param, values, name, fhirBase) };
  }
}

function checkModifier(param: SearchParameterInfo, modifier: string | undefined, name: string): void {
  if (modifier === undefined) return;
  if (param.documentField === '_id' && modifier === 'not') return;
  if (!param.documentField && MODIFIERS[param.type].includes(modifier)) return;
  if (!param.documentField && param.type === 'reference') {
    checkTargetType(param, modifier, name);
    return;
  }
  throw badRequest(`The modifier ':${modifier}' is not supported on ${param.type} parameter ${param.code} (${name})`, name, 'not-supported');
}

/** `subject:Patient`: the type modifier must name a resource type the parameter can refer to. */
function checkTargetType(param: SearchParameterInfo, type: string, name: string): void {
  if (!isResourceType(type)) throw badRequest(`':${type}' in ${name} is neither a modifier nor a resource type`, name, 'not-supported');
  const targets = param.target ?? [];
  if (targets.length > 0 && !targets.includes(type)) {
    throw badRequest(`Parameter ${param.code} refers to ${targets.join(', ')}, not ${type} (${name})`, name);
  }
}

function bindChain(type: string, key: Extract<ParameterKey, { kind: 'chain' }>, raw: string, name: string, fhirBase: string): Clause | undefined {
  const param = searchParameterFor(type, key.code);
  if (!param) return undefined;
  if (param.type !== 'reference') throw badRequest(`${key.code} is a ${param.type} parameter; only references can be chained (${name})`, name);
  if (key.targetType) checkTargetType(param, key.targetType, name);
  const candidates = key.targetType ? [key.targetType] : (param.target ?? []);
  if (candidates.length === 0) throw badRequest(`${key.code} may refer to any type; name one, as in ${key.code}:Patient.name (${name})`, name);
  const targets: { type: string; inner: Clause }[] = [];
  for (const target of candidates) {
    const inner = bindClause(target, key.next, raw, name, fhirBase);
    if (inner) targets.push({ type: target, inner });
  }
  return targets.length > 0 ? { kind: 'chain', name, param, targets } : undefined;
}

function bindHas(type: string, key: Extract<ParameterKey, { kind: 'has' }>, raw: string, name: string, fhirBase: string): Clause | undefined {
  if (!isResourceType(key.type)) throw badRequest(`${key.type} in ${name} is not a resource type`, name);
  const param = searchParameterFor(key.type, key.referenceCode);
  if (!param) return undefined;
  if (param.type !== 'reference') throw badRequest(`${key.type}.${key.referenceCode} is not a reference parameter (${name})`, name);
  const targets = param.target ?? [];
  if (targets.length > 0 && !targets.includes(type)) {
    throw badRequest(`${key.type}.${key.referenceCode} never refers to ${type} (${name})`, name);
  }
  const inner = bindClause(key.type, key.next, raw, name, fhirBase);
  return inner ? { kind: 'has', name, param, type: key.type, inner } : undefined;
}

function parseBoolean(raw: string, name: string): boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw badRequest(`${name} takes true or false, not '${raw}'`, name);
}
