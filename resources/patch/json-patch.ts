import type { Resource } from 'fhir/r4';
import { JsonPatchError, applyPatch } from 'fast-json-patch';
import { jsonPatchLabel, parseJsonPatch } from './json-patch-document';
import { malformed, notApplicable, type PatchFault } from './patch-fault';

/**
 * Applies a JSON Patch (RFC 6902; content type application/json-patch+json) to a resource, as the R4 PATCH
 * interaction allows (http://hl7.org/fhir/R4/http.html#patch). Returns a new resource; the input is not touched.
 * Operations apply in order and all or nothing: the first failure throws and nothing is returned.
 */
export function applyJsonPatch(resource: Resource, patch: unknown): Resource {
  const operations = parseJsonPatch(patch);
  try {
    return applyPatch(structuredClone(resource), operations, true, true).newDocument;
  } catch (e) {
    if (!(e instanceof JsonPatchError)) throw e;
    const index = e.index ?? 0;
    // fast-json-patch's messages embed the whole document; ours name the operation and the reason only.
    throw toFault(e).toFhirError(jsonPatchLabel(index, operations[index]), `/${index}`);
  }
}

/** What fast-json-patch found wrong while applying, which all depends on this resource: 422. */
const APPLY_FAILURES: Readonly<Record<string, string>> = {
  TEST_OPERATION_FAILED: "'test' failed: the value at 'path' is not the given value",
  OPERATION_PATH_UNRESOLVABLE: "'path' does not exist in the resource",
  OPERATION_FROM_UNRESOLVABLE: "'from' does not exist in the resource",
  OPERATION_PATH_CANNOT_ADD: "the parent of 'path' does not exist in the resource",
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: "'path' indexes a list with something that is not a number",
  OPERATION_VALUE_OUT_OF_BOUNDS: "'path' indexes past the end of a list",
};

function toFault(e: InstanceType<typeof JsonPatchError>): PatchFault {
  const reason = APPLY_FAILURES[e.name];
  // Anything else is a shape problem that parseJsonPatch should already have reported.
  return reason === undefined ? malformed(e.message.split('\n')[0]) : notApplicable(reason);
}
