import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle, FhirResource } from 'fhir/r4';
import { systemContext, type AccessContext, type AccessPolicy } from '../../../access/access-context';
import { Auditor } from '../../../audit/auditor';
import { Repository } from '../../../repository/repository';
import { openEmbeddedStore } from '../../../storage/embedded/embedded-store';
import type { DocumentStore } from '../../../storage/port';
import { createResourceValidator } from '../../../../profiles/validation';
import { createResourceIndexer } from '../../indexing';
import type { SearchEngine } from '../../search-engine';
import { createSearchEngine, type SearchEngineOptions } from '../create-search-engine';

/**
 * An engine over a fresh embedded store, with resources written through the real Repository path
 * (validation, indexing, store), for the engine's own tests. Not part of the server.
 */
export interface SearchFixture {
  store: DocumentStore;
  repository: Repository;
  engine: SearchEngine;
  fhirBase: string;
  /** Creates each resource (keeping its id, by update) and returns them as stored. */
  load(resources: readonly FhirResource[]): Promise<void>;
  /** A type-level search with a query string, as a system context (lenient unless told). */
  search(type: string | undefined, query: string, options?: { ctx?: AccessContext; handling?: 'strict' | 'lenient' }): Promise<Bundle>;
  /** `Type/id` of the matches, in order. */
  matches(type: string | undefined, query: string, options?: { ctx?: AccessContext; handling?: 'strict' | 'lenient' }): Promise<string[]>;
  /** The ids of the matches, in `_id` order: which resources a criterion selects, whatever the default order. */
  matchingIds(type: string, query: string): Promise<string[]>;
  close(): Promise<void>;
}

export const FIXTURE_BASE = 'http://fhir.test/fhir';

export async function openSearchFixture(options: Partial<Omit<SearchEngineOptions, 'store' | 'fhirBase'>> = {}): Promise<SearchFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-query-'));
  const store = await openEmbeddedStore({ dir, durability: 'commit' });
  const engine = createSearchEngine({ store, fhirBase: FIXTURE_BASE, defaultPageSize: 20, maxPageSize: 100, ...options });
  const indexer = createResourceIndexer({ fhirBase: FIXTURE_BASE });
  const clock = options.clock ?? Date.now;
  // Auditing off: these tests are about search, and an audit trail would add AuditEvents to every search.
  const auditor = new Auditor(undefined, store, clock);
  const repository = new Repository({ store, validator: createResourceValidator(), indexer, engine, clock, newId: randomUUID, auditor });
  await repository.prepareStore();
  const system = systemContext('test', 'test');
  const search = async (type: string | undefined, query: string, opts: { ctx?: AccessContext; handling?: 'strict' | 'lenient' } = {}) => {
    const params = [...new URLSearchParams(query)];
    const result = await engine.search(opts.ctx ?? system, { resourceType: type, params, handling: opts.handling ?? 'lenient' });
    return result.bundle;
  };
  const matches: SearchFixture['matches'] = async (type, query, opts) =>
    ((await search(type, query, opts)).entry ?? [])
      .filter((e) => e.search?.mode === 'match')
      .map((e) => `${(e.resource as FhirResource).resourceType}/${e.resource!.id}`);
  return {
    store,
    repository,
    engine,
    fhirBase: FIXTURE_BASE,
    load: async (resources) => {
      for (const r of resources) await repository.update(system, r.resourceType, r.id!, r);
    },
    search,
    matches,
    matchingIds: async (type, query) => (await matches(type, `${query}&_sort=_id`)).map((r) => r.slice(r.indexOf('/') + 1)),
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A context whose policy is the given grants function: for access tests. */
export function contextWith(policy: AccessPolicy): AccessContext {
  return { actor: { kind: 'user' }, policy, request: { requestId: 'test' } };
}
