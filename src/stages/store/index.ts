export {
  openDatabase,
  withDatabase,
  openReadonlyDatabase,
  withReadonlyDatabase,
  migrateDatabase,
  schemaVersionOf,
  BUSY_TIMEOUT_MS,
  type Db,
  type OpenDatabaseOptions,
} from './database.js';
export {
  storeDocument,
  findDocumentBySha,
  storedDocumentCounts,
  sameDocumentIdsOf,
  type StoreResult,
  type StoreStatus,
  type StoreOptions,
} from './storeDocument.js';
export { MIGRATIONS } from './migrations.js';
