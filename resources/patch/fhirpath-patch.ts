import type { Resource } from 'fhir/r4';
import type { Json } from './fhirpath-locate';
import { fhirPathPatchLabel, parseFhirPathPatch } from './fhirpath-patch-operation';
import { applyOperation } from './fhirpath-patch-operations';
import { PatchFault } from './patch-fault';

/**
 * Applies a FHIRPath Patch (http://hl7.org/fhir/R4/fhirpatch.html), a Parameters resource sent with the FHIR
 * content type, as the R4 PATCH interaction allows (http://hl7.org/fhir/R4/http.html#patch). Returns a new
 * resource; the input is not touched. Operations apply in order, each to the result of the ones before, and all
 * or nothing: the first failure throws, naming the operation, and nothing is returned.
 */
export function applyFhirPathPatch(resource: Resource, parameters: unknown): Resource {
  const operations = parseFhirPathPatch(parameters);
  const patched = structuredClone(resource) as unknown as Json;
  operations.forEach((operation, index) => {
    try {
      applyOperation(patched, operation);
    } catch (e) {
      if (e instanceof PatchFault) {
        throw e.toFhirError(fhirPathPatchLabel(index, operation), `Parameters.parameter[${index}]`);
      }
      throw e;
    }
  });
  return patched as unknown as Resource;
}
