import { badRequest } from '../errors/fhir-error';
import { decodeLinkToken, encodeLinkToken } from '../search/query/execute/link-token';

/**
 * Where a $everything page starts: the resource type being read and, within it, the search engine's own `_page`
 * position (absent at the start of a type). `type` undefined means there is nothing left to read.
 */
export interface EverythingPosition {
  type: string | undefined;
  page?: string;
}

export function encodeEverythingPage(position: EverythingPosition): string {
  return encodeLinkToken([position.type, position.page ?? null]);
}

/** The position a next link carries; refused unless its type is one this request reads (the same `_type` and grants). */
export function decodeEverythingPage(token: string, types: readonly string[]): EverythingPosition {
  const fields = decodeLinkToken(token, 2);
  if (!fields) throw invalid();
  const [type, page] = fields;
  if (typeof type !== 'string' || !types.includes(type) || (page !== null && typeof page !== 'string')) throw invalid();
  return page === null ? { type } : { type, page: page as string };
}

function invalid() {
  return badRequest('The _page token is not one this $everything issued; follow the links of the same request', '_page');
}
