export type {
  ArenaPairQuery,
  ArenaVoteOutcome,
  JudgedItem,
  ItemProgressCounts,
  JobListQuery,
  JobPatch,
  NewJob,
  ProviderFileRecord,
  ProviderBatchRecord,
  ProviderFileStore,
  Store,
} from './store.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres-store.js';
