/**
 * PostgreSQL schema migrations: literal SQL, frozen once shipped (test/store/postgres-schema.test.ts pins their
 * hashes and the resulting schema). Never build a migration from TypeScript values: a constant changed later would
 * silently change an already-applied migration. Append a new one instead.
 *
 * Each pending migration runs in its own transaction together with the schema_version row that records it
 * (PostgreSQL's DDL is transactional, so a failing statement leaves the previous version). Instances starting at once
 * take a session advisory lock first, so exactly one applies the migrations and the others find them applied.
 *
 * The schema mirrors SQLite after its six migrations, with PostgreSQL types: times are epoch milliseconds (BIGINT) as
 * there, flags are BOOLEAN, JSON is `json` (kept as the exact text JSON.stringify wrote, so key order and numbers
 * come back unchanged and the analytics can match substrings as SQLite does). The analytics columns are generated
 * columns instead of SQLite's triggers; each expression yields NULL or the column's type for any JSON, so no insert
 * can fail on them.
 */
import type pg from 'pg';
import { ShopmateError } from '../../core/errors.ts';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './postgres-locks.ts';
import { POSTGRES_ANALYTICS_ROLLUPS_MIGRATION } from './postgres-analytics-rollups-migration.ts';

export interface PostgresMigration {
  version: number;
  name: string;
  up: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial schema (the SQLite schema after its migration 6)',
    up: `
      CREATE TABLE conversations (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_-]{0,31}$'),
        user_id TEXT NOT NULL,
        ownership TEXT NOT NULL CHECK (ownership IN ('bot', 'agent', 'closed')),
        state JSON NOT NULL,
        version INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        last_message_at BIGINT,
        ownership_changed_at BIGINT NOT NULL
      );
      CREATE INDEX conversations_user ON conversations (user_id, created_at, seq);
      CREATE INDEX conversations_handoff ON conversations (ownership, ownership_changed_at, seq);

      CREATE TABLE turns (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        channel TEXT NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_-]{0,31}$'),
        message_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        text TEXT NOT NULL,
        intents JSON NOT NULL,
        top_intent TEXT,
        out_of_scope BOOLEAN NOT NULL,
        in_scope_score DOUBLE PRECISION,
        sentiment JSON NOT NULL,
        entities JSON NOT NULL,
        replies JSON NOT NULL,
        latency_ms DOUBLE PRECISION,
        model_version TEXT,
        language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 3),
        outcome TEXT CHECK (outcome IS NULL OR outcome IN ('answered', 'clarification', 'out_of_scope', 'handoff', 'silent')),
        slot_answer BOOLEAN NOT NULL DEFAULT false,
        at BIGINT NOT NULL,
        -- Operator replies are the turns whose message id starts with 'operator:' (the dashboard writes them so).
        is_operator BOOLEAN NOT NULL GENERATED ALWAYS AS (left(message_id, 9) = 'operator:') STORED,
        top_score DOUBLE PRECISION GENERATED ALWAYS AS (
          CASE WHEN json_typeof(intents -> 0 -> 'score') = 'number' THEN (intents -> 0 ->> 'score')::double precision END
        ) STORED,
        sentiment_score DOUBLE PRECISION GENERATED ALWAYS AS (
          CASE
            WHEN json_typeof(sentiment -> 'scores' -> 'positive') = 'number' AND json_typeof(sentiment -> 'scores' -> 'negative') = 'number'
              THEN (sentiment -> 'scores' ->> 'positive')::double precision - (sentiment -> 'scores' ->> 'negative')::double precision
            WHEN json_typeof(sentiment) = 'object'
              THEN CASE sentiment ->> 'label' WHEN 'positive' THEN 1.0 WHEN 'neutral' THEN 0.0 WHEN 'negative' THEN -1.0 END
          END
        ) STORED,
        -- JSON.stringify writes no spaces, so these substrings are exactly a reply of kind handoff / cards, or an
        -- entity of type product (the same tests as SQLite's migration 6).
        has_handoff BOOLEAN NOT NULL GENERATED ALWAYS AS (strpos(replies::text, '"kind":"handoff"') > 0) STORED,
        has_product BOOLEAN NOT NULL GENERATED ALWAYS AS (
          strpos(entities::text, '"type":"product"') > 0 OR strpos(replies::text, '"kind":"product_cards"') > 0
        ) STORED,
        UNIQUE (channel, message_id)
      );
      CREATE INDEX turns_conversation ON turns (conversation_id, at, seq);
      CREATE INDEX turns_user ON turns (user_id, at, seq);
      CREATE INDEX turns_at ON turns (at, seq);
      CREATE INDEX turns_analytics ON turns (is_operator, at) INCLUDE (model_version, channel, conversation_id, top_intent,
        out_of_scope, top_score, sentiment_score, has_handoff, has_product);

      CREATE TABLE feedback (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        reply_id TEXT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        kind TEXT NOT NULL CHECK (kind IN ('thumbs', 'rating', 'correction')),
        value JSON NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX feedback_turn ON feedback (turn_id);
      CREATE INDEX feedback_conversation ON feedback (conversation_id, at);

      CREATE TABLE review_items (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('thumbs_down', 'low_confidence', 'out_of_scope', 'clarification', 'handoff',
          'correction', 'repeated', 'handoff_after_answer')),
        priority DOUBLE PRECISION NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
        decision JSON,
        decided_at BIGINT,
        created_at BIGINT NOT NULL,
        UNIQUE (turn_id, reason)
      );
      CREATE INDEX review_items_open ON review_items (status, priority DESC, created_at);

      CREATE TABLE knowledge_revisions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('product', 'faq', 'policy', 'order', 'profile')),
        entry_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revert')),
        before JSON NOT NULL,
        after JSON NOT NULL,
        author TEXT NOT NULL,
        revert_of BIGINT REFERENCES knowledge_revisions (id)
      );
      CREATE INDEX knowledge_revisions_entry ON knowledge_revisions (kind, entry_id);

      CREATE TABLE model_versions (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        version TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('intent', 'sentiment')),
        created_at BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('candidate', 'serving', 'rejected', 'retired')),
        status_changed_at BIGINT NOT NULL,
        metrics JSON NOT NULL,
        gate JSON,
        data_summary JSON NOT NULL,
        artifact_dir TEXT NOT NULL
      );
      -- The database itself guarantees at most one serving model per kind.
      CREATE UNIQUE INDEX model_versions_one_serving ON model_versions (kind) WHERE status = 'serving';

      CREATE TABLE operators (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        -- Unique case-insensitively for ASCII letters only, as SQLite's NOCASE (and independent of the locale).
        username_key TEXT NOT NULL UNIQUE GENERATED ALWAYS AS (translate(username, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')) STORED,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until BIGINT,
        created_at BIGINT NOT NULL
      );

      CREATE TABLE events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('purchase', 'click')),
        at BIGINT NOT NULL
      );
      CREATE INDEX events_user ON events (user_id, at);
      CREATE INDEX events_product ON events (product_id, at);
      CREATE INDEX events_at ON events (at);
    `,
  },
  {
    version: 2,
    name: 'order changes of the demo shop (replayed at start) and notes for operators (SQLite migration 7)',
    up: `
      CREATE TABLE order_changes (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform TEXT NOT NULL,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cancel', 'address', 'method', 'return', 'note')),
        payload TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX order_changes_platform ON order_changes (platform, seq);
      CREATE TABLE operator_notes (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
        order_id TEXT,
        text TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        resolved_at BIGINT
      );
      CREATE INDEX operator_notes_open ON operator_notes (resolved_at, created_at);
      CREATE INDEX review_items_decided ON review_items (decided_at) WHERE decided_at IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'operator dashboard sessions, so they survive a restart and work on every instance (SQLite migration 8)',
    up: `
      CREATE TABLE admin_sessions (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
        username TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
        csrf_token TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        flash JSON
      );
      CREATE INDEX admin_sessions_operator ON admin_sessions (operator_id);
      CREATE INDEX admin_sessions_last_seen ON admin_sessions (last_seen_at);
    `,
  },
  {
    version: 4,
    name: 'leases: one retrain leader among the processes sharing the database (SQLite migration 8)',
    up: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'outbox: operator replies wait for the web widget in the database, so any instance can hand them out (SQLite migration 9)',
    up: `
      CREATE TABLE outbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        payload TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX outbox_conversation ON outbox (conversation_id, seq);
    `,
  },
  {
    version: 6,
    name: 'rate buckets shared by every instance (keys hashed) (SQLite migration 11)',
    up: `
      CREATE TABLE rate_buckets (
        key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        updated_at BIGINT NOT NULL,
        allowed BOOLEAN NOT NULL
      );
      CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);
    `,
  },
  {
    version: 7,
    name: 'analytics: hourly rollups kept by triggers, backfilled from the turns (SQLite migration 12)',
    up: POSTGRES_ANALYTICS_ROLLUPS_MIGRATION,
  },
];

export interface PostgresMigrationReport {
  from: number;
  to: number;
  applied: number[];
}

async function currentVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
  return rows[0]?.v ?? 0;
}

export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
  now = Date.now,
): Promise<PostgresMigrationReport> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new ShopmateError('INTERNAL', `migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  await client.query('SELECT pg_advisory_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const from = await currentVersion(client);
    if (from > migrations.length) {
      throw new ShopmateError('CONFLICT', `database schema version ${from} is newer than this build (${migrations.length}); upgrade shopmate`, {
        details: { dbVersion: from, latest: migrations.length },
      });
    }
    const applied: number[] = [];
    for (const m of migrations.slice(from)) {
      await client.query('BEGIN');
      try {
        await client.query(m.up);
        await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now()]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      applied.push(m.version);
    }
    return { from, to: await currentVersion(client), applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
  }
}
