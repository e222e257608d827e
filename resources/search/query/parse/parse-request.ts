import { badRequest } from '../../../errors/fhir-error';
import { parseParameterKey, type ParameterKey } from './parameter-key';
import {
  parseCount,
  parseElements,
  parseInclude,
  parseSort,
  parseSummary,
  parseTotal,
  parseTypes,
  type IncludeRequest,
  type SortRequest,
  type SummaryMode,
  type TotalMode,
} from './result-parameters';

/** One selecting parameter as received: its parsed key and its raw (still escaped) value. */
export interface Criterion {
  key: ParameterKey;
  name: string;
  value: string;
  /** The pair this criterion came from, so the self link can leave it out if no type knows it. */
  link: LinkParam;
}

export type LinkParam = readonly [name: string, value: string];

export interface ParsedRequest {
  criteria: Criterion[];
  count?: number;
  sort: SortRequest[];
  includes: IncludeRequest[];
  revincludes: IncludeRequest[];
  summary?: SummaryMode;
  elements?: string[];
  total?: TotalMode;
  page?: string;
  types?: string[];
  /** Names of parameters this server does not support; ignored (lenient) or refused (strict) by the caller. */
  unsupported: string[];
  /** The parameters that take part in the search, in the order received, for links (never `_page`). */
  linkParams: LinkParam[];
}

/**
 * Parameters that take part without selecting anything: `_format` and `_pretty` are for the HTTP layer
 * (http.html#parameters) and stay in links so every page comes back the same way.
 */
const PASSED_THROUGH = new Set(['_format', '_pretty']);

/**
 * Reads a search's parameters (search.html#return, #query): result parameters are parsed and checked here;
 * every other parameter becomes a criterion for binding against the searched types. Repeated result parameters:
 * the last one counts, except `_include` and `_revinclude`, which add up. Empty values are ignored.
 */
export function parseRequest(params: ReadonlyArray<readonly [string, string]>, options: { maxPageSize: number; systemLevel: boolean }): ParsedRequest {
  const parsed: ParsedRequest = { criteria: [], sort: [], includes: [], revincludes: [], unsupported: [], linkParams: [] };
  for (const [name, value] of params) {
    if (value === '') continue;
    const [base, modifier] = splitName(name);
    const link: LinkParam = [name, value];
    if (base === '_page') {
      parsed.page = value;
    } else if (readResultParameter(parsed, base, modifier, name, value, options)) {
      parsed.linkParams.push(link);
    } else if (UNSUPPORTED.has(base)) {
      parsed.unsupported.push(name);
    } else {
      parsed.criteria.push({ key: parseParameterKey(name), name, value, link });
      parsed.linkParams.push(link);
    }
  }
  return parsed;
}

/**
 * Search framework parameters this server does not offer (search.html#contained, #query, #filter), and `_type`
 * outside a system-level search: ignored or refused like unknown parameters, never read as criteria.
 */
const UNSUPPORTED = new Set(['_contained', '_containedType', '_query', '_filter', '_score', '_graph', '_type']);

function readResultParameter(
  parsed: ParsedRequest,
  base: string,
  modifier: string | undefined,
  name: string,
  value: string,
  options: { maxPageSize: number; systemLevel: boolean },
): boolean {
  if (modifier !== undefined && base !== '_include' && base !== '_revinclude' && RESULT_PARAMETERS.has(base)) {
    throw badRequest(`${base} takes no modifier (${name})`, name);
  }
  switch (base) {
    case '_count':
      parsed.count = parseCount(value, options.maxPageSize);
      return true;
    case '_sort':
      parsed.sort = parseSort(value);
      return true;
    case '_include':
      parsed.includes.push(parseInclude('_include', modifier, value));
      return true;
    case '_revinclude':
      parsed.revincludes.push(parseInclude('_revinclude', modifier, value));
      return true;
    case '_summary':
      parsed.summary = parseSummary(value);
      return true;
    case '_elements':
      parsed.elements = parseElements(value);
      return true;
    case '_total':
      parsed.total = parseTotal(value);
      return true;
    case '_type':
      // `_type` selects the types of a system-level search; at the type level it is not a parameter of that type.
      if (!options.systemLevel) return false;
      parsed.types = parseTypes(value);
      return true;
    default:
      return PASSED_THROUGH.has(base);
  }
}

const RESULT_PARAMETERS = new Set(['_count', '_sort', '_include', '_revinclude', '_summary', '_elements', '_total', '_type', '_format', '_pretty']);

function splitName(name: string): [string, string | undefined] {
  if (name.startsWith('_has:')) return ['_has', undefined];
  const colon = name.indexOf(':');
  const dot = name.indexOf('.');
  if (colon < 0 || (dot >= 0 && dot < colon)) return [dot < 0 ? name : name.slice(0, dot), undefined];
  return [name.slice(0, colon), name.slice(colon + 1)];
}
