import type { DocumentStore } from '../storage/port';
import type { ResourceIndexer, SearchEngine } from '../search/search-engine';
import type { ResourceValidator } from '../validation/resource-validator';

/** What the Repository is made of; createRepository wires the defaults. */
export interface RepositoryDeps {
  store: DocumentStore;
  validator: ResourceValidator;
  indexer: ResourceIndexer;
  engine: SearchEngine;
  /** Milliseconds since the epoch; injectable for tests. */
  clock: () => number;
  /** New server-assigned resource ids (R4 id: [A-Za-z0-9\-\.]{1,64}). */
  newId: () => string;
}
