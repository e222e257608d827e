import type { FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';

/** capabilities interaction (R4 http.html#capabilities). `mode=terminology` is not offered. */
export async function metadata(_req: FhirRequest, { capabilityStatement }: FhirServices): Promise<FhirResponse> {
  return { status: 200, resource: capabilityStatement() };
}
