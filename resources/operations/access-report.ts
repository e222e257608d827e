import type { AuditEvent, Bundle, OperationDefinition, Parameters, ParametersParameter } from 'fhir/r4';

/**
 * Patient/[id]/$access-report: an accounting of disclosures (HIPAA §164.528) — who accessed this patient's record,
 * when, through which application, for what purpose and with what outcome — over a date range, from the audit
 * trail. For auditors, and for the patient themselves with a patient-context token.
 */
export const ACCESS_REPORT: OperationDefinition = {
  resourceType: 'OperationDefinition',
  id: 'Patient-access-report',
  url: 'urn:fhir-r4-server:OperationDefinition/Patient-access-report',
  name: 'AccessReport',
  status: 'active',
  kind: 'operation',
  code: 'access-report',
  resource: ['Patient'],
  system: false,
  type: false,
  instance: true,
  affectsState: false,
  description: 'Lists who accessed the patient record, when, with which app and for what purpose.',
  parameter: [
    { name: 'start', use: 'in', min: 0, max: '1', type: 'date', documentation: 'Earliest access to list.' },
    { name: 'end', use: 'in', min: 0, max: '1', type: 'date', documentation: 'Latest access to list.' },
    { name: 'access', use: 'out', min: 0, max: '*', type: 'string', documentation: 'One per access (parts).' },
    { name: 'truncated', use: 'out', min: 1, max: '1', type: 'boolean' },
  ],
};

/** Longest report one request returns; `truncated` says when there was more (narrow start/end to see it). */
export const ACCESS_REPORT_LIMIT = 1000;

export function accessReportParameters(patient: string, events: readonly AuditEvent[], truncated: boolean): Parameters {
  const parameter: ParametersParameter[] = [{ name: 'patient', valueReference: { reference: patient } }, { name: 'truncated', valueBoolean: truncated }];
  for (const e of events) parameter.push({ name: 'access', part: accessParts(e) });
  return { resourceType: 'Parameters', parameter };
}

function accessParts(e: AuditEvent): ParametersParameter[] {
  const parts: ParametersParameter[] = [{ name: 'recorded', valueInstant: e.recorded }];
  if (e.action) parts.push({ name: 'action', valueCode: e.action });
  const subtype = e.subtype?.[0]?.code;
  if (subtype) parts.push({ name: 'interaction', valueCode: subtype });
  if (e.outcome) parts.push({ name: 'outcome', valueCode: e.outcome });
  const user = e.agent.find((a) => a.requestor && a.type?.coding?.some((c) => c.code === 'IRCP'));
  if (user?.who?.reference) parts.push({ name: 'who', valueReference: { reference: user.who.reference } });
  else if (user?.who?.identifier?.value) parts.push({ name: 'who', valueString: `${user.who.identifier.system ?? ''}|${user.who.identifier.value}` });
  const app = e.agent.map((a) => a.who?.identifier).find((i) => i?.system === 'urn:ietf:params:oauth:client-id');
  if (app?.value) parts.push({ name: 'app', valueString: app.value });
  for (const purpose of e.purposeOfEvent ?? []) parts.push({ name: 'purpose', valueCodeableConcept: purpose });
  const data = e.entity?.find((x) => x.role?.code === '4')?.what?.reference;
  if (data) parts.push({ name: 'resource', valueString: data });
  return parts;
}

export function auditEventsOf(bundle: Bundle): AuditEvent[] {
  return (bundle.entry ?? []).map((x) => x.resource).filter((r): r is AuditEvent => r?.resourceType === 'AuditEvent');
}
