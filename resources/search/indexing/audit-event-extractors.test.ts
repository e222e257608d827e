import type { AuditEvent, Resource } from 'fhir/r4';
import { Random } from '../../../test/data/random';
import type { Actor } from '../../access/access-context';
import { unrestricted } from '../../access/access-context';
import type { AuditAction, AuditOutcome, AuditRecord } from '../../audit/audit-record';
import { balpAuditEvent } from '../../audit/balp-event';
import { stampResource } from '../../repository/stamp';
import type { SearchIndexValues } from '../index-format';
import { AUDIT_EVENT_EXTRACTORS } from './audit-event-extractors';
import type { Json } from './indexing-context';
import { compileExtractors } from './resource-indexer';
import { searchParametersOf } from './search-parameter-registry';

const FHIR_BASE = 'http://localhost:8080/fhir';
const compiled = compileExtractors('AuditEvent');

function valuesOf(extractors: typeof compiled, resource: Resource): SearchIndexValues {
  const context = { fhirBase: FHIR_BASE, resource: resource as unknown as Json };
  const sp: SearchIndexValues = {};
  for (const { code, extract } of extractors) {
    const entries = extract(context);
    if (entries.length > 0) sp[code] = entries;
  }
  return sp;
}

function expectSameAsCompiled(event: Resource): void {
  expect(valuesOf(AUDIT_EVENT_EXTRACTORS, event)).toEqual(valuesOf(compiled, event));
}

/** Every branch of balpAuditEvent: actors, addresses, resources, patients, queries, failures, non-REST events. */
function balpRecords(random: Random, count: number): AuditRecord[] {
  const actors: Actor[] = [
    { kind: 'user', fhirUser: 'Practitioner/pr1', clientId: 'app', tokenId: 'jti-1', roles: ['nurse', 'Attending Physician'] },
    { kind: 'user', issuer: 'https://idp.example.org', subject: 'u-7', clientId: 'app', purposeOfUse: ['TREAT', 'ETREAT'] },
    { kind: 'user', fhirUser: `${FHIR_BASE}/Patient/p9`, clientId: 'patient-app', tokenId: 'jti-2' },
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
        policy: unrestricted,
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

describe('AuditEvent search values written out by hand', () => {
  it('cover exactly the R4 AuditEvent search parameters stored beside the resource', () => {
    const codes = searchParametersOf('AuditEvent')
      .filter((p) => !p.documentField)
      .map((p) => p.code);
    expect(AUDIT_EVENT_EXTRACTORS.map((e) => e.code)).toEqual(codes);
  });

  it('equal the compiled R4 expressions for every shape of AuditEvent this server records', () => {
    const random = new Random(20261124);
    const server = { fhirBase: FHIR_BASE, name: 'fhir' };
    for (const [i, record] of balpRecords(random, 400).entries()) {
      expectSameAsCompiled(stampResource(balpAuditEvent(record, server), `ae-${i}`, 1, '2026-11-24T03:51:00.000Z'));
    }
  });

  it('equal the compiled R4 expressions for AuditEvents sent by other systems', () => {
    const external: AuditEvent = {
      resourceType: 'AuditEvent',
      id: 'ext-1',
      meta: {
        profile: ['http://example.org/StructureDefinition/audit|1.0'],
        security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
        tag: [{ system: 'http://example.org/tags', code: 'imported', display: 'Imported' }],
        source: 'http://lab.example.org/lis',
      },
      contained: [{ resourceType: 'Patient', id: 'pc' }],
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' },
      subtype: [
        { system: 'http://hl7.org/fhir/restful-interaction', code: 'read' },
        { code: 'local-read', display: 'Local Read' },
      ],
      action: 'R',
      period: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:00:01Z' },
      recorded: '2026-01-01T00:00:01.123456+01:00',
      outcome: '0',
      agent: [
        {
          type: { text: 'Operator' },
          role: [{ coding: [{ system: 'http://example.org/roles', code: 'lab-tech', display: 'Laboratory Technician' }], text: 'Lab tech' }],
          who: { reference: `${FHIR_BASE}/Patient/p3`, display: 'Self' },
          altId: 'emp-991',
          name: 'Dana Ölund',
          requestor: true,
          policy: ['urn:uuid:6e0f0c8a-3c77-4bb6-9a66-1e1a1a6a1a6a', 'http://example.org/policy/1'],
          network: { address: '192.168.0.4', type: '2' },
        },
        { who: { reference: '#pc' }, requestor: false },
        { who: { type: 'Patient', identifier: { system: 'http://hospital.example/mrn', value: '12345' } }, requestor: false },
        { who: { reference: 'http://other.example.org/fhir/Practitioner/x' }, requestor: false, name: 'Remote' },
        { requestor: false, network: { address: 'lab-gw.example.org', type: '1' } },
      ],
      source: {
        site: 'Lab North',
        observer: { reference: 'Device/analyzer-1' },
        type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4' }],
      },
      entity: [
        { what: { reference: 'Patient/p3/_history/4' }, name: 'Chart', role: { code: '1' }, type: { system: 'x', code: '1' } },
        { what: { reference: 'DiagnosticReport/dr-1' }, name: 'Report', description: 'CBC' },
        { what: { identifier: { value: 'accession-77' } } },
        { name: 'no reference' },
      ],
    };
    expectSameAsCompiled(external);
    expectSameAsCompiled({ resourceType: 'AuditEvent', type: { code: 'x' }, recorded: '2026', agent: [{ requestor: true }], source: { observer: {} } } as AuditEvent);
  });
});
