/**
 * Parameters that shape a search result rather than select resources (R4 search.html#return). Conditional
 * criteria are about which resources match, so these are dropped from them (as the search engine's findMatches
 * does) before the bundle adds its own `_count`.
 */
const RESULT_PARAMETERS = new Set([
  '_count', '_sort', '_include', '_revinclude', '_summary', '_elements', '_total', '_contained', '_containedType', '_page', '_format', '_pretty',
]);

export function criteriaParams(query: string): [string, string][] {
  return [...new URLSearchParams(query)].filter(([name]) => !RESULT_PARAMETERS.has(name.split(':')[0]));
}
