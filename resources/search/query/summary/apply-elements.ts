import type { Resource } from 'fhir/r4';
import { markSubsetted } from './subsetted';
import { elementOf, topLevelElements } from './top-level-elements';

/**
 * `_elements` (R4 search.html#elements), also applied by reads: only the named top-level elements, plus id,
 * meta and the mandatory elements ("servers SHOULD always return mandatory elements"). Names may be written bare
 * (`name`) or with the type (`Patient.name`); a choice is named by its base (`value`). Marked SUBSETTED when
 * anything was left out.
 */
export function applyElements(resource: Resource, elements: readonly string[]): Resource {
  const type = resource.resourceType;
  const wanted = new Set(elements.map((e) => (e.startsWith(`${type}.`) ? e.slice(type.length + 1) : e)));
  const definition = topLevelElements(type);
  const source = resource as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(source)) {
    const element = definition ? elementOf(property, definition) : property;
    if (property === 'resourceType' || element === 'id' || element === 'meta' || wanted.has(element) || definition?.mandatory.has(element)) {
      kept[property] = value;
    }
  }
  if (Object.keys(kept).length === Object.keys(source).length) return resource;
  return markSubsetted(kept as unknown as Resource);
}
