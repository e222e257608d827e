import type { AuditEvent, Resource } from 'fhir/r4';
import { balpRecords } from '../../../test/data/audit-records';
import { Random } from '../../../test/data/random';
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
    for (const [i, record] of balpRecords(random, 400, FHIR_BASE).entries()) {
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
