import path from 'node:path';
import { FileAuditJournal, type AuditJournal } from '../resources/audit/audit-journal';
import { auditEventSearchValues } from '../resources/audit/audit-search-values';
import { createResourceIndexer } from '../resources/search/indexing';
import type { ResourceIndexer } from '../resources/search/search-engine';
import { openEmbeddedStore, type EmbeddedStoreOptions } from '../resources/storage/embedded/embedded-store';
import { openMongoStore } from '../resources/storage/mongodb/mongo-store';
import type { DocumentStore } from '../resources/storage/port';
import { fhirBaseUrl, type Config } from './config';

/**
 * MongoDB when MONGODB_URI is set, otherwise the embedded store in DATA_DIR, which stores AuditEvents without their
 * search values and derives them when a search needs them (audit-search-values.ts). Every process and thread that
 * opens the store comes through here, so all of them read those documents alike.
 */
export function openStore(config: Config, options: Pick<EmbeddedStoreOptions, 'commitElsewhere'> = {}): Promise<DocumentStore> {
  if (config.mongodbUri) return openMongoStore({ uri: config.mongodbUri, database: config.mongodbDatabase });
  let indexer: ResourceIndexer | undefined;
  const derived = auditEventSearchValues(() => (indexer ??= createResourceIndexer({ fhirBase: fhirBaseUrl(config) })));
  return openEmbeddedStore({ dir: path.join(config.dataDir, 'store'), durability: config.durability, derived, commitElsewhere: options.commitElsewhere });
}

/**
 * The embedded store's audit journal, beside it in DATA_DIR (see AuditJournal for why it exists). MongoDB has none:
 * its pending AuditEvents go to a collection, and MongoDB group-commits concurrent writes by itself.
 */
export function openAuditJournal(config: Config): AuditJournal | undefined {
  if (config.mongodbUri) return undefined;
  return new FileAuditJournal(path.join(config.dataDir, 'audit-journal'), { durable: config.durability === 'flush' });
}
