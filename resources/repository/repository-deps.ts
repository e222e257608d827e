import type { DocumentStore } from '../storage/port';
import type { ResourceIndexer, SearchEngine } from '../search/search-engine';
import type { ResourceValidator } from '../../profiles/validation/resource-validator';
import type { Auditor } from '../audit/auditor';
import type { AuditTrail } from '../audit/audit-trail';

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
  /** Records every interaction (a no-op when auditing is off, which only the benchmark does). */
  auditor: Auditor;
  /** Stores AuditEvents sent by other systems; absent when auditing is off. */
  audit?: AuditTrail;
  /** Links pending AuditEvents into the hash chain (run before verifying it). */
  auditChain?: { drain(): Promise<void> };
}
