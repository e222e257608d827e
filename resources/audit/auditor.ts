import type { AccessContext } from '../access/access-context';
import { isFhirError, type ErrorKind } from '../errors/fhir-error';
import type { StoreSession } from '../storage/port';
import type { AuditAction, AuditOutcome, AuditRecord } from './audit-record';
import type { AuditTrail } from './audit-trail';

/** What an interaction is recorded as. */
export interface AuditSpec {
  interaction: string;
  action: AuditAction;
  /** `Type/id` (or `Type/id/_history/n`) when one resource is concerned. */
  what?: string;
  /** The request as received, for searches, history and operations. */
  query?: string;
  operation?: string;
}

/** What a successful interaction touched. */
export interface AuditResult {
  /** `Type/id/_history/n` of the resource read or written. */
  what?: string;
  /** Patients whose data it was; one AuditEvent is recorded per patient (BALP PatientRead/PatientQuery). */
  patients: readonly string[];
}

const OUTCOME_OF: Record<ErrorKind, AuditOutcome> = {
  'bad-request': '4',
  unauthorized: '8',
  forbidden: '8',
  'not-found': '4',
  'method-not-allowed': '4',
  'not-acceptable': '4',
  conflict: '4',
  gone: '4',
  'precondition-failed': '4',
  'payload-too-large': '4',
  'unsupported-media-type': '4',
  unprocessable: '4',
  'too-many-requests': '4',
  internal: '12',
  unavailable: '12',
};

/**
 * Turns interactions into audit records and writes them: a success inside the interaction's own session (so
 * a write's AuditEvent commits with it), a failure on the store by itself (the interaction's transaction is
 * being rolled back). With no trail (the benchmark's audit-off switch) it records nothing.
 */
export class Auditor {
  constructor(
    private readonly trail: AuditTrail | undefined,
    private readonly store: StoreSession,
    private readonly clock: () => number,
  ) {}

  async success(session: StoreSession, ctx: AccessContext, spec: AuditSpec, result: AuditResult): Promise<void> {
    if (!this.trail) return;
    const base = this.record(ctx, spec, '0');
    if (result.what) base.what = result.what;
    const records = result.patients.length === 0 ? [base] : [...new Set(result.patients)].map((patient) => ({ ...base, patient }));
    await this.trail.write(session, records);
  }

  async failure(ctx: AccessContext, spec: AuditSpec, error: unknown): Promise<void> {
    if (!this.trail) return;
    const outcome: AuditOutcome = isFhirError(error) ? OUTCOME_OF[error.kind] : '12';
    const record = this.record(ctx, spec, outcome);
    if (spec.what) record.what = spec.what;
    record.outcomeDescription = isFhirError(error) ? error.message : 'internal error';
    await this.trail.write(this.store, [record]);
  }

  /** Runs `work` and records its success in `session`, or its failure on its own. */
  async run<T>(session: StoreSession, ctx: AccessContext, spec: AuditSpec, work: () => Promise<{ value: T; audit: AuditResult }>): Promise<T> {
    let done: { value: T; audit: AuditResult };
    try {
      done = await work();
    } catch (e) {
      await this.failure(ctx, spec, e);
      throw e;
    }
    await this.success(session, ctx, spec, done.audit);
    return done.value;
  }

  private record(ctx: AccessContext, spec: AuditSpec, outcome: AuditOutcome): AuditRecord {
    const record: AuditRecord = {
      ctx,
      interaction: spec.interaction,
      action: spec.action,
      outcome,
      recorded: new Date(this.clock()).toISOString(),
    };
    if (spec.query !== undefined) record.query = spec.query;
    if (spec.operation !== undefined) record.operation = spec.operation;
    return record;
  }
}

/** The patients a resource version belongs to, from its stored compartments. */
export function patientsOf(compartments: readonly string[]): string[] {
  return compartments.filter((c) => c.startsWith('Patient/'));
}
