import type { UriMatch } from '../ast';
import type { EntryCondition } from './entry-condition';
import { startsWith } from './regex';

/**
 * uri (R4 search.html#uri): the whole value, exactly. `:below` finds URIs the value is a path prefix of;
 * `:above` finds URIs that are a path prefix of the value (`:above=http://acme.org/fhir/ValueSet/123` finds
 * `http://acme.org/fhir/ValueSet/123`, `.../ValueSet` and `http://acme.org/fhir`).
 */
export function uriCondition(match: UriMatch, uri: string): EntryCondition {
  switch (match) {
    case 'exact':
      return { u: uri };
    case 'below':
      return { u: startsWith(uri) };
    case 'above':
      return { u: { $in: pathPrefixes(uri) } };
  }
}

/** The URI and each shorter form of it cut at a `/` of its path (never inside `scheme://authority`). */
function pathPrefixes(uri: string): string[] {
  const authorityEnd = uri.indexOf('//') >= 0 ? uri.indexOf('/', uri.indexOf('//') + 2) : -1;
  const prefixes = [uri];
  if (authorityEnd < 0) return prefixes;
  for (let i = uri.length - 1; i >= authorityEnd; i--) {
    if (uri[i] === '/') {
      const prefix = uri.slice(0, i);
      if (prefix !== prefixes[prefixes.length - 1]) prefixes.push(prefix);
    }
  }
  return prefixes;
}
