import { unrestricted, type AccessContext, type RequestInfo } from '../access/access-context';
import { patientsOf } from '../audit/auditor';
import { verifyChain } from '../audit/audit-verify';
import { forbidden } from '../errors/fhir-error';
import { ACCESS_REPORT_LIMIT, accessReportParameters, auditEventsOf } from '../operations/access-report';
import type { EverythingRequest } from '../operations/everything';
import type { QueryParams } from '../operations/request-parameters';
import { verificationParameters } from '../operations/verify-audit-chain';
import type { Bundle, Parameters } from 'fhir/r4';
import type { PatchBody } from '../patch/apply-patch';
import type { SearchRequest, SearchResult } from '../search/search-engine';
import { resourceTypes } from '../definitions/resource-types';
import type { IndexSpec } from '../storage/port';
import type { HistoryPage, HistoryQuery } from './history';
import type { RepositoryDeps } from './repository-deps';
import { HISTORY_COLLECTION } from './resource-document';
import type { ResourceVersion } from './resource-version';
import { RepositoryTransaction, type DeleteOutcome, type WriteOptions, type WriteOutcome } from './repository-transaction';

const HISTORY_INDEXES: IndexSpec[] = [
  { name: 'type_id_updated', keys: [['type', 1], ['id', 1], ['lastUpdated', -1]] },
  { name: 'type_updated', keys: [['type', 1], ['lastUpdated', -1], ['_id', -1]] },
  { name: 'updated', keys: [['lastUpdated', -1], ['_id', -1]] },
];

/**
 * The only door to data (DESIGN.md): every read and write of every route, bundle entry and operation comes
 * through here with an AccessContext, and is authorized against it. Each single interaction is its own store
 * transaction; `transaction()` lets a Bundle run many in one.
 */
export class Repository {
  constructor(private readonly deps: RepositoryDeps) {}

  /** Creates the store indexes of every resource type and of the history (idempotent; run at start-up). */
  async prepareStore(): Promise<void> {
    // Issued together so the embedded store commits them in one batch (146 sequential commits take a second).
    await Promise.all([
      this.deps.store.ensureIndexes(HISTORY_COLLECTION, HISTORY_INDEXES),
      ...[...resourceTypes()].map((type) => this.deps.store.ensureIndexes(type, this.deps.indexer.indexSpecs(type))),
    ]);
  }

  transaction<R>(work: (tx: RepositoryTransaction) => Promise<R>): Promise<R> {
    return this.deps.store.withTransaction((session) => work(new RepositoryTransaction(this.deps, session)));
  }

  /**
   * Runs a whole Bundle as one audited interaction (`batch` or `transaction`): its own AuditEvent, beside those
   * of its entries. For a transaction, `work` gets one RepositoryTransaction and everything — entries and all
   * their AuditEvents — commits together or not at all; for a batch it gets none and each entry goes through
   * the Repository on its own. `patients` are the patients whose data the bundle touched.
   */
  async bundle<T>(
    ctx: AccessContext,
    kind: 'batch' | 'transaction',
    work: (tx: RepositoryTransaction | undefined) => Promise<{ value: T; patients: readonly string[] }>,
  ): Promise<T> {
    const spec = { interaction: kind, action: 'E' as const, query: requestLine(ctx.request) };
    if (kind === 'batch') {
      return this.deps.auditor.run(this.deps.store, ctx, spec, async () => {
        const done = await work(undefined);
        return { value: done.value, audit: { patients: done.patients } };
      });
    }
    try {
      return await this.deps.store.withTransaction(async (session) => {
        const done = await work(new RepositoryTransaction(this.deps, session));
        await this.deps.auditor.success(session, ctx, spec, { patients: done.patients });
        return done.value;
      });
    } catch (e) {
      await this.deps.auditor.failure(ctx, spec, e);
      throw e;
    }
  }

  create(ctx: AccessContext, resource: unknown, options?: { ifNoneExist?: string }): Promise<WriteOutcome> {
    return this.transaction((tx) => tx.create(ctx, resource, options));
  }

  async read(ctx: AccessContext, type: string, id: string): Promise<ResourceVersion> {
    if (type === 'AuditEvent') await this.deps.auditChain?.drain();
    return this.committed().read(ctx, type, id);
  }

  async vread(ctx: AccessContext, type: string, id: string, versionId: string): Promise<ResourceVersion> {
    if (type === 'AuditEvent') await this.deps.auditChain?.drain();
    return this.committed().vread(ctx, type, id, versionId);
  }

  update(ctx: AccessContext, type: string, id: string, resource: unknown, options?: WriteOptions): Promise<WriteOutcome> {
    return this.transaction((tx) => tx.update(ctx, type, id, resource, options));
  }

  conditionalUpdate(ctx: AccessContext, type: string, query: string, resource: unknown, options?: WriteOptions): Promise<WriteOutcome> {
    return this.transaction((tx) => tx.conditionalUpdate(ctx, type, query, resource, options));
  }

  patch(ctx: AccessContext, type: string, id: string, patch: PatchBody, options?: WriteOptions): Promise<WriteOutcome> {
    return this.transaction((tx) => tx.patch(ctx, type, id, patch, options));
  }

  conditionalPatch(ctx: AccessContext, type: string, query: string, patch: PatchBody, options?: WriteOptions): Promise<WriteOutcome> {
    return this.transaction((tx) => tx.conditionalPatch(ctx, type, query, patch, options));
  }

  delete(ctx: AccessContext, type: string, id: string, options?: WriteOptions): Promise<DeleteOutcome> {
    return this.transaction((tx) => tx.delete(ctx, type, id, options));
  }

  conditionalDelete(ctx: AccessContext, type: string, query: string): Promise<DeleteOutcome | undefined> {
    return this.transaction((tx) => tx.conditionalDelete(ctx, type, query));
  }

  /** History; `params` are those of a Bundle entry's url, recorded in place of the HTTP request's own. */
  history(ctx: AccessContext, query: HistoryQuery, params?: QueryParams): Promise<HistoryPage> {
    return this.committed().history(ctx, query, params, requestLine(ctx.request, params));
  }

  /**
   * Search, audited as BALP's (Patient)Query: one AuditEvent for each patient whose data the page returns, or one
   * without a patient when it returns nobody's.
   */
  search(ctx: AccessContext, request: SearchRequest): Promise<SearchResult> {
    const interaction = request.resourceType ? 'search-type' : 'search-system';
    const spec = { interaction, action: 'E' as const, query: requestLine(ctx.request, request.params) };
    return this.deps.auditor.run(this.deps.store, ctx, spec, async () => {
      if (mayReturnAuditEvents(request)) await this.deps.auditChain?.drain();
      const result = await this.deps.engine.search(ctx, request);
      const patients = result.entries.flatMap((e) => patientsOf(e.compartments));
      if (request.compartment?.type === 'Patient') patients.push(`Patient/${request.compartment.id}`);
      return { value: result, audit: { patients } };
    });
  }

  /** AuditEvent/$verify: recomputes the audit hash chain; for holders of unrestricted AuditEvent read access. */
  verifyAuditChain(ctx: AccessContext, range: { from?: number; to?: number }): Promise<Parameters> {
    const spec = { interaction: 'operation', action: 'E' as const, operation: '$verify', query: requestLine(ctx.request) };
    return this.deps.auditor.run(this.deps.store, ctx, spec, async () => {
      if (!ctx.policy.grants('AuditEvent', 'r').some((g) => g.compartment === undefined && g.query === undefined)) {
        throw forbidden('Verifying the audit trail needs unrestricted read access to AuditEvent (an auditor)');
      }
      await this.deps.auditChain?.drain();
      return { value: verificationParameters(await verifyChain(this.deps.store, range, this.deps.audit?.journal)), audit: { patients: [] } };
    });
  }

  /**
   * Patient/[id]/$access-report (HIPAA §164.528 accounting of disclosures). Auditors see it through their
   * AuditEvent grants; the patient sees their own with a token whose patient context is this patient.
   */
  accessReport(ctx: AccessContext, patientId: string, range: { start?: string; end?: string }): Promise<Parameters> {
    const patient = `Patient/${patientId}`;
    const spec = { interaction: 'operation', action: 'E' as const, operation: '$access-report', what: patient, query: requestLine(ctx.request) };
    return this.deps.auditor.run(this.deps.store, ctx, spec, async () => {
      const ownRecord = ctx.policy.grants('Patient', 'r').some((g) => g.compartment === patient);
      if (!ownRecord && ctx.policy.grants('AuditEvent', 's').length === 0) {
        throw forbidden('The access report is for auditors and for the patient themselves');
      }
      // The patient's own report is theirs by right (HIPAA), whatever AuditEvent scopes their app holds.
      const searchCtx = ownRecord ? { ...ctx, policy: unrestricted } : ctx;
      const params: [string, string][] = [['patient', patient], ['_sort', '-date'], ['_count', String(ACCESS_REPORT_LIMIT)]];
      if (range.start) params.push(['date', `ge${range.start}`]);
      if (range.end) params.push(['date', `le${range.end}`]);
      await this.deps.auditChain?.drain();
      const result = await this.deps.engine.search(searchCtx, { resourceType: 'AuditEvent', params, handling: 'strict' });
      const truncated = (result.bundle.link ?? []).some((l) => l.relation === 'next');
      return { value: accessReportParameters(patient, auditEventsOf(result.bundle), truncated), audit: { patients: [patient] } };
    });
  }

  /** Patient/[id]/$everything on what is committed (RepositoryTransaction.everything); `params` as for history. */
  everything(ctx: AccessContext, request: EverythingRequest, params?: QueryParams): Promise<Bundle> {
    return this.committed().everything(ctx, request, params, requestLine(ctx.request, params));
  }

  /** Records a request refused before it reached the Repository (no or bad credentials). */
  recordDenial(ctx: AccessContext, error: unknown): Promise<void> {
    return this.deps.auditor.failure(ctx, { interaction: 'read', action: 'E', query: requestLine(ctx.request) }, error);
  }

  /** Reads outside any transaction see the latest committed state. */
  private committed(): RepositoryTransaction {
    return new RepositoryTransaction(this.deps, this.deps.store);
  }
}

/** The request as BALP records it: method and URL, with the search parameters (a POST form's included). */
function requestLine(request: RequestInfo, params?: ReadonlyArray<readonly [string, string]>): string {
  const path = (request.url ?? '').split('?')[0];
  const query = params ? new URLSearchParams(params as [string, string][]).toString() : (request.url ?? '').split('?')[1] ?? '';
  return `${request.method ?? 'GET'} ${path}${query ? `?${query}` : ''}`;
}

/**
 * AuditEvents are indexed for search by the chainer, moments after they are written; a search that can return
 * them first lets it catch up, so it sees every event recorded before it.
 */
function mayReturnAuditEvents(request: SearchRequest): boolean {
  if (request.resourceType === 'AuditEvent' || request.compartment) return true;
  if (request.resourceType) return false;
  const types = request.params.filter(([k]) => k === '_type').flatMap(([, v]) => v.split(','));
  return types.length === 0 || types.includes('AuditEvent');
}
