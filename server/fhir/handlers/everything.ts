import { confinedPatientId } from '../../../resources/access/access-context';
import { badRequest } from '../../../resources/errors/fhir-error';
import { everythingRequest } from '../../../resources/operations/everything-request';
import type { FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import { operationParameters } from '../operation-parameters';
import type { FhirServices } from '../services';

/**
 * Patient/[id]/$everything: GET with `start`, `end`, `_since`, `_type`, `_count`, `_page`, or POST with them in a
 * Parameters resource. Patient/$everything, without an id, is the record of the patient the caller's token is
 * confined to (a patient-facing app's launch patient); for anyone else it is refused rather than answered with every
 * patient's record, as R4 allows (patient-operation-everything.html: "the server may choose to return an error").
 */
export async function everything(req: FhirRequest, { repository, config }: FhirServices): Promise<FhirResponse> {
  const patientId = req.params.id ?? confinedPatientId(req.ctx.policy);
  if (patientId === undefined) {
    throw badRequest('Patient/$everything without an id is the record of the one patient your token is confined to (a patient/ scope with a launch patient); name the patient: Patient/[id]/$everything');
  }
  const request = everythingRequest(patientId, operationParameters(req), req.fhirBase, config);
  return { status: 200, resource: await repository.everything(req.ctx, request) };
}
