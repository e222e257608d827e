import type { Resource } from 'fhir/r4';
import type { SummaryMode } from '../parse/result-parameters';
import { markSubsetted } from './subsetted';
import { elementOf, topLevelElements } from './top-level-elements';

/**
 * `_summary` (R4 search.html#summary), also applied by reads:
 *   true   the elements the definition marks as summary (isSummary)
 *   text   text, id, meta and the top-level mandatory elements
 *   data   everything but text
 *   false  everything
 *   count  (no resources are returned at all; the caller handles it) the resource unchanged
 * A resource that lost elements is marked SUBSETTED.
 */
export function applySummary(resource: Resource, mode: SummaryMode): Resource {
  if (mode === 'false' || mode === 'count') return resource;
  const elements = topLevelElements(resource.resourceType);
  const source = resource as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(source)) {
    if (keeps(mode, property, elements ? elementOf(property, elements) : property, elements)) kept[property] = value;
  }
  if (Object.keys(kept).length === Object.keys(source).length) return resource;
  return markSubsetted(kept as unknown as Resource);
}

function keeps(mode: SummaryMode, property: string, element: string, elements: ReturnType<typeof topLevelElements>): boolean {
  if (property === 'resourceType' || element === 'id' || element === 'meta') return true;
  switch (mode) {
    case 'data':
      return element !== 'text';
    case 'text':
      return element === 'text' || (elements?.mandatory.has(element) ?? false);
    default:
      return elements?.summary.has(element) ?? true;
  }
}
