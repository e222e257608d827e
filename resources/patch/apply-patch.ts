import type { Resource } from 'fhir/r4';
import { applyFhirPathPatch } from './fhirpath-patch';
import { applyJsonPatch } from './json-patch';

/** A PATCH body in one of the two formats R4 defines (http.html#patch); XML Patch is not offered (JSON only). */
export type PatchBody = { format: 'json-patch'; body: unknown } | { format: 'fhirpath-patch'; body: unknown };

export function applyPatch(resource: Resource, patch: PatchBody): Resource {
  return patch.format === 'json-patch' ? applyJsonPatch(resource, patch.body) : applyFhirPathPatch(resource, patch.body);
}
