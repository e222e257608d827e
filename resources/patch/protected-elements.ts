/**
 * Root elements a patch may not touch. The resource type and id come from the URL of the PATCH interaction
 * (http://hl7.org/fhir/R4/http.html#patch); a patch that changes them would turn the update into a different
 * resource, so it is refused as a bad request. `meta` may be patched: the repository overwrites what it owns.
 */
export const PROTECTED_ROOT_ELEMENTS: ReadonlySet<string> = new Set(['resourceType', 'id']);

export function protectedElementMessage(name: string): string {
  if (name === 'id') return 'changing the resource id with a patch is not allowed';
  return `the ${name} of a resource cannot be patched`;
}
