import type { Parameters } from 'fhir/r4';
import { parseDateRange } from '../../../resources/datatypes/date-range';
import { badRequest } from '../../../resources/errors/fhir-error';
import { readJsonBody } from '../../http/read-body';
import { queryParam, type FhirRequest } from '../fhir-request';
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

/** An operation's input parameters, from the query string or a POSTed Parameters resource (R4 operations.html). */
function operationInput(req: FhirRequest): (name: string) => string | undefined {
  if (req.method !== 'POST') return (name) => queryParam(req, name);
  const body = readJsonBody(req) as Parameters;
  if (body?.resourceType !== 'Parameters') throw badRequest('An operation invoked by POST takes a Parameters resource', 'resourceType');
  return (name) => {
    const p = body.parameter?.find((x) => x.name === name);
    const value = p?.valueInteger ?? p?.valueUnsignedInt ?? p?.valueDate ?? p?.valueDateTime ?? p?.valueString;
    return value === undefined ? undefined : String(value);
  };
}
