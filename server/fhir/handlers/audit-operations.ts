import { parseDateRange } from '../../../resources/datatypes/date-range';
import { badRequest } from '../../../resources/errors/fhir-error';
import type { FhirRequest } from '../fhir-request';
import { operationParameter, operationParameters } from '../operation-parameters';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';

/** AuditEvent/$verify (GET with query parameters, or POST with a Parameters body). */
export async function verifyAudit(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const input = operationInput(req);
  const range: { from?: number; to?: number } = {};
  for (const name of ['from', 'to'] as const) {
    const value = input(name);
    if (value === undefined) continue;
    if (!/^\d+$/.test(value)) throw badRequest(`${name} must be a sequence number (a non-negative integer)`, name);
    range[name] = Number(value);
  }
  return { status: 200, resource: await repository.verifyAuditChain(req.ctx, range) };
}

/** Patient/[id]/$access-report?start=&end= */
export async function accessReport(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const input = operationInput(req);
  const range: { start?: string; end?: string } = {};
  for (const name of ['start', 'end'] as const) {
    const value = input(name);
    if (value === undefined) continue;
    if (!parseDateRange(value)) throw badRequest(`${name} must be a FHIR date or dateTime, got '${value}'`, name);
    range[name] = value;
  }
  return { status: 200, resource: await repository.accessReport(req.ctx, req.params.id, range) };
}

/** An operation's input parameters by name, from the query string or a POSTed Parameters resource. */
function operationInput(req: FhirRequest): (name: string) => string | undefined {
  const params = operationParameters(req);
  return (name) => operationParameter(params, name);
}
