import type { Bundle } from 'fhir/r4';
import type { AccessContext } from '../access/access-context';
import { badRequest } from '../errors/fhir-error';
import type { DeleteOutcome, RepositoryTransaction, WriteOutcome } from '../repository/repository-transaction';
import type { ResourceVersion } from '../repository/resource-version';
import type { SearchRequest } from '../search/search-engine';
import { everythingRequest } from '../operations/everything-request';
import { historyBundle, historyQuery } from '../repository/history-bundle';
import type { BundleEntryRequest } from './bundle-entry';
import type { BundleOptions } from './bundle-options';
import type { EntryTarget } from './transaction-targets';

/**
 * What entries are carried out against: one RepositoryTransaction for a whole transaction, the Repository itself
 * (each entry its own transaction) for a batch. Either way every entry is authorized and audited as the same
 * interaction sent on its own would be.
 */
export type EntryRepository = Pick<
  RepositoryTransaction,
  'create' | 'read' | 'vread' | 'update' | 'conditionalUpdate' | 'patch' | 'conditionalPatch' | 'delete' | 'conditionalDelete' | 'search' | 'history' | 'everything'
>;

/** What reading entries need of the Bundle's options. */
export type EntryReading = Pick<BundleOptions, 'fhirBase' | 'handling' | 'pageSizes'>;

export type EntryResult =
  | { kind: 'write'; outcome: WriteOutcome }
  | { kind: 'delete'; outcome: DeleteOutcome | undefined }
  | { kind: 'read'; version: ResourceVersion; notModified: boolean }
  /** The Bundle a search, history or $everything entry answers with, and the compartments of what it shows. */
  | { kind: 'bundle'; bundle: Bundle; compartments: string[] };

/**
 * Carries out one entry. With a `target` (transaction entries, whose targets were worked out beforehand) a write
 * must land on that resource: if it does not, an earlier entry of the same transaction has since created what its
 * criteria select, and two entries would write one resource.
 */
export async function executeEntry(
  repository: EntryRepository,
  ctx: AccessContext,
  entry: BundleEntryRequest,
  reading: EntryReading,
  target?: EntryTarget,
): Promise<EntryResult> {
  const { url } = entry;
  const ifMatch = entry.ifMatch === undefined ? {} : { ifMatch: entry.ifMatch };
  switch (entry.method) {
    case 'POST': {
      const options = { ifNoneExist: target?.query ?? entry.ifNoneExist, ...(target ? { id: target.id } : {}) };
      return written(await repository.create(ctx, entry.resource, options), entry, target);
    }
    case 'PUT':
      if (url.kind === 'instance') return written(await repository.update(ctx, url.type, url.id, entry.resource, ifMatch), entry, target);
      if (url.kind === 'criteria') {
        const resource = target ? { ...(entry.resource as object), id: target.id } : entry.resource;
        return written(await repository.conditionalUpdate(ctx, url.type, target?.query ?? url.query, resource, ifMatch), entry, target);
      }
      break;
    case 'PATCH':
      if (url.kind === 'instance') return written(await repository.patch(ctx, url.type, url.id, entry.patch!, ifMatch), entry, target);
      if (url.kind === 'criteria') return written(await repository.conditionalPatch(ctx, url.type, target?.query ?? url.query, entry.patch!, ifMatch), entry, target);
      break;
    case 'DELETE':
      if (url.kind === 'instance') return { kind: 'delete', outcome: await repository.delete(ctx, url.type, url.id, ifMatch) };
      if (url.kind === 'criteria') return { kind: 'delete', outcome: await repository.conditionalDelete(ctx, url.type, url.query) };
      break;
    case 'GET':
    case 'HEAD':
      return read(repository, ctx, entry, reading);
  }
  throw badRequest(`Bundle.entry[${entry.index}]: ${entry.method} ${entry.rawUrl} is not supported`, `Bundle.entry[${entry.index}].request.url`);
}

async function read(repository: EntryRepository, ctx: AccessContext, entry: BundleEntryRequest, reading: EntryReading): Promise<EntryResult> {
  const { url } = entry;
  if (url.kind === 'operation') {
    // Of the operations a GET can invoke, $everything is the one a Bundle's reader would batch (one per patient).
    if (url.type !== 'Patient' || url.operation !== '$everything') {
      throw badRequest(`${url.type}/[id]/${url.operation} cannot be invoked from a Bundle entry; of the operations, only Patient/[id]/$everything can`, `Bundle.entry[${entry.index}].request.url`);
    }
    const params = [...new URLSearchParams(url.query)];
    const bundle = await repository.everything(ctx, everythingRequest(url.id, params, reading.fhirBase, reading.pageSizes), params);
    return { kind: 'bundle', bundle, compartments: [`Patient/${url.id}`] };
  }
  if (url.kind === 'history') {
    const params = [...new URLSearchParams(url.query)];
    const page = await repository.history(ctx, historyQuery(url.scope, params, reading.pageSizes), params);
    return { kind: 'bundle', bundle: historyBundle(reading.fhirBase, url.scope, params, page), compartments: page.versions.flatMap((v) => v.compartments) };
  }
  if (url.kind === 'instance' && url.query === '') {
    const version = await repository.read(ctx, url.type, url.id);
    return { kind: 'read', version, notModified: notModified(entry, version) };
  }
  if (url.kind === 'version') return { kind: 'read', version: await repository.vread(ctx, url.type, url.id, url.versionId), notModified: false };
  const request: SearchRequest = { params: [...new URLSearchParams(url.query)], handling: reading.handling };
  if (url.kind === 'instance') {
    // `Patient/123?_elements=...` is not a read in R4; as a search it is `_id=123`.
    request.resourceType = url.type;
    request.params = [['_id', url.id], ...request.params];
  } else if (url.kind === 'compartment') {
    request.resourceType = url.type;
    request.compartment = { type: url.compartment, id: url.id };
  } else if (url.kind === 'type' || url.kind === 'criteria') {
    request.resourceType = url.type;
  }
  const result = await repository.search(ctx, request);
  return { kind: 'bundle', bundle: result.bundle, compartments: result.entries.flatMap((e) => e.compartments) };
}

/** A conditional read in an entry (request.ifNoneMatch / ifModifiedSince, http.html#cread). */
function notModified(entry: BundleEntryRequest, version: ResourceVersion): boolean {
  if (entry.ifNoneMatch !== undefined) {
    return entry.ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === `"${version.versionId}"`);
  }
  if (entry.ifModifiedSince !== undefined) {
    const since = Date.parse(entry.ifModifiedSince);
    // lastUpdated has milliseconds; HTTP dates have seconds: compare at the coarser precision.
    return !Number.isNaN(since) && Math.floor(Date.parse(version.lastUpdated) / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

function written(outcome: WriteOutcome, entry: BundleEntryRequest, target: EntryTarget | undefined): EntryResult {
  if (target && (outcome.version.type !== target.type || outcome.version.id !== target.id)) {
    throw badRequest(
      `Bundle.entry[${entry.index}] selected ${target.type}/${target.id} before the transaction wrote anything, but ${outcome.version.reference} once earlier entries were written: two entries would write the same resource`,
      `Bundle.entry[${entry.index}]`,
    );
  }
  return { kind: 'write', outcome };
}
