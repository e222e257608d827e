import type { BundleLink } from 'fhir/r4';
import type { LinkParam } from '../parse/parse-request';

/**
 * The links of a searchset page (R4 search.html#paging, http.html#paging): `self` is the search as the server
 * understood it (ignored parameters left out, search.html#errors), `first` the same without a page position,
 * `next` and `previous` carry an opaque `_page` token. All are GET URLs, also for a search made with POST.
 */
export interface PageTokens {
  current?: string;
  next?: string;
  previous?: string;
}

export function pageLinks(searchUrl: string, params: readonly LinkParam[], tokens: PageTokens): BundleLink[] {
  const links: BundleLink[] = [{ relation: 'self', url: url(searchUrl, params, tokens.current) }];
  links.push({ relation: 'first', url: url(searchUrl, params) });
  if (tokens.previous) links.push({ relation: 'previous', url: url(searchUrl, params, tokens.previous) });
  if (tokens.next) links.push({ relation: 'next', url: url(searchUrl, params, tokens.next) });
  return links;
}

function url(searchUrl: string, params: readonly LinkParam[], page?: string): string {
  const query = new URLSearchParams(params.map(([k, v]): [string, string] => [k, v]));
  if (page) query.append('_page', page);
  const text = query.toString();
  return text === '' ? searchUrl : `${searchUrl}?${text}`;
}

/** Where a search was made: `[base]`, `[base]/Observation` or `[base]/Patient/123/Observation`. */
export function searchUrl(fhirBase: string, type: string | undefined, compartment?: { type: string; id: string }): string {
  if (!type) return fhirBase;
  return compartment ? `${fhirBase}/${compartment.type}/${compartment.id}/${type}` : `${fhirBase}/${type}`;
}
