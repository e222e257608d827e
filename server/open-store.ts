import path from 'node:path';
import { openEmbeddedStore } from '../resources/storage/embedded/embedded-store';
import { openMongoStore } from '../resources/storage/mongodb/mongo-store';
import type { DocumentStore } from '../resources/storage/port';
import type { Config } from './config';

/** MongoDB when MONGODB_URI is set, otherwise the embedded store in DATA_DIR. */
export function openStore(config: Config): Promise<DocumentStore> {
  if (config.mongodbUri) return openMongoStore({ uri: config.mongodbUri, database: config.mongodbDatabase });
  return openEmbeddedStore({ dir: path.join(config.dataDir, 'store'), durability: config.durability });
}
