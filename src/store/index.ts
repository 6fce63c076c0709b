/** Public surface of the storage layer: import from here, not from the implementation folders. */
export type * from './types.ts';
export {
  EVENT_KINDS,
  FEEDBACK_KINDS,
  KNOWLEDGE_KINDS,
  MODEL_KINDS,
  MODEL_STATUSES,
  OPERATOR_ROLES,
  OWNERSHIPS,
  REVIEW_ACTIONS,
  REVIEW_REASONS,
  REVIEW_STATUSES,
  REVISION_ACTIONS,
  SIGNAL_CHANNELS,
} from './types.ts';
export type * from './store.ts';
export type * from './analytics-types.ts';
export { DEMAND_SIGNALS, OPERATOR_MESSAGE_PREFIX } from './analytics-types.ts';
export { isJsonValue } from './json-value.ts';
export { createMemoryStore } from './memory/create-memory-store.ts';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/open-sqlite-store.ts';
export { MIGRATIONS, migrate, type Migration, type MigrationReport } from './sqlite/migrations.ts';
export { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres/open-postgres-store.ts';
export { POSTGRES_MIGRATIONS, migratePostgres, type PostgresMigration, type PostgresMigrationReport } from './postgres/postgres-migrations.ts';
