import type { Coding, Resource } from 'fhir/r4';

/**
 * A resource returned with elements left out is marked so (R4 search.html#summary, #elements): the SUBSETTED tag
 * tells a client not to update the server with it, as that would lose the missing elements.
 */
export const SUBSETTED: Readonly<Coding> = Object.freeze({
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
});

export function markSubsetted(resource: Resource): Resource {
  const tags = resource.meta?.tag ?? [];
  if (tags.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code)) return resource;
  return { ...resource, meta: { ...(resource.meta ?? {}), tag: [...tags, { ...SUBSETTED }] } };
}
