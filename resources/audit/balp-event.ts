import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from 'fhir/r4';
import type { AuditRecord } from './audit-record';

/**
 * Builds an R4 AuditEvent shaped after IHE Basic Audit Log Patterns (BALP 1.1,
 * https://profiles.ihe.net/ITI/BALP/): type rest, subtype the interaction, the client application, the server,
 * the user (with the token's jti as agent.policy), the caller's network address, the resource, the patient,
 * the query (base64) and the X-Request-Id.
 */
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const SOURCE_ROLE: Coding = { system: DCM, code: '110153', display: 'Source Role ID' };
const DESTINATION_ROLE: Coding = { system: DCM, code: '110152', display: 'Destination Role ID' };
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';

export const BALP_PROFILE = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit';

export interface ServerIdentity {
  /** This server's FHIR base URL (agent network address, BALP server agent). */
  fhirBase: string;
  /** The name the server reports itself as (AuditEvent.source.observer). */
  name: string;
}

export function balpAuditEvent(record: AuditRecord, server: ServerIdentity): AuditEvent {
  const { ctx } = record;
  // BALP follows DICOM: for a read the data flows from server to client, so the server is the source; for
  // queries and writes the request flows from client to server, so the client is the source.
  const clientIsSource = record.action !== 'R';
  const agents: AuditEventAgent[] = [];
  const user = userAgent(record);
  if (user) agents.push(user);
  agents.push({
    type: { coding: [clientIsSource ? SOURCE_ROLE : DESTINATION_ROLE] },
    who: ctx.actor.clientId ? { identifier: { system: 'urn:ietf:params:oauth:client-id', value: ctx.actor.clientId } } : { display: ctx.actor.kind === 'system' ? 'server' : 'unidentified client' },
    requestor: user === undefined,
    ...(ctx.request.address ? { network: { address: ctx.request.address, type: '2' as const } } : {}),
  });
  agents.push({
    type: { coding: [clientIsSource ? DESTINATION_ROLE : SOURCE_ROLE] },
    who: { display: server.name },
    requestor: false,
    network: { address: server.fhirBase, type: '5' },
  });

  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    ...(record.eventType ? {} : { meta: { profile: [profileFor(record)] } }),
    type: record.eventType ?? { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [record.eventSubtype ?? subtypeOf(record)],
    action: record.action,
    recorded: record.recorded,
    outcome: record.outcome,
    agent: agents,
    source: {
      observer: { display: server.name },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: entities(record),
  };
  if (record.outcomeDescription) event.outcomeDesc = record.outcomeDescription;
  const purpose = ctx.actor.purposeOfUse;
  if (purpose && purpose.length > 0) event.purposeOfEvent = purpose.map((code) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code }] }));
  return event;
}

function subtypeOf(record: AuditRecord): Coding {
  if (record.interaction === 'operation') return { system: 'http://hl7.org/fhir/restful-interaction', code: 'operation', display: record.operation };
  return { system: 'http://hl7.org/fhir/restful-interaction', code: record.interaction };
}

function profileFor(record: AuditRecord): string {
  const withPatient = record.patient ? 'Patient' : '';
  const kind = { C: 'Create', R: 'Read', U: 'Update', D: 'Delete', E: 'Query' }[record.action];
  return `${BALP_PROFILE}.${withPatient}${kind}`;
}

/** The human (or, for a backend service, nobody): fhirUser, else the token's issuer and subject. */
function userAgent(record: AuditRecord): AuditEventAgent | undefined {
  const { actor } = record.ctx;
  if (actor.kind !== 'user') return undefined;
  const agent: AuditEventAgent = {
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
    who: actor.fhirUser ? { reference: actor.fhirUser } : { identifier: { system: actor.issuer, value: actor.subject } },
    requestor: true,
  };
  if (actor.tokenId) agent.policy = [actor.tokenId];
  if (actor.roles && actor.roles.length > 0) agent.role = actor.roles.map((role) => ({ text: role }));
  if (actor.purposeOfUse && actor.purposeOfUse.length > 0) {
    agent.purposeOfUse = actor.purposeOfUse.map((code) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code }] }));
  }
  return agent;
}

function entities(record: AuditRecord): AuditEventEntity[] {
  const list: AuditEventEntity[] = [];
  if (record.what) {
    list.push({
      what: { reference: record.what },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
    });
  }
  if (record.patient) {
    list.push({
      what: { reference: record.patient },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  if (record.query !== undefined) {
    list.push({
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      query: Buffer.from(record.query).toString('base64'),
    });
  }
  list.push({
    what: { identifier: { value: record.ctx.request.requestId } },
    type: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId' },
  });
  return list;
}
