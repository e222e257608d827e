import type { AuditEvent, Resource } from 'fhir/r4';
import type { AccessContext, Permission } from '../access/access-context';
import {
  badRequest,
  conflict,
  forbidden,
  gone,
  methodNotAllowed,
  multipleMatches,
  notFound,
  preconditionFailed,
  versionNotFound,
} from '../errors/fhir-error';
import { resolveConditionalReferences } from '../bundles/conditional-references';
import { applyPatch, type PatchBody } from '../patch/apply-patch';
import { DuplicateKeyError, type DocumentCollection, type StoreSession } from '../storage/port';
import { AccessGuard } from './access-guard';
import { lockCriteria } from './conditional-lock';
import type { RepositoryDeps } from './repository-deps';
import { HISTORY_COLLECTION, historyId, type HistoryDocument, type ResourceDocument } from './resource-document';
import { ResourceVersion } from './resource-version';
import { nextInstant, stampResource } from './stamp';

export type WriteStatus = 'created' | 'updated' | 'unchanged' | 'existing';

export interface WriteOutcome {
  version: ResourceVersion;
  status: WriteStatus;
}

export interface DeleteOutcome {
  /** The version that records the delete (or the earlier one, when the resource was already deleted). */
  version: ResourceVersion;
  status: 'deleted' | 'already-deleted';
}

export interface CreateOptions {
  /** Criteria of a conditional create (`If-None-Exist`, http.html#ccreate). */
  ifNoneExist?: string;
  /**
   * An id the server assigned in advance (a transaction gives each created entry its id before writing any, so
   * entries can refer to each other in any order); a new one is made when absent. Never a client's choice.
   */
  id?: string;
}

export interface WriteOptions {
  /** The version the client last saw (`If-Match`); a different current version is 412. */
  ifMatch?: number;
}

/**
 * The Repository's reads and writes, bound to one store transaction: everything done through one instance
 * commits or fails together. RepositoryTransaction wraps these with the audit trail; use that, not this.
 */
export class ResourceOperations {
  private readonly guard: AccessGuard;

  constructor(
    private readonly deps: RepositoryDeps,
    readonly session: StoreSession,
  ) {
    this.guard = new AccessGuard(() => deps.engine);
  }

  async create(ctx: AccessContext, input: unknown, options: CreateOptions = {}): Promise<WriteOutcome> {
    let resource = this.validated(input);
    const type = resource.resourceType;
    this.guard.require(ctx, type, 'c');
    if (type === 'AuditEvent' && options.ifNoneExist === undefined && this.deps.audit) {
      // Another system's AuditEvent (audit repository role): stored as given and chained like ours.
      return { version: await this.deps.audit.writeExternal(this.session, resource as AuditEvent, options.id), status: 'created' };
    }
    if (options.ifNoneExist !== undefined) {
      const existing = await this.uniqueMatch(ctx, type, options.ifNoneExist, 'If-None-Exist');
      if (existing) return { version: toVersion(type, existing), status: 'existing' };
    }
    resource = await this.withResolvedReferences(ctx, resource);
    const version = await this.writeVersion(ctx, type, options.id ?? this.deps.newId(), resource, undefined, 'POST', 'c');
    return { version, status: 'created' };
  }

  async read(ctx: AccessContext, type: string, id: string): Promise<ResourceVersion> {
    this.guard.require(ctx, type, 'r');
    const doc = await this.current(type, id);
    if (!doc || !this.guard.permits(ctx, type, 'r', doc)) throw notFound(type, id);
    if (doc.deleted) throw gone(type, id, String(doc.versionId));
    return toVersion(type, doc);
  }

  async vread(ctx: AccessContext, type: string, id: string, versionId: string): Promise<ResourceVersion> {
    this.guard.require(ctx, type, 'r');
    const version = /^\d+$/.test(versionId) ? await this.history().findById(historyId(type, id, Number(versionId))) : undefined;
    if (!version || !this.permitsVersion(ctx, type, version)) {
      const current = await this.current(type, id);
      if (!current || !this.guard.permits(ctx, type, 'r', current)) throw notFound(type, id);
      // AuditEvents have one version and keep no history documents: the current one is that version.
      if (!version && String(current.versionId) === versionId && !current.deleted) return toVersion(type, current);
      throw versionNotFound(type, id, versionId);
    }
    if (version.deleted) throw gone(type, id, versionId);
    return new ResourceVersion(type, id, version.versionId, version.lastUpdated, version.json, version.compartments);
  }

  async update(ctx: AccessContext, type: string, id: string, input: unknown, options: WriteOptions = {}): Promise<WriteOutcome> {
    refuseImmutable(type);
    const resource = this.validated(input, type);
    if (resource.id === undefined) throw badRequest('The resource must carry the id it is updated at', `${type}.id`, 'required');
    if (resource.id !== id) throw badRequest(`Resource id '${resource.id}' does not match the URL id '${id}'`, `${type}.id`);
    return this.updateResource(ctx, type, id, await this.withResolvedReferences(ctx, resource), options, 'PUT');
  }

  async conditionalUpdate(ctx: AccessContext, type: string, query: string, input: unknown, options: WriteOptions = {}): Promise<WriteOutcome> {
    refuseImmutable(type);
    const resource = await this.withResolvedReferences(ctx, this.validated(input, type));
    this.guard.require(ctx, type, 'u');
    const match = await this.uniqueMatch(ctx, type, query, 'conditional update');
    if (match) {
      if (resource.id !== undefined && resource.id !== match._id) {
        throw badRequest(`Resource id '${resource.id}' differs from the id '${match._id}' of the resource the criteria match`, `${type}.id`);
      }
      return this.updateResource(ctx, type, match._id, resource, options, 'PUT');
    }
    if (resource.id === undefined) {
      const version = await this.writeVersion(ctx, type, this.deps.newId(), resource, undefined, 'PUT', 'c');
      return { version, status: 'created' };
    }
    const existing = await this.current(type, resource.id);
    if (existing && !existing.deleted) {
      // FHIR R5 clarifies R4 here: no match, but the id is taken by a resource the criteria do not select.
      throw conflict(`${type}/${resource.id} exists but does not match the criteria '${query}'`);
    }
    return this.updateResource(ctx, type, resource.id, resource, options, 'PUT');
  }

  async patch(ctx: AccessContext, type: string, id: string, patch: PatchBody, options: WriteOptions = {}): Promise<WriteOutcome> {
    refuseImmutable(type);
    this.guard.require(ctx, type, 'u');
    const current = await this.current(type, id);
    if (!current || !this.guard.permits(ctx, type, 'r', current)) throw notFound(type, id);
    if (current.deleted) throw gone(type, id, String(current.versionId));
    if (!this.guard.permits(ctx, type, 'u', current)) throw forbidden(`Not permitted to update ${type}/${id}`);
    this.checkIfMatch(type, id, current, options);
    const patched = applyPatch(toVersion(type, current).resource, patch);
    const resource = await this.withResolvedReferences(ctx, this.validated(patched, type));
    if (resource.id !== id) throw badRequest('A patch may not change the resource id', `${type}.id`);
    return this.writeChange(ctx, type, id, resource, current, 'PATCH');
  }

  async conditionalPatch(ctx: AccessContext, type: string, query: string, patch: PatchBody, options: WriteOptions = {}): Promise<WriteOutcome> {
    refuseImmutable(type);
    this.guard.require(ctx, type, 'u');
    const match = await this.uniqueMatch(ctx, type, query, 'conditional patch');
    if (!match) throw notFound(type, `?${query}`);
    return this.patch(ctx, type, match._id, patch, options);
  }

  async delete(ctx: AccessContext, type: string, id: string, options: WriteOptions = {}): Promise<DeleteOutcome> {
    refuseImmutable(type);
    this.guard.require(ctx, type, 'd');
    const current = await this.current(type, id);
    if (!current || !this.guard.permits(ctx, type, 'd', current)) throw notFound(type, id);
    this.checkIfMatch(type, id, current, options);
    if (current.deleted) return { version: toVersion(type, current), status: 'already-deleted' };
    const versionId = current.versionId + 1;
    const lastUpdated = nextInstant(this.deps.clock(), current.lastUpdated);
    const tombstone: ResourceDocument = {
      _id: id,
      versionId,
      lastUpdated,
      deleted: true,
      json: null,
      compartments: current.compartments,
      sp: {},
    };
    await this.replaceCurrent(type, current, tombstone);
    await this.appendHistory(type, tombstone, 'DELETE');
    return { version: toVersion(type, tombstone), status: 'deleted' };
  }

  /** Deletes the one current resource the criteria match (R4 http.html#3.1.0.7.1); several matches are 412. */
  async conditionalDelete(ctx: AccessContext, type: string, query: string): Promise<DeleteOutcome | undefined> {
    refuseImmutable(type);
    this.guard.require(ctx, type, 'd');
    const match = await this.uniqueMatch(ctx, type, query, 'conditional delete');
    return match ? this.delete(ctx, type, match._id) : undefined;
  }

  private async updateResource(
    ctx: AccessContext,
    type: string,
    id: string,
    resource: Resource,
    options: WriteOptions,
    method: 'PUT',
  ): Promise<WriteOutcome> {
    const current = await this.current(type, id);
    const exists = current !== undefined && !current.deleted;
    this.guard.require(ctx, type, exists ? 'u' : 'c');
    if (exists && !this.guard.permits(ctx, type, 'u', current)) throw forbidden(`Not permitted to update ${type}/${id}`);
    if (options.ifMatch !== undefined) {
      if (!exists) throw preconditionFailed(`${type}/${id} does not exist, so version ${options.ifMatch} cannot match`);
      this.checkIfMatch(type, id, current, options);
    }
    if (!exists) {
      const version = await this.writeVersion(ctx, type, id, resource, current, method, 'c');
      return { version, status: 'created' };
    }
    return this.writeChange(ctx, type, id, resource, current, method);
  }

  /** A new version of an existing resource, unless the content is the same (then nothing is written, as HAPI does). */
  private async writeChange(
    ctx: AccessContext,
    type: string,
    id: string,
    resource: Resource,
    current: ResourceDocument,
    method: 'PUT' | 'PATCH',
  ): Promise<WriteOutcome> {
    const same = stampResource(resource, id, current.versionId, current.lastUpdated);
    if (JSON.stringify(same) === current.json) return { version: toVersion(type, current), status: 'unchanged' };
    const version = await this.writeVersion(ctx, type, id, resource, current, method, 'u');
    return { version, status: 'updated' };
  }

  private async writeVersion(
    ctx: AccessContext,
    type: string,
    id: string,
    resource: Resource,
    current: ResourceDocument | undefined,
    method: HistoryDocument['method'],
    permission: Permission,
  ): Promise<ResourceVersion> {
    const versionId = (current?.versionId ?? 0) + 1;
    const lastUpdated = nextInstant(this.deps.clock(), current?.lastUpdated);
    const stamped = stampResource(resource, id, versionId, lastUpdated);
    const { sp, compartments } = this.deps.indexer.index(stamped);
    const doc: ResourceDocument = { _id: id, versionId, lastUpdated, deleted: false, json: JSON.stringify(stamped), compartments, sp };
    if (!this.guard.permits(ctx, type, permission, doc)) {
      throw forbidden(`The ${type} written is outside what this client may write (its patient compartment or scope query)`);
    }
    if (current) await this.replaceCurrent(type, current, doc);
    else await this.insertCurrent(type, doc);
    await this.appendHistory(type, doc, method);
    return toVersion(type, doc);
  }

  private async insertCurrent(type: string, doc: ResourceDocument): Promise<void> {
    try {
      await this.collection(type).insertOne(doc);
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw conflict(`${type}/${doc._id} was created concurrently`);
      throw e;
    }
  }

  private async replaceCurrent(type: string, current: ResourceDocument, doc: ResourceDocument): Promise<void> {
    const replaced = await this.collection(type).replaceOne({ _id: current._id, versionId: current.versionId }, doc);
    if (!replaced) throw conflict(`${type}/${current._id} was changed concurrently; read it again and retry`);
  }

  private async appendHistory(type: string, doc: ResourceDocument, method: HistoryDocument['method']): Promise<void> {
    await this.history().insertOne({
      _id: historyId(type, doc._id, doc.versionId),
      type,
      id: doc._id,
      versionId: doc.versionId,
      lastUpdated: doc.lastUpdated,
      deleted: doc.deleted,
      json: doc.json,
      method,
      compartments: doc.compartments,
    });
  }

  /** The one current resource the criteria select, undefined for none; several are 412 (R4 http.html#cond-update). */
  private async uniqueMatch(ctx: AccessContext, type: string, query: string, what: string): Promise<ResourceDocument | undefined> {
    if (query.trim() === '') throw badRequest(`${what} needs search criteria`);
    await lockCriteria(this.session, type, query, new Date(this.deps.clock()).toISOString());
    const matches = await this.deps.engine.findMatches(ctx, type, query, 2, 's', this.session);
    if (matches.length > 1) throw multipleMatches(`${what}: the criteria '${query}' match more than one ${type}`);
    return matches[0];
  }

  private checkIfMatch(type: string, id: string, current: ResourceDocument, options: WriteOptions): void {
    if (options.ifMatch !== undefined && options.ifMatch !== current.versionId) {
      throw preconditionFailed(`${type}/${id} is at version ${current.versionId}, not ${options.ifMatch} (If-Match)`);
    }
  }

  private permitsVersion(ctx: AccessContext, type: string, version: HistoryDocument): boolean {
    const grants = this.guard.require(ctx, type, 'r');
    if (grants.some((g) => g.compartment === undefined && g.query === undefined)) return true;
    const sp = version.json ? this.deps.indexer.index(JSON.parse(version.json) as Resource).sp : {};
    return this.guard.permits(ctx, type, 'r', { _id: version.id, compartments: version.compartments, sp });
  }

  /**
   * Conditional references (`Patient?identifier=...`) resolved to `Type/id` in this write's own transaction, with
   * the caller's search access: the validator lets them through so that every write — single, batch entry or
   * transaction entry — stores a reference to the one resource they select, or fails (conditional-references.ts).
   */
  private withResolvedReferences(ctx: AccessContext, resource: Resource): Promise<Resource> {
    return resolveConditionalReferences(resource, async (type, query) => {
      const matches = await this.deps.engine.findMatches(ctx, type, query, 2, 's', this.session);
      return matches.map((m) => m._id);
    });
  }

  private validated(input: unknown, expectedType?: string): Resource {
    this.deps.validator.validate(input, expectedType);
    return input as Resource;
  }

  private current(type: string, id: string): Promise<ResourceDocument | undefined> {
    return this.collection(type).findById(id);
  }

  private collection(type: string): DocumentCollection<ResourceDocument> {
    return this.session.collection<ResourceDocument>(type);
  }

  private history(): DocumentCollection<HistoryDocument> {
    return this.session.collection<HistoryDocument>(HISTORY_COLLECTION);
  }
}

/** AuditEvents are evidence: once recorded they are never changed or removed through the API. */
function refuseImmutable(type: string): void {
  if (type === 'AuditEvent') throw methodNotAllowed('AuditEvents cannot be changed or deleted');
}

export function toVersion(type: string, doc: ResourceDocument): ResourceVersion {
  return new ResourceVersion(type, doc._id, doc.versionId, doc.lastUpdated, doc.json, doc.compartments);
}
