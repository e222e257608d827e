import type { Parameters } from 'fhir/r4';
import { badRequest } from '../../resources/errors/fhir-error';
import { readJsonBody } from '../http/read-body';
import type { FhirRequest } from './fhir-request';

/**
 * An operation's input parameters as name/value pairs, in order, repeats kept: from the query string (GET), or from
 * the Parameters resource POSTed (R4 operations.html#request). Only primitive values are inputs here
 * (`valueInstant`, `valueCode`, `valueInteger`, ...); a parameter given as a resource or a complex type is refused.
 */
export function operationParameters(req: FhirRequest): ReadonlyArray<readonly [string, string]> {
  if (req.method !== 'POST') return req.query;
  const body = readJsonBody(req) as Parameters;
  if (body?.resourceType !== 'Parameters') throw badRequest('An operation invoked by POST takes a Parameters resource', 'resourceType');
  if (body.parameter !== undefined && !Array.isArray(body.parameter)) throw badRequest('Parameters.parameter must be a list', 'Parameters.parameter');
  return (body.parameter ?? []).map((p, i): [string, string] => {
    const where = `Parameters.parameter[${i}]`;
    if (typeof p?.name !== 'string') throw badRequest('Every parameter needs a name', `${where}.name`);
    const key = Object.keys(p).find((k) => k.startsWith('value'));
    const value = key === undefined ? undefined : (p as unknown as Record<string, unknown>)[key];
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw badRequest(`Parameter '${p.name}' must have a primitive value (valueString, valueInstant, valueInteger, ...)`, where);
    }
    return [p.name, String(value)];
  });
}

/** The first value of one operation parameter. */
export function operationParameter(params: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  return params.find(([k]) => k === name)?.[1];
}
