import type { DiagnosticReport, Reference, ServiceRequest, Specimen } from 'fhir/r4';
import { concept } from '../datatypes';
import { referenceTo } from '../ids';
import { formatDateTime, formatInstant } from '../time';
import type { LabPanel } from '../vocabulary/observations';
import { SYSTEM } from '../vocabulary/systems';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/**
 * The order-to-result chain of a lab panel: ServiceRequest (the order) -> Specimen (what was drawn, for
 * which order) -> Observations (results, basedOn the order, from the specimen) -> DiagnosticReport.
 */
export function buildServiceRequest(ctx: PatientContext, visit: Visit, panel: LabPanel, collected: number): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: ctx.nextId('sreq'),
    status: 'completed',
    intent: 'order',
    category: [concept(SYSTEM.snomed, '108252007', 'Laboratory procedure')],
    code: concept(SYSTEM.loinc, panel.code, panel.display, panel.display),
    subject: ctx.ref,
    encounter: visit.ref,
    occurrenceDateTime: formatDateTime(collected, ctx.zone),
    authoredOn: formatDateTime(visit.start, ctx.zone),
    requester: referenceTo('Practitioner', visit.practitionerId),
    performer: [referenceTo('Organization', ctx.lab.id, ctx.lab.name)],
  };
}

export function buildSpecimen(
  ctx: PatientContext, visit: Visit, panel: LabPanel, order: Reference, collected: number, received: number,
): Specimen {
  return {
    resourceType: 'Specimen',
    id: ctx.nextId('spec'),
    accessionIdentifier: { system: SYSTEM.accession, value: `A${ctx.rng.digits(10)}` },
    status: 'available',
    type: concept(SYSTEM.snomed, panel.specimen.code, panel.specimen.display),
    subject: ctx.ref,
    receivedTime: formatDateTime(received, ctx.zone),
    request: [order],
    collection: {
      collector: referenceTo('Practitioner', visit.practitionerId),
      collectedDateTime: formatDateTime(collected, ctx.zone),
    },
  };
}

export function buildDiagnosticReport(
  ctx: PatientContext, visit: Visit, panel: LabPanel,
  links: { order: Reference; specimen: Reference; results: Reference[]; collected: number; issued: number },
): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: ctx.nextId('dr'),
    basedOn: [links.order],
    status: 'final',
    category: [concept(SYSTEM.diagnosticService, 'LAB', 'Laboratory')],
    code: concept(SYSTEM.loinc, panel.code, panel.display, panel.display),
    subject: ctx.ref,
    encounter: visit.ref,
    effectiveDateTime: formatDateTime(links.collected, ctx.zone),
    issued: formatInstant(links.issued),
    performer: [referenceTo('Organization', ctx.lab.id, ctx.lab.name)],
    specimen: [links.specimen],
    result: links.results,
  };
}
