/**
 * The SQLite Store (better-sqlite3). One connection per process; every write is a single IMMEDIATE transaction, so
 * a call that resolves is committed and a call that rejects wrote nothing.
 *
 * Durability: WAL + synchronous=FULL by default. With FULL, SQLite fsyncs the WAL on every commit, so an
 * acknowledged turn survives a killed process *and* an OS crash / power loss. NORMAL + WAL only fsyncs at checkpoints:
 * still safe against a killed process (the commit is in the OS page cache; test/store/durability.test.ts passes
 * with both) and never corrupts the file, but the last commits before a power loss can be lost, which breaks
 * "an acknowledged feedback is never lost". Measured on the dev VM's ext4 disk
 * (test/store/fixtures/synchronous-bench.ts, one turn per transaction): FULL ~6.2 ms/turn (~160 turns/s),
 * NORMAL ~0.4-0.8 ms/turn (~1200-2600 turns/s). A customer-service bot writes a handful of turns per second, so
 * FULL's fsync costs nothing that matters while NORMAL would trade the guarantee for throughput we do not need;
 * callers that bulk-import can opt into NORMAL.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ShopmateError, isShopmateError } from '../../core/errors.ts';
import type { Store, StoreOptions } from '../store.ts';
import { KeyedQueue } from '../keyed-queue.ts';
import { closedStore, guardMethods } from '../store-rules.ts';
import { demandRulesSchema, idSchema, parseInput } from '../store-schemas.ts';
import { migrate, type MigrationReport } from './migrations.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { sqliteConversationStore } from './sqlite-conversation-store.ts';
import { sqliteEventStore } from './sqlite-event-store.ts';
import { sqliteFeedbackStore } from './sqlite-feedback-store.ts';
import { sqliteModelRegistryStore } from './sqlite-model-registry-store.ts';
import { sqliteOperatorStore } from './sqlite-operator-store.ts';
import { sqlitePrivacyStore } from './sqlite-privacy-store.ts';
import { sqliteAnalyticsStore } from './sqlite-analytics-store.ts';
import { writeSqliteDemandRules } from './sqlite-analytics-rollups.ts';
import { sqliteReviewStore } from './sqlite-review-store.ts';
import { sqliteRevisionStore } from './sqlite-revision-store.ts';
import { sqliteOrderChangeStore } from './sqlite-order-change-store.ts';
import { sqliteNoteStore } from './sqlite-note-store.ts';
import { sqliteAdminSessionStore } from './sqlite-admin-session-store.ts';
import { sqliteLeaseStore } from './sqlite-lease-store.ts';
import { sqliteRateLimitStore } from './sqlite-rate-limit-store.ts';
import { sqliteOutboxStore } from './sqlite-outbox-store.ts';
import { sqliteTurnStore } from './sqlite-turn-store.ts';

export interface SqliteStoreOptions extends StoreOptions {
  /** Database file; ':memory:' for a throwaway database (no WAL, no durability). */
  path: string;
  /** See the module comment before choosing NORMAL. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly migration: MigrationReport;
  /** The raw connection, for health checks and tests (integrity_check); not for feature code. */
  readonly db: Database.Database;
}

/**
 * Safety net for errors the explicit checks did not anticipate (e.g. a race with another process): constraint
 * violations become the same codes the checks would have produced, anything else INTERNAL with the cause attached.
 */
export function mapSqliteError(e: unknown): unknown {
  if (isShopmateError(e) || !(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ShopmateError('CONFLICT', `duplicate record: ${e.message}`, { cause: e, details: { sqlite: code } });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ShopmateError('NOT_FOUND', `referenced record not found: ${e.message}`, { cause: e, details: { sqlite: code } });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new ShopmateError('BAD_REQUEST', `invalid record: ${e.message}`, { cause: e, details: { sqlite: code } });
  }
  return new ShopmateError('INTERNAL', `database error: ${e.message}`, { cause: e, details: { sqlite: code } });
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(options.path);
  } catch (cause) {
    throw new ShopmateError('INTERNAL', `cannot open database ${options.path}`, { cause, details: { path: options.path } });
  }
  let migration: MigrationReport;
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (options.path !== ':memory:' && mode !== 'wal') throw new ShopmateError('INTERNAL', `could not enable WAL (got ${JSON.stringify(mode)})`);
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    // Off by default in SQLite and per connection; without it REFERENCES and ON DELETE CASCADE do nothing.
    db.pragma('foreign_keys = ON');
    migration = migrate(db);
    if (options.demandRules) writeSqliteDemandRules(db, parseInput(demandRulesSchema, options.demandRules, 'demand rules'));
  } catch (e) {
    db.close();
    throw mapSqliteError(e);
  }

  const ctx: SqliteContext = { db, now: options.now ?? (() => new Date()), newId: options.newId ?? randomUUID };
  const hooks = { isClosed: () => !db.open, mapError: mapSqliteError };
  // One process writes a SQLite file at a time (the bot's), so an in-process queue serialises a conversation's turns.
  const locks = new KeyedQueue();
  return {
    kind: 'sqlite',
    db,
    migration,
    conversations: guardMethods(sqliteConversationStore(ctx), hooks),
    turns: guardMethods(sqliteTurnStore(ctx), hooks),
    feedback: guardMethods(sqliteFeedbackStore(ctx), hooks),
    reviews: guardMethods(sqliteReviewStore(ctx), hooks),
    revisions: guardMethods(sqliteRevisionStore(ctx), hooks),
    models: guardMethods(sqliteModelRegistryStore(ctx), hooks),
    operators: guardMethods(sqliteOperatorStore(ctx), hooks),
    events: guardMethods(sqliteEventStore(ctx), hooks),
    privacy: guardMethods(sqlitePrivacyStore(ctx), hooks),
    analytics: guardMethods(sqliteAnalyticsStore(ctx), hooks),
    orderChanges: guardMethods(sqliteOrderChangeStore(ctx), hooks),
    notes: guardMethods(sqliteNoteStore(ctx), hooks),
    adminSessions: guardMethods(sqliteAdminSessionStore(ctx), hooks),
    async withConversationLock(conversationId, work) {
      if (!db.open) throw closedStore();
      return locks.run(parseInput(idSchema, conversationId, 'conversation id'), work);
    },
    leases: guardMethods(sqliteLeaseStore(ctx), hooks),
    rateLimits: guardMethods(sqliteRateLimitStore(ctx), hooks),
    outbox: guardMethods(sqliteOutboxStore(ctx), hooks),
    async close() {
      if (db.open) db.close();
    },
  };
}
