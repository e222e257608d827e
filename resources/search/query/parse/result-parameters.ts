import { isResourceType } from '../../../definitions/resource-types';
import { badRequest } from '../../../errors/fhir-error';
import { searchParameterFor } from '../../indexing/search-parameter-registry';

/**
 * The parameters that shape the result rather than select it (R4 search.html#return): each parsed and
 * checked here, so a bad value is a 400 naming the parameter.
 */

export type SummaryMode = 'true' | 'text' | 'data' | 'count' | 'false';
export type TotalMode = 'none' | 'estimate' | 'accurate';

export interface SortRequest {
  code: string;
  descending: boolean;
}

/**
 * `_include=Type:param[:target]`, `_revinclude=...`, `*` for every reference parameter, `:iterate` (R4
 * search.html#include; `:recurse` is R3's name for it and accepted as such).
 */
export interface IncludeRequest {
  iterate: boolean;
  /** `*` with `_include=*` or `_revinclude=*`. */
  sourceType: string;
  /** `*` for every reference parameter of sourceType. */
  code: string;
  targetType?: string;
}

export function parseCount(value: string, maxPageSize: number): number {
  if (!/^\d+$/.test(value)) throw badRequest(`_count must be a whole number, not '${value}'`, '_count');
  // A larger page than the server allows is not an error: the server returns fewer (search.html#count).
  return Math.min(Number(value), maxPageSize);
}

export function parseSort(value: string): SortRequest[] {
  return value.split(',').map((part) => {
    const descending = part.startsWith('-');
    const code = descending ? part.slice(1) : part;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(code)) throw badRequest(`'${part}' is not a sort key`, '_sort');
    return { code, descending };
  });
}

export function parseSummary(value: string): SummaryMode {
  if (value === 'true' || value === 'text' || value === 'data' || value === 'count' || value === 'false') return value;
  throw badRequest(`_summary takes true, text, data, count or false, not '${value}'`, '_summary');
}

export function parseTotal(value: string): TotalMode {
  if (value === 'none' || value === 'estimate' || value === 'accurate') return value;
  throw badRequest(`_total takes none, estimate or accurate, not '${value}'`, '_total');
}

export function parseElements(value: string): string[] {
  return value.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
}

export function parseTypes(value: string): string[] {
  return value.split(',').map((t) => {
    if (!isResourceType(t)) throw badRequest(`_type names '${t}', which is not a resource type`, '_type');
    return t;
  });
}

export function parseInclude(name: '_include' | '_revinclude', modifier: string | undefined, value: string): IncludeRequest {
  if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') {
    throw badRequest(`${name}:${modifier} is not supported; the modifier is :iterate`, `${name}:${modifier}`, 'not-supported');
  }
  const iterate = modifier !== undefined;
  if (value === '*') return { iterate, sourceType: '*', code: '*' };
  const [sourceType, code, targetType, ...rest] = value.split(':');
  if (!isResourceType(sourceType) || code === undefined || rest.length > 0) {
    throw badRequest(`${name}=${value} is not of the form Type:parameter[:targetType]`, name);
  }
  if (code !== '*') {
    const param = searchParameterFor(sourceType, code);
    if (!param || param.type !== 'reference') throw badRequest(`${sourceType} has no reference parameter '${code}' (${name}=${value})`, name);
    const targets = param.target ?? [];
    if (targetType !== undefined && (!isResourceType(targetType) || (targets.length > 0 && !targets.includes(targetType)))) {
      throw badRequest(`${sourceType}:${code} does not refer to ${targetType} (${name}=${value})`, name);
    }
  } else if (targetType !== undefined && !isResourceType(targetType)) {
    throw badRequest(`${targetType} is not a resource type (${name}=${value})`, name);
  }
  return targetType === undefined ? { iterate, sourceType, code } : { iterate, sourceType, code, targetType };
}
