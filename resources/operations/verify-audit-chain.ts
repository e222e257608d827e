import type { OperationDefinition, Parameters, ParametersParameter } from 'fhir/r4';
import type { ChainVerification } from '../audit/audit-verify';

/**
 * AuditEvent/$verify: recomputes the AuditEvent hash chain (optionally between two sequence numbers) and reports
 * the first link that does not hold. For auditors: it needs unrestricted read access to AuditEvent.
 */
export const VERIFY_AUDIT_CHAIN: OperationDefinition = {
  resourceType: 'OperationDefinition',
  id: 'AuditEvent-verify',
  url: 'urn:fhir-r4-server:OperationDefinition/AuditEvent-verify',
  name: 'VerifyAuditChain',
  status: 'active',
  kind: 'operation',
  code: 'verify',
  resource: ['AuditEvent'],
  system: false,
  type: true,
  instance: false,
  affectsState: false,
  description: 'Recomputes the tamper-evident hash chain over stored AuditEvents and reports the first break.',
  parameter: [
    { name: 'from', use: 'in', min: 0, max: '1', type: 'integer', documentation: 'First sequence number to check (the link before it is trusted).' },
    { name: 'to', use: 'in', min: 0, max: '1', type: 'integer', documentation: 'Last sequence number to check.' },
    { name: 'valid', use: 'out', min: 1, max: '1', type: 'boolean' },
    { name: 'checked', use: 'out', min: 1, max: '1', type: 'integer' },
    { name: 'pending', use: 'out', min: 1, max: '1', type: 'integer', documentation: 'Events recorded but not chained yet.' },
    { name: 'break', use: 'out', min: 0, max: '1', type: 'string', documentation: 'The first break: sequence, event and reason (parts).' },
  ],
};

export function verificationParameters(v: ChainVerification): Parameters {
  const parameter: ParametersParameter[] = [
    { name: 'valid', valueBoolean: v.valid },
    { name: 'checked', valueInteger: v.checked },
    { name: 'from', valueInteger: v.from },
    { name: 'to', valueInteger: v.to },
    { name: 'pending', valueInteger: v.pending },
  ];
  if (v.firstBreak) {
    const part: ParametersParameter[] = [
      { name: 'sequence', valueInteger: v.firstBreak.seq },
      { name: 'reason', valueString: v.firstBreak.reason },
    ];
    if (v.firstBreak.event) part.push({ name: 'event', valueReference: { reference: `AuditEvent/${v.firstBreak.event}` } });
    parameter.push({ name: 'break', part });
  }
  return { resourceType: 'Parameters', parameter };
}
