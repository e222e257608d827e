import { createHash } from 'node:crypto';
import { badRequest } from '../../../errors/fhir-error';
import type { SortValue } from './keyset';
import { decodeLinkToken, encodeLinkToken } from './link-token';
import type { SortKey } from './sort-order';

/**
 * The `_page` token of next and previous links: a position in the sort order (the sort values, `_id` and type of
 * the resource a page starts after or ends before) and the direction. It holds no filter: the search is
 * re-read from the link's own parameters, and the values decoded here are only ever used as comparison operands,
 * each checked to be a plain string, number, boolean or null. A token made for another sort order is refused.
 */
export interface PagePosition {
  direction: 'next' | 'previous';
  values: SortValue[];
  type: string;
}

export function encodePageToken(position: PagePosition, keys: readonly SortKey[]): string {
  const body = [position.direction === 'next' ? 'n' : 'p', orderSignature(keys), position.type, position.values];
  return encodeLinkToken(body);
}

export function decodePageToken(token: string, keys: readonly SortKey[]): PagePosition {
  const fields = decodeLinkToken(token, 4);
  if (!fields) throw invalid();
  const [direction, signature, type, values] = fields;
  if (direction !== 'n' && direction !== 'p') throw invalid();
  if (signature !== orderSignature(keys)) throw badRequest('This _page token belongs to a different _sort; follow the links of the same search', '_page');
  if (typeof type !== 'string' || !Array.isArray(values) || values.length !== keys.length || !values.every(isSortValue)) throw invalid();
  return { direction: direction === 'n' ? 'next' : 'previous', type, values };
}

function isSortValue(value: unknown): value is SortValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function orderSignature(keys: readonly SortKey[]): string {
  const text = keys.map((k) => `${k.direction === 1 ? '' : '-'}${k.path}`).join(',');
  return createHash('sha256').update(text).digest('base64url').slice(0, 8);
}

function invalid() {
  return badRequest('The _page token is not one this server issued; follow the links of a search', '_page');
}
