import type { Coding } from 'fhir/r4';
import type { Actor, RequestInfo } from '../access/access-context';

/**
 * Of the access context, what an AuditEvent shows: who acted, the request's id and where it came from. Not the URL:
 * a search's query is recorded as such (`query`), and a pending event keeps no more than its event shows.
 */
export interface AuditedContext {
  actor: Actor;
  request: Pick<RequestInfo, 'requestId' | 'address'>;
}

/** The AuditedContext of an access context, with nothing else in it (pending events keep it as JSON). */
export function auditedContext(ctx: AuditedContext): AuditedContext {
  const { requestId, address } = ctx.request;
  return { actor: ctx.actor, request: address === undefined ? { requestId } : { requestId, address } };
}

/** What was done, as BALP and R4 audit-event-action classify it: search is E(xecute) (BALP Query). */
export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

/**
 * R4 audit-event-outcome: 0 success; 4 minor failure (the client's request could not be carried out: invalid,
 * not found, conflict); 8 serious failure (refused: unauthenticated or forbidden); 12 major failure (the server failed).
 */
export type AuditOutcome = '0' | '4' | '8' | '12';

/**
 * One audited interaction, before it becomes a FHIR AuditEvent. References only (`Type/id/_history/n`,
 * `Patient/123`), never content: no names, diagnoses or addresses are copied into the audit trail.
 */
export interface AuditRecord {
  ctx: AuditedContext;
  /** A http://hl7.org/fhir/restful-interaction code (`read`, `search-type`, `transaction`, ...) or `operation`. */
  interaction: string;
  action: AuditAction;
  outcome: AuditOutcome;
  /** Why it failed, when it did (the OperationOutcome's diagnostics). */
  outcomeDescription?: string;
  /** The resource touched, as `Type/id/_history/n` (or `Type/id`, or `Type` when the type was refused). */
  what?: string;
  /** The patient whose data this was (BALP patient entity), `Patient/123`. */
  patient?: string;
  /** For searches, history and operations: the request as received (BALP records it base64-encoded). */
  query?: string;
  /** For operations: the operation's name, e.g. `$everything`. */
  operation?: string;
  /** When the interaction happened (FHIR instant). */
  recorded: string;
  /** For events that are not FHIR REST interactions (sign-ins, tokens): AuditEvent.type and .subtype. */
  eventType?: Coding;
  eventSubtype?: Coding;
}
