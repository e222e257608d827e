import path from 'node:path';
import { FileAuditJournal, type AuditJournal } from '../resources/audit/audit-journal';
import { openEmbeddedStore } from '../resources/storage/embedded/embedded-store';
import { openMongoStore } from '../resources/storage/mongodb/mongo-store';
import type { DocumentStore } from '../resources/storage/port';
import type { Config } from './config';

/** MongoDB when MONGODB_URI is set, otherwise the embedded store in DATA_DIR. */
export function openStore(config: Config): Promise<DocumentStore> {
  if (config.mongodbUri) return openMongoStore({ uri: config.mongodbUri, database: config.mongodbDatabase });
  return openEmbeddedStore({ dir: path.join(config.dataDir, 'store'), durability: config.durability });
}

/**
 * The embedded store's audit journal, beside it in DATA_DIR (see AuditJournal for why it exists). MongoDB has none:
 * its pending AuditEvents go to a collection, and MongoDB group-commits concurrent writes by itself.
 */
export function openAuditJournal(config: Config): AuditJournal | undefined {
  if (config.mongodbUri) return undefined;
  return new FileAuditJournal(path.join(config.dataDir, 'audit-journal'), { durable: config.durability === 'flush' });
}
