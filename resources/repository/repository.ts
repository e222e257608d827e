import type { AccessContext } from '../access/access-context';
import type { PatchBody } from '../patch/apply-patch';
import type { SearchRequest, SearchResult } from '../search/search-engine';
import { resourceTypes } from '../definitions/resource-types';
import type { IndexSpec } from '../storage/port';
import { readHistory, type HistoryPage, type HistoryQuery } from './history';
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
    await this.deps.store.ensureIndexes(HISTORY_COLLECTION, HISTORY_INDEXES);
    for (const type of resourceTypes()) await this.deps.store.ensureIndexes(type, this.deps.indexer.indexSpecs(type));
  }

  transaction<R>(work: (tx: RepositoryTransaction) => Promise<R>): Promise<R> {
    return this.deps.store.withTransaction((session) => work(new RepositoryTransaction(this.deps, session)));
  }

  create(ctx: AccessContext, resource: unknown, options?: { ifNoneExist?: string }): Promise<WriteOutcome> {
    return this.transaction((tx) => tx.create(ctx, resource, options));
  }

  read(ctx: AccessContext, type: string, id: string): Promise<ResourceVersion> {
    return this.committed().read(ctx, type, id);
  }

  vread(ctx: AccessContext, type: string, id: string, versionId: string): Promise<ResourceVersion> {
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

  history(ctx: AccessContext, query: HistoryQuery): Promise<HistoryPage> {
    return readHistory(this.deps, this.deps.store, ctx, query);
  }

  search(ctx: AccessContext, request: SearchRequest): Promise<SearchResult> {
    return this.deps.engine.search(ctx, request);
  }

  /** Reads outside any transaction see the latest committed state. */
  private committed(): RepositoryTransaction {
    return new RepositoryTransaction(this.deps, this.deps.store);
  }
}
