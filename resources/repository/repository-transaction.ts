import type { Bundle } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { patientsOf, type AuditResult, type AuditSpec } from '../audit/auditor';
import { everythingPage, type EverythingRequest } from '../operations/everything';
import type { QueryParams } from '../operations/request-parameters';
import type { PatchBody } from '../patch/apply-patch';
import type { SearchRequest, SearchResult } from '../search/search-engine';
import type { StoreSession } from '../storage/port';
import { historyAudit, historyAuditResult, readHistory, type HistoryPage, type HistoryQuery } from './history';
import type { RepositoryDeps } from './repository-deps';
import { ResourceOperations, type CreateOptions, type DeleteOutcome, type WriteOptions, type WriteOutcome } from './resource-operations';
import type { ResourceVersion } from './resource-version';

export type { CreateOptions, DeleteOutcome, WriteOptions, WriteOutcome, WriteStatus } from './resource-operations';
export { toVersion } from './resource-operations';

/**
 * The Repository's reads and writes bound to one store transaction, each one audited: its AuditEvent is written
 * in the same transaction (so it commits with the data or not at all), and a failure is recorded on its own.
 * Single REST interactions use one of these each; a transaction Bundle runs all its entries through one.
 */
export class RepositoryTransaction {
  private readonly ops: ResourceOperations;

  constructor(
    private readonly deps: RepositoryDeps,
    readonly session: StoreSession,
  ) {
    this.ops = new ResourceOperations(deps, session);
  }

  create(ctx: AccessContext, input: unknown, options: CreateOptions = {}): Promise<WriteOutcome> {
    const spec: AuditSpec = { interaction: 'create', action: 'C', what: typeOf(input), query: options.ifNoneExist };
    return this.audited(ctx, spec, async () => written(await this.ops.create(ctx, input, options)));
  }

  read(ctx: AccessContext, type: string, id: string): Promise<ResourceVersion> {
    return this.audited(ctx, { interaction: 'read', action: 'R', what: `${type}/${id}` }, async () => touched(await this.ops.read(ctx, type, id)));
  }

  vread(ctx: AccessContext, type: string, id: string, versionId: string): Promise<ResourceVersion> {
    const spec: AuditSpec = { interaction: 'vread', action: 'R', what: `${type}/${id}/_history/${versionId}` };
    return this.audited(ctx, spec, async () => touched(await this.ops.vread(ctx, type, id, versionId)));
  }

  update(ctx: AccessContext, type: string, id: string, input: unknown, options: WriteOptions = {}): Promise<WriteOutcome> {
    return this.audited(ctx, { interaction: 'update', action: 'U', what: `${type}/${id}` }, async () => written(await this.ops.update(ctx, type, id, input, options)));
  }

  conditionalUpdate(ctx: AccessContext, type: string, query: string, input: unknown, options: WriteOptions = {}): Promise<WriteOutcome> {
    const spec: AuditSpec = { interaction: 'update', action: 'U', what: type, query };
    return this.audited(ctx, spec, async () => written(await this.ops.conditionalUpdate(ctx, type, query, input, options)));
  }

  patch(ctx: AccessContext, type: string, id: string, patch: PatchBody, options: WriteOptions = {}): Promise<WriteOutcome> {
    return this.audited(ctx, { interaction: 'patch', action: 'U', what: `${type}/${id}` }, async () => written(await this.ops.patch(ctx, type, id, patch, options)));
  }

  conditionalPatch(ctx: AccessContext, type: string, query: string, patch: PatchBody, options: WriteOptions = {}): Promise<WriteOutcome> {
    const spec: AuditSpec = { interaction: 'patch', action: 'U', what: type, query };
    return this.audited(ctx, spec, async () => written(await this.ops.conditionalPatch(ctx, type, query, patch, options)));
  }

  delete(ctx: AccessContext, type: string, id: string, options: WriteOptions = {}): Promise<DeleteOutcome> {
    return this.audited(ctx, { interaction: 'delete', action: 'D', what: `${type}/${id}` }, async () => {
      const outcome = await this.ops.delete(ctx, type, id, options);
      return { value: outcome, audit: resultOf(outcome.version) };
    });
  }

  conditionalDelete(ctx: AccessContext, type: string, query: string): Promise<DeleteOutcome | undefined> {
    return this.audited(ctx, { interaction: 'delete', action: 'D', what: type, query }, async () => {
      const outcome = await this.ops.conditionalDelete(ctx, type, query);
      return { value: outcome, audit: outcome ? resultOf(outcome.version) : { patients: [] } };
    });
  }

  /** A new server-assigned resource id, for a create whose id must be known before it is written. */
  newId(): string {
    return this.deps.newId();
  }

  /** A search inside this transaction (a transaction Bundle's GET entries see its earlier writes). */
  search(ctx: AccessContext, request: SearchRequest): Promise<SearchResult> {
    const spec: AuditSpec = { interaction: request.resourceType ? 'search-type' : 'search-system', action: 'E', query: queryString(request.params) };
    return this.audited(ctx, spec, async () => {
      const result = await this.deps.engine.search(ctx, request, this.session);
      return { value: result, audit: { patients: result.entries.flatMap((e) => patientsOf(e.compartments)) } };
    });
  }

  /**
   * History inside this transaction (a transaction Bundle's GET entries see its earlier writes), audited with the
   * request line when it came over HTTP and otherwise its parameters (a Bundle entry's).
   */
  history(ctx: AccessContext, query: HistoryQuery, params: QueryParams = [], requestLine?: string): Promise<HistoryPage> {
    return this.audited(ctx, historyAudit(query, requestLine ?? queryString(params)), async () => {
      const page = await readHistory(this.deps, this.session, ctx, query);
      return { value: page, audit: historyAuditResult(page) };
    });
  }

  /**
   * Patient/[id]/$everything, audited as one operation on the patient (the request line or parameters as for
   * history). The patient must be readable by the caller (403 without Patient
   * read at all, 404 outside their grants, e.g. a `patient/` token for someone else); what the record holds is then
   * searched with the caller's context, so their scopes decide each resource (everything.ts).
   */
  everything(ctx: AccessContext, request: EverythingRequest, params: QueryParams = [], requestLine?: string): Promise<Bundle> {
    const patient = `Patient/${request.patientId}`;
    const spec: AuditSpec = { interaction: 'operation', action: 'E', operation: '$everything', what: patient, query: requestLine ?? queryString(params) };
    return this.audited(ctx, spec, async () => {
      await this.ops.read(ctx, 'Patient', request.patientId);
      if (request.types?.includes('AuditEvent')) await this.deps.auditChain?.drain();
      const page = await everythingPage(this.deps.engine, ctx, request, this.session);
      return { value: page.bundle, audit: { patients: page.patients } };
    });
  }

  private audited<T>(ctx: AccessContext, spec: AuditSpec, work: () => Promise<{ value: T; audit: AuditResult }>): Promise<T> {
    return this.deps.auditor.run(this.session, ctx, spec, work);
  }
}

function queryString(params: QueryParams): string {
  return new URLSearchParams(params as [string, string][]).toString();
}

function resultOf(version: ResourceVersion): AuditResult {
  return { what: `${version.type}/${version.id}/_history/${version.versionId}`, patients: patientsOf(version.compartments) };
}

function written(outcome: WriteOutcome): { value: WriteOutcome; audit: AuditResult } {
  return { value: outcome, audit: resultOf(outcome.version) };
}

function touched(version: ResourceVersion): { value: ResourceVersion; audit: AuditResult } {
  return { value: version, audit: resultOf(version) };
}

function typeOf(input: unknown): string | undefined {
  const type = input !== null && typeof input === 'object' ? (input as { resourceType?: unknown }).resourceType : undefined;
  return typeof type === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(type) ? type : undefined;
}
