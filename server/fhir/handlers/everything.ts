import { everythingRequest } from '../../../resources/operations/everything-request';
import type { FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import { operationParameters } from '../operation-parameters';
import type { FhirServices } from '../services';

/** Patient/[id]/$everything: GET with `start`, `end`, `_since`, `_type`, `_count`, `_page`, or POST with them in a Parameters resource. */
export async function everything(req: FhirRequest, { repository, config }: FhirServices): Promise<FhirResponse> {
  const request = everythingRequest(req.params.id, operationParameters(req), req.fhirBase, config);
  return { status: 200, resource: await repository.everything(req.ctx, request) };
}
