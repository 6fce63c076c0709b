/**
 * The PostgreSQL Store (`pg`): one connection pool per process, any number of processes and machines on one
 * database. Every multi-statement write is one SERIALIZABLE transaction (postgres-context.ts), so a call that resolves
 * is committed and a call that rejects wrote nothing, as with SQLite. Durability is the server's: with PostgreSQL's
 * defaults (fsync on, synchronous_commit on) an acknowledged write survives a crash of the database machine.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ShopmateError, isShopmateError } from '../../core/errors.ts';
import type { Store, StoreOptions } from '../store.ts';
import { closedStore, guardMethods } from '../store-rules.ts';
import { postgresAdminSessionStore } from './postgres-admin-session-store.ts';
import { postgresAnalyticsStore } from './postgres-analytics-store.ts';
import { writePostgresDemandRules } from './postgres-analytics-rollups.ts';
import { demandRulesSchema, parseInput } from '../store-schemas.ts';
import { postgresContext } from './postgres-context.ts';
import { postgresConversationLock } from './postgres-conversation-lock.ts';
import { postgresConversationStore } from './postgres-conversation-store.ts';
import { postgresEventStore } from './postgres-event-store.ts';
import { postgresFeedbackStore } from './postgres-feedback-store.ts';
import { postgresLeaseStore } from './postgres-lease-store.ts';
import { postgresRateLimitStore } from './postgres-rate-limit-store.ts';
import { migratePostgres, type PostgresMigrationReport } from './postgres-migrations.ts';
import { postgresModelRegistryStore } from './postgres-model-registry-store.ts';
import { postgresNoteStore } from './postgres-note-store.ts';
import { postgresOperatorStore } from './postgres-operator-store.ts';
import { postgresOrderChangeStore } from './postgres-order-change-store.ts';
import { postgresOutboxStore } from './postgres-outbox-store.ts';
import { postgresPrivacyStore } from './postgres-privacy-store.ts';
import { postgresReviewStore } from './postgres-review-store.ts';
import { postgresRevisionStore } from './postgres-revision-store.ts';
import { PostgresSignals } from './postgres-signals.ts';
import { postgresTurnStore } from './postgres-turn-store.ts';

export interface PostgresStoreOptions extends StoreOptions {
  /** postgres://user:password@host:port/database (a secret: it usually holds the password). */
  url: string;
  /** Connections for queries (default 10). */
  poolSize?: number;
  /** Connections holding per-conversation locks: how many conversations one instance works on at once (default 20). */
  lockPoolSize?: number;
  /** Told when the connection listening for change signals is lost (it reconnects on its own; readers poll meanwhile). */
  onSignalConnectionLost?: (error: Error) => void;
}

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  readonly migration: PostgresMigrationReport;
  /** The query pool, for health checks and tests; not for feature code. */
  readonly pool: pg.Pool;
  readonly signals: PostgresSignals;
}

/**
 * BIGINT (epoch milliseconds, COUNT) and NUMERIC (SUM of integers) arrive as strings by default; every such value
 * the store reads is far below 2^53, so numbers are exact. Per pool, so other pg users in the process are unaffected.
 */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** SQLSTATE classes: 23 integrity constraint, 22 data exception (a NUL byte in text, a number out of range). */
export function mapPostgresError(e: unknown): unknown {
  if (isShopmateError(e) || !(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return e;
  const details = { postgres: code };
  if (code === '23505') return new ShopmateError('CONFLICT', `duplicate record: ${e.message}`, { cause: e, details });
  if (code === '23503') return new ShopmateError('NOT_FOUND', `referenced record not found: ${e.message}`, { cause: e, details });
  if (code.startsWith('23') || code.startsWith('22')) return new ShopmateError('BAD_REQUEST', `invalid record: ${e.message}`, { cause: e, details });
  if (code === '40001' || code === '40P01') {
    return new ShopmateError('CONFLICT', `concurrent change, gave up after retries: ${e.message}`, { cause: e, details });
  }
  // Connection refused / reset, server shutting down or starting: the database is not there right now.
  if (code.startsWith('08') || code.startsWith('57P') || /^E(CONN|HOST|NET|TIMEDOUT|PIPE|ADDR)/.test(code)) {
    return new ShopmateError('UNAVAILABLE', `database unavailable: ${e.message}`, { cause: e, details });
  }
  return new ShopmateError('INTERNAL', `database error: ${e.message}`, { cause: e, details });
}

/** The URL without its password, for error messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/** How long closing waits for in-flight work before dropping its connections. */
const CLOSE_GRACE_MS = 3000;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types });
  // An idle connection the server drops (restart, failover) emits 'error' on the pool; without a listener that would
  // crash the process. The next query simply gets a new connection.
  pool.on('error', () => undefined);
  let migration: PostgresMigrationReport;
  try {
    const client = await pool.connect();
    try {
      migration = await migratePostgres(client);
      if (options.demandRules) await writePostgresDemandRules(client, parseInput(demandRulesSchema, options.demandRules, 'demand rules'));
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    const mapped = mapPostgresError(e);
    if (isShopmateError(mapped)) throw new ShopmateError(mapped.code, `${redactDatabaseUrl(options.url)}: ${mapped.message}`, { cause: e, details: mapped.details });
    throw new ShopmateError('UNAVAILABLE', `cannot open database ${redactDatabaseUrl(options.url)}: ${(e as Error).message}`, { cause: e });
  }

  const lockPool = new pg.Pool({ connectionString: options.url, max: options.lockPoolSize ?? 20, types });
  lockPool.on('error', () => undefined);
  const locks = postgresConversationLock(lockPool, mapPostgresError);
  const withLock = locks.withConversationLock;
  let closed = false;
  const ctx = postgresContext(pool, options.now ?? (() => new Date()), options.newId ?? randomUUID);
  const hooks = { isClosed: () => closed, mapError: mapPostgresError };
  const signals = new PostgresSignals({ url: options.url, query: ctx.query, mapError: mapPostgresError, onConnectionLost: options.onSignalConnectionLost });
  return {
    kind: 'postgres',
    pool,
    migration,
    conversations: guardMethods(postgresConversationStore(ctx), hooks),
    turns: guardMethods(postgresTurnStore(ctx), hooks),
    feedback: guardMethods(postgresFeedbackStore(ctx), hooks),
    reviews: guardMethods(postgresReviewStore(ctx), hooks),
    revisions: guardMethods(postgresRevisionStore(ctx), hooks),
    models: guardMethods(postgresModelRegistryStore(ctx), hooks),
    operators: guardMethods(postgresOperatorStore(ctx), hooks),
    events: guardMethods(postgresEventStore(ctx), hooks),
    privacy: guardMethods(postgresPrivacyStore(ctx), hooks),
    analytics: guardMethods(postgresAnalyticsStore(ctx), hooks),
    orderChanges: guardMethods(postgresOrderChangeStore(ctx), hooks),
    notes: guardMethods(postgresNoteStore(ctx), hooks),
    adminSessions: guardMethods(postgresAdminSessionStore(ctx), hooks),
    leases: guardMethods(postgresLeaseStore(ctx), hooks),
    rateLimits: guardMethods(postgresRateLimitStore(ctx), hooks),
    outbox: guardMethods(postgresOutboxStore(ctx), hooks),
    signals,
    async withConversationLock(conversationId, work) {
      if (closed) throw closedStore();
      return withLock(conversationId, work);
    },
    async close() {
      if (closed) return;
      closed = true;
      await signals.close();
      // In-flight messages get a moment to finish; then their lock connections are dropped, so a stopping instance
      // exits instead of waiting for work that can no longer complete (the app's other parts are already closed).
      const ended = Promise.all([pool.end(), lockPool.end()]);
      const wait = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
      if ((await Promise.race([ended, wait(CLOSE_GRACE_MS)])) !== 'timeout') return;
      locks.abort();
      await Promise.race([ended, wait(CLOSE_GRACE_MS)]);
    },
  };
}
