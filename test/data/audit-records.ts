import type { Actor } from '../../resources/access/access-context';
import type { AuditAction, AuditOutcome, AuditRecord } from '../../resources/audit/audit-record';
import type { Random } from './random';

/**
 * Audit records reaching every branch of balpAuditEvent: actors, addresses, resources, patients, queries, failures,
 * non-REST events. `fhirBase`: the server's, for a fhirUser given as an absolute URL.
 */
export function balpRecords(random: Random, count: number, fhirBase = 'http://localhost:8080/fhir'): AuditRecord[] {
  const actors: Actor[] = [
    { kind: 'user', fhirUser: 'Practitioner/pr1', clientId: 'app', tokenId: 'jti-1', roles: ['nurse', 'Attending Physician'] },
    { kind: 'user', issuer: 'https://idp.example.org', subject: 'u-7', clientId: 'app', purposeOfUse: ['TREAT', 'ETREAT'] },
    { kind: 'user', fhirUser: `${fhirBase}/Patient/p9`, clientId: 'patient-app', tokenId: 'jti-2' },
    { kind: 'client', clientId: 'lab-system' },
    { kind: 'system', reason: 'startup' },
    { kind: 'anonymous' },
  ];
  const actions: AuditAction[] = ['C', 'R', 'U', 'D', 'E'];
  const outcomes: AuditOutcome[] = ['0', '4', '8', '12'];
  const records: AuditRecord[] = [];
  for (let i = 0; i < count; i++) {
    const interaction = random.pick(['read', 'vread', 'create', 'update', 'search-type', 'history-instance', 'transaction', 'operation']);
    records.push({
      ctx: {
        actor: random.pick(actors),
        request: { requestId: `req-${i}`, ...(random.chance(0.7) ? { address: random.pick(['127.0.0.1', '::1', '10.0.0.7']) } : {}) },
      },
      interaction,
      operation: interaction === 'operation' ? random.pick(['$everything', '$access-report']) : undefined,
      action: random.pick(actions),
      outcome: random.pick(outcomes),
      ...(random.chance(0.3) ? { outcomeDescription: 'Resource Patient/x is not known' } : {}),
      ...(random.chance(0.7) ? { what: random.pick(['Patient/p1/_history/2', 'Observation/o1/_history/1', 'Patient/p1', 'Observation']) } : {}),
      ...(random.chance(0.6) ? { patient: random.pick(['Patient/p1', 'Patient/p2']) } : {}),
      ...(random.chance(0.4) ? { query: 'GET /fhir/Observation?patient=p1&code=8867-4' } : {}),
      recorded: random.pick(['2026-11-24T03:50:59.424Z', '2026-11-24T03:50:59Z', '2026-11-24T05:50:59.4+02:00']),
      ...(random.chance(0.15)
        ? {
            eventType: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' },
            eventSubtype: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110122', display: 'Login' },
          }
        : {}),
    });
  }
  return records;
}
