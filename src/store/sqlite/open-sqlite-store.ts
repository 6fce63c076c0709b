/**
 * The SQLite Store (better-sqlite3). One connection per process; every write is a single IMMEDIATE transaction, so
 * a call that resolves is committed and a call that rejects wrote nothing.
 *
 * Durability: WAL, and by default (`synchronous: 'FULL'`) a write call resolves only after the WAL was fsynced
 * (WalSync: group commit), so an acknowledged turn survives a killed process *and* an OS crash / power loss. The
 * connection itself runs with SQLite's synchronous=NORMAL and the fsync happens on libuv's thread pool, shared by
 * every write committed meanwhile: SQLite's own synchronous=FULL fsyncs inside each commit and blocks the event loop
 * for it (measured at 32 concurrent customers: ~3.7 ms of every reply's main-thread time in four fsyncing commits).
 * `synchronous: 'NORMAL'` skips the flush: still safe against a killed process (the commit is in the OS page cache;
 * test/store/durability.test.ts passes with both) and never corrupts the file, but the last commits before a power
 * loss can be lost, which breaks "an acknowledged feedback is never lost"; only bulk imports and benchmarks seeding
 * data opt into it. test/store/fixtures/synchronous-bench.ts compares the two.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ShopmateError, isShopmateError } from '../../core/errors.ts';
import type { Store, StoreOptions } from '../store.ts';
import { KeyedQueue } from '../keyed-queue.ts';
import { closedStore, guardMethods } from '../store-rules.ts';
import { InProcessSignals } from '../in-process-signals.ts';
import { signalOnWrite } from '../signal-on-write.ts';
import { demandRulesSchema, idSchema, parseInput } from '../store-schemas.ts';
import { migrate, type MigrationReport } from './migrations.ts';
import { WalSync, type FileFlusher } from './wal-sync.ts';
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
  /** How the WAL is flushed under FULL (tests inject a counting or failing one); fsync by default. */
  flushFile?: FileFlusher;
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly migration: MigrationReport;
  /** The raw connection, for health checks and tests (integrity_check); not for feature code. */
  readonly db: Database.Database;
  /** The group commit under FULL (null under NORMAL or in memory): its flush count shows writes per fsync. */
  readonly walSync: WalSync | null;
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

/**
 * Runs a store call; when it changed rows (total_changes moved: only writes move it), waits for a WAL flush that
 * began after the call. Reads never wait.
 */
function durablyWith(db: Database.Database, walSync: WalSync): (call: () => unknown) => Promise<unknown> {
  const changes = db.prepare('SELECT total_changes()').pluck();
  return async (call) => {
    const before = changes.get() as number;
    const result = await call();
    if (db.open && (changes.get() as number) !== before) await walSync.flush();
    return result;
  };
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
    // NORMAL in both modes: under FULL, WalSync flushes the WAL before a write call resolves (see the module comment).
    db.pragma('synchronous = NORMAL');
    // Off by default in SQLite and per connection; without it REFERENCES and ON DELETE CASCADE do nothing.
    db.pragma('foreign_keys = ON');
    migration = migrate(db);
    if (options.demandRules) writeSqliteDemandRules(db, parseInput(demandRulesSchema, options.demandRules, 'demand rules'));
  } catch (e) {
    db.close();
    throw mapSqliteError(e);
  }

  const ctx: SqliteContext = { db, now: options.now ?? (() => new Date()), newId: options.newId ?? randomUUID };
  const walSync = options.synchronous === 'NORMAL' || options.path === ':memory:' ? null : new WalSync(`${options.path}-wal`, options.flushFile);
  const hooks = { isClosed: () => !db.open, mapError: mapSqliteError, durably: walSync ? durablyWith(db, walSync) : undefined };
  // One process writes a SQLite file at a time (the bot's), so an in-process queue serialises a conversation's turns.
  const locks = new KeyedQueue();
  const signals = new InProcessSignals(() => !db.open);
  const signalled = signalOnWrite(
    { models: guardMethods(sqliteModelRegistryStore(ctx), hooks), revisions: guardMethods(sqliteRevisionStore(ctx), hooks), outbox: guardMethods(sqliteOutboxStore(ctx), hooks) },
    signals,
  );
  return {
    kind: 'sqlite',
    db,
    migration,
    walSync,
    conversations: guardMethods(sqliteConversationStore(ctx), hooks),
    turns: guardMethods(sqliteTurnStore(ctx), hooks),
    feedback: guardMethods(sqliteFeedbackStore(ctx), hooks),
    reviews: guardMethods(sqliteReviewStore(ctx), hooks),
    revisions: signalled.revisions,
    models: signalled.models,
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
    outbox: signalled.outbox,
    signals,
    async close() {
      if (db.open) db.close();
    },
  };
}
