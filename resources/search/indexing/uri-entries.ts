import type { UriEntry } from '../index-format';
import type { TypedValue } from './indexing-context';

/** uri: http://hl7.org/fhir/R4/search.html#uri. The value exactly as written (uri, url, canonical, oid, uuid). */
export function uriEntries(values: readonly TypedValue[]): UriEntry[] {
  const out: UriEntry[] = [];
  for (const { value } of values) if (typeof value === 'string' && value.length > 0) out.push({ u: value });
  return out;
}
