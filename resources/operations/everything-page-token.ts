import { badRequest } from '../errors/fhir-error';

/**
 * Where a $everything page starts: the resource type being read and, within it, the search engine's own `_page`
 * position (absent at the start of a type). `type` undefined means there is nothing left to read.
 */
export interface EverythingPosition {
  type: string | undefined;
  page?: string;
}

export function encodeEverythingPage(position: EverythingPosition): string {
  return Buffer.from(JSON.stringify([position.type, position.page ?? null])).toString('base64url');
}

/** The position a next link carries; refused unless its type is one this request reads (the same `_type` and grants). */
export function decodeEverythingPage(token: string, types: readonly string[]): EverythingPosition {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(body) || body.length !== 2) throw invalid();
  const [type, page] = body as unknown[];
  if (typeof type !== 'string' || !types.includes(type) || (page !== null && typeof page !== 'string')) throw invalid();
  return page === null ? { type } : { type, page: page as string };
}

function invalid() {
  return badRequest('The _page token is not one this $everything issued; follow the links of the same request', '_page');
}
