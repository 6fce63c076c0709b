/**
 * Schema migrations, applied in order at open. Each migration runs in its own IMMEDIATE transaction together with
 * the schema_version row that records it, so a crash or a failing statement leaves the database at the previous
 * version, and two processes opening the same file at once cannot both apply it (the second re-reads the version
 * after taking the write lock). Never edit a shipped migration: append a new one.
 */
import type Database from 'better-sqlite3';
import { ShopmateError } from '../../core/errors.ts';
import { ANALYTICS_ROLLUPS_MIGRATION } from './analytics-rollups-migration.ts';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /**
   * Rebuilds tables other tables point at (SQLite's 12-step ALTER): foreign keys are switched off around the
   * transaction, so dropping the old table neither fails nor cascades into its children, and checked before commit.
   */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    // STRICT tables reject wrongly typed values; CHECKs repeat the enum and JSON rules as a last line of defence
    // (the TypeScript layer validates first and reports BAD_REQUEST). Times are epoch milliseconds.
    up: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (channel IN ('discord', 'webhook', 'terminal', 'memory')),
        user_id TEXT NOT NULL,
        ownership TEXT NOT NULL CHECK (ownership IN ('bot', 'agent', 'closed')),
        state TEXT NOT NULL CHECK (json_valid(state)),
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_message_at INTEGER,
        ownership_changed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversations_user ON conversations (user_id);
      CREATE INDEX conversations_handoff ON conversations (ownership, ownership_changed_at);

      CREATE TABLE turns (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        channel TEXT NOT NULL CHECK (channel IN ('discord', 'webhook', 'terminal', 'memory')),
        message_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        text TEXT NOT NULL,
        intents TEXT NOT NULL CHECK (json_valid(intents)),
        top_intent TEXT,
        out_of_scope INTEGER NOT NULL CHECK (out_of_scope IN (0, 1)),
        in_scope_score REAL,
        sentiment TEXT NOT NULL CHECK (json_valid(sentiment)),
        entities TEXT NOT NULL CHECK (json_valid(entities)),
        replies TEXT NOT NULL CHECK (json_valid(replies)),
        latency_ms REAL,
        model_version TEXT,
        at INTEGER NOT NULL,
        UNIQUE (channel, message_id)
      ) STRICT;
      CREATE INDEX turns_conversation ON turns (conversation_id, at);
      CREATE INDEX turns_user ON turns (user_id);
      CREATE INDEX turns_at ON turns (at);

      CREATE TABLE feedback (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        reply_id TEXT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        kind TEXT NOT NULL CHECK (kind IN ('thumbs', 'rating', 'correction')),
        value TEXT NOT NULL CHECK (json_valid(value)),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX feedback_turn ON feedback (turn_id);
      CREATE INDEX feedback_conversation ON feedback (conversation_id, at);

      CREATE TABLE review_items (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('thumbs_down', 'low_confidence', 'out_of_scope', 'clarification', 'handoff')),
        priority REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
        decision TEXT CHECK (decision IS NULL OR json_valid(decision)),
        decided_at INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (turn_id, reason)
      ) STRICT;
      CREATE INDEX review_items_open ON review_items (status, priority DESC, created_at);

      CREATE TABLE knowledge_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('product', 'faq', 'policy', 'order', 'profile')),
        entry_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revert')),
        before TEXT NOT NULL CHECK (json_valid(before)),
        after TEXT NOT NULL CHECK (json_valid(after)),
        author TEXT NOT NULL
      ) STRICT;
      CREATE INDEX knowledge_revisions_entry ON knowledge_revisions (kind, entry_id);

      CREATE TABLE model_versions (
        version TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('intent', 'sentiment')),
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('candidate', 'serving', 'rejected', 'retired')),
        status_changed_at INTEGER NOT NULL,
        metrics TEXT NOT NULL CHECK (json_valid(metrics)),
        gate TEXT CHECK (gate IS NULL OR json_valid(gate)),
        data_summary TEXT NOT NULL CHECK (json_valid(data_summary)),
        artifact_dir TEXT NOT NULL
      ) STRICT;
      -- The database itself guarantees at most one serving model per kind.
      CREATE UNIQUE INDEX model_versions_one_serving ON model_versions (kind) WHERE status = 'serving';

      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE UNIQUE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('purchase', 'click')),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX events_user ON events (user_id, at);
      CREATE INDEX events_product ON events (product_id, at);
      CREATE INDEX events_at ON events (at);
    `,
  },
  {
    version: 2,
    name: 'knowledge revisions remember which revision they undid',
    up: `ALTER TABLE knowledge_revisions ADD COLUMN revert_of INTEGER REFERENCES knowledge_revisions (id);`,
  },
  {
    version: 3,
    name: 'turns remember the language the customer wrote in',
    up: `ALTER TABLE turns ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 3);`,
  }, {
    version: 4,
    name: 'any registered channel id: the channel columns check the id format, not a fixed list',
    // A new channel is registered in code (src/channels/channel-registry.ts), never in the schema. SQLite cannot
    // drop a CHECK in place, so both tables are rebuilt with the same columns, rows, keys and indexes.
    rebuildsTables: true,
    up: `
      CREATE TABLE conversations_new (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (length(channel) <= 32 AND channel GLOB '[a-z]*' AND channel NOT GLOB '*[^a-z0-9_-]*'),
        user_id TEXT NOT NULL,
        ownership TEXT NOT NULL CHECK (ownership IN ('bot', 'agent', 'closed')),
        state TEXT NOT NULL CHECK (json_valid(state)),
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_message_at INTEGER,
        ownership_changed_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO conversations_new (id, channel, user_id, ownership, state, version, created_at, updated_at, last_message_at, ownership_changed_at)
        SELECT id, channel, user_id, ownership, state, version, created_at, updated_at, last_message_at, ownership_changed_at FROM conversations;
      DROP TABLE conversations;
      ALTER TABLE conversations_new RENAME TO conversations;
      CREATE INDEX conversations_user ON conversations (user_id);
      CREATE INDEX conversations_handoff ON conversations (ownership, ownership_changed_at);

      CREATE TABLE turns_new (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        channel TEXT NOT NULL CHECK (length(channel) <= 32 AND channel GLOB '[a-z]*' AND channel NOT GLOB '*[^a-z0-9_-]*'),
        message_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        text TEXT NOT NULL,
        intents TEXT NOT NULL CHECK (json_valid(intents)),
        top_intent TEXT,
        out_of_scope INTEGER NOT NULL CHECK (out_of_scope IN (0, 1)),
        in_scope_score REAL,
        sentiment TEXT NOT NULL CHECK (json_valid(sentiment)),
        entities TEXT NOT NULL CHECK (json_valid(entities)),
        replies TEXT NOT NULL CHECK (json_valid(replies)),
        latency_ms REAL,
        model_version TEXT,
        at INTEGER NOT NULL,
        language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 3),
        UNIQUE (channel, message_id)
      ) STRICT;
      INSERT INTO turns_new (seq, id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope,
          in_scope_score, sentiment, entities, replies, latency_ms, model_version, at, language)
        SELECT seq, id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope,
          in_scope_score, sentiment, entities, replies, latency_ms, model_version, at, language FROM turns;
      DROP TABLE turns;
      ALTER TABLE turns_new RENAME TO turns;
      CREATE INDEX turns_conversation ON turns (conversation_id, at);
      CREATE INDEX turns_user ON turns (user_id);
      CREATE INDEX turns_at ON turns (at);
    `,
  },
  {
    version: 5,
    name: 'turns keep their outcome and whether they answered the bot; review reasons for confidently wrong answers',
    // review_items is rebuilt to widen its reason CHECK; nothing references it, so foreign keys stay on.
    up: `
      ALTER TABLE turns ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('answered', 'clarification', 'out_of_scope', 'handoff', 'silent'));
      ALTER TABLE turns ADD COLUMN slot_answer INTEGER NOT NULL DEFAULT 0 CHECK (slot_answer IN (0, 1));
      CREATE TABLE review_items_new (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('thumbs_down', 'low_confidence', 'out_of_scope', 'clarification', 'handoff',
          'correction', 'repeated', 'handoff_after_answer')),
        priority REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
        decision TEXT CHECK (decision IS NULL OR json_valid(decision)),
        decided_at INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (turn_id, reason)
      ) STRICT;
      INSERT INTO review_items_new (seq, id, turn_id, reason, priority, status, decision, decided_at, created_at)
        SELECT seq, id, turn_id, reason, priority, status, decision, decided_at, created_at FROM review_items;
      DROP TABLE review_items;
      ALTER TABLE review_items_new RENAME TO review_items;
      CREATE INDEX review_items_open ON review_items (status, priority DESC, created_at);
    `,
  },
  {
    version: 6,
    name: 'analytics: derived turn columns and a covering index, so dashboard aggregates never parse JSON per turn',
    // Plain columns kept by triggers, not generated columns: SQLite does not treat an index holding generated
    // columns as covering, and the point is that GROUP BYs read only the index. Operator replies are the turns whose
    // message id starts with 'operator:' (the dashboard writes them so). JSON.stringify writes no spaces, so the
    // instr() tests see exactly a reply of kind handoff / cards, or an entity of type product. Each expression gives
    // NULL or the column's type for any JSON, so no insert can fail on them.
    up: `
      ALTER TABLE turns ADD COLUMN is_operator INTEGER NOT NULL DEFAULT 0 CHECK (is_operator IN (0, 1));
      ALTER TABLE turns ADD COLUMN top_score REAL;
      ALTER TABLE turns ADD COLUMN sentiment_score REAL;
      ALTER TABLE turns ADD COLUMN has_handoff INTEGER NOT NULL DEFAULT 0 CHECK (has_handoff IN (0, 1));
      ALTER TABLE turns ADD COLUMN has_product INTEGER NOT NULL DEFAULT 0 CHECK (has_product IN (0, 1));
      UPDATE turns SET
          is_operator = (substr(message_id, 1, 9) = 'operator:'),
          top_score = CASE WHEN json_type(intents, '$[0].score') IN ('integer', 'real') THEN json_extract(intents, '$[0].score') END,
          sentiment_score = CASE
            WHEN json_type(sentiment, '$.scores.positive') IN ('integer', 'real') AND json_type(sentiment, '$.scores.negative') IN ('integer', 'real')
              THEN json_extract(sentiment, '$.scores.positive') - json_extract(sentiment, '$.scores.negative')
            WHEN json_type(sentiment) = 'object' THEN CASE json_extract(sentiment, '$.label') WHEN 'positive' THEN 1.0 WHEN 'neutral' THEN 0.0 WHEN 'negative' THEN -1.0 END
          END,
          has_handoff = (instr(replies, '"kind":"handoff"') > 0),
          has_product = (instr(entities, '"type":"product"') > 0 OR instr(replies, '"kind":"product_cards"') > 0);
      CREATE TRIGGER turns_analytics_insert AFTER INSERT ON turns BEGIN
        UPDATE turns SET
          is_operator = (substr(message_id, 1, 9) = 'operator:'),
          top_score = CASE WHEN json_type(intents, '$[0].score') IN ('integer', 'real') THEN json_extract(intents, '$[0].score') END,
          sentiment_score = CASE
            WHEN json_type(sentiment, '$.scores.positive') IN ('integer', 'real') AND json_type(sentiment, '$.scores.negative') IN ('integer', 'real')
              THEN json_extract(sentiment, '$.scores.positive') - json_extract(sentiment, '$.scores.negative')
            WHEN json_type(sentiment) = 'object' THEN CASE json_extract(sentiment, '$.label') WHEN 'positive' THEN 1.0 WHEN 'neutral' THEN 0.0 WHEN 'negative' THEN -1.0 END
          END,
          has_handoff = (instr(replies, '"kind":"handoff"') > 0),
          has_product = (instr(entities, '"type":"product"') > 0 OR instr(replies, '"kind":"product_cards"') > 0)
        WHERE seq = NEW.seq;
      END;
      CREATE TRIGGER turns_analytics_update AFTER UPDATE OF message_id, intents, sentiment, entities, replies ON turns BEGIN
        UPDATE turns SET
          is_operator = (substr(message_id, 1, 9) = 'operator:'),
          top_score = CASE WHEN json_type(intents, '$[0].score') IN ('integer', 'real') THEN json_extract(intents, '$[0].score') END,
          sentiment_score = CASE
            WHEN json_type(sentiment, '$.scores.positive') IN ('integer', 'real') AND json_type(sentiment, '$.scores.negative') IN ('integer', 'real')
              THEN json_extract(sentiment, '$.scores.positive') - json_extract(sentiment, '$.scores.negative')
            WHEN json_type(sentiment) = 'object' THEN CASE json_extract(sentiment, '$.label') WHEN 'positive' THEN 1.0 WHEN 'neutral' THEN 0.0 WHEN 'negative' THEN -1.0 END
          END,
          has_handoff = (instr(replies, '"kind":"handoff"') > 0),
          has_product = (instr(entities, '"type":"product"') > 0 OR instr(replies, '"kind":"product_cards"') > 0)
        WHERE seq = NEW.seq;
      END;
      CREATE INDEX turns_analytics ON turns (is_operator, at, model_version, channel, conversation_id, top_intent, out_of_scope,
        top_score, sentiment_score, has_handoff, has_product);
    `,
  },
  {
    version: 7,
    name: 'order changes of the demo shop (replayed at start) and notes for operators',
    up: `
      CREATE TABLE order_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cancel', 'address', 'method', 'return', 'note')),
        payload TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX order_changes_platform ON order_changes (platform, seq);
      CREATE TABLE operator_notes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
        order_id TEXT,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_at INTEGER
      );
      CREATE INDEX operator_notes_open ON operator_notes (resolved_at, created_at);
      CREATE INDEX review_items_decided ON review_items (decided_at) WHERE decided_at IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'leases: one retrain leader among the processes sharing the database',
    up: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: 'outbox: operator replies wait for the web widget in the database, so any instance can hand them out',
    up: `
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX outbox_conversation ON outbox (conversation_id, seq);
    `,
  },
  {
    version: 10,
    name: 'operator dashboard sessions, so they survive a restart and work on every instance',
    up: `
      CREATE TABLE admin_sessions (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
        username TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        flash TEXT CHECK (flash IS NULL OR json_valid(flash))
      ) STRICT;
      CREATE INDEX admin_sessions_operator ON admin_sessions (operator_id);
      CREATE INDEX admin_sessions_last_seen ON admin_sessions (last_seen_at);
    `,
  },
  {
    version: 11,
    name: 'rate buckets shared by every process on the database (keys hashed)',
    up: `
      CREATE TABLE rate_buckets (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);
    `,
  },
  {
    version: 12,
    name: 'analytics: hourly rollups kept by triggers (counters, distinct conversations, demand signals), backfilled from the turns',
    up: ANALYTICS_ROLLUPS_MIGRATION,
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, now = Date.now): MigrationReport {
  migrations.forEach((m, i) => {
    // Gaps or reordering would make "apply everything above the current version" skip or repeat work.
    if (m.version !== i + 1) throw new ShopmateError('INTERNAL', `migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  );
  const from = schemaVersion(db);
  const latest = migrations.length;
  if (from > latest) {
    throw new ShopmateError('CONFLICT', `database schema version ${from} is newer than this build (${latest}); upgrade shopmate`, {
      details: { dbVersion: from, latest },
    });
  }
  const applied: number[] = [];
  for (const m of migrations) {
    const apply = db.transaction(() => {
      if (schemaVersion(db) >= m.version) return false; // another process got here first
      db.exec(m.up);
      if (m.rebuildsTables) assertForeignKeys(db, m);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now());
      return true;
    });
    if (m.version > from && withoutForeignKeys(db, m.rebuildsTables === true, () => apply.immediate())) applied.push(m.version);
  }
  return { from, to: schemaVersion(db), applied };
}

/** PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it (and always restored). */
function withoutForeignKeys<T>(db: Database.Database, off: boolean, work: () => T): T {
  const wasOn = off && db.pragma('foreign_keys', { simple: true }) === 1;
  if (wasOn) db.pragma('foreign_keys = OFF');
  try {
    return work();
  } finally {
    if (wasOn) db.pragma('foreign_keys = ON');
  }
}

/** A rebuild must leave every reference intact; otherwise the whole migration rolls back. */
function assertForeignKeys(db: Database.Database, m: Migration): void {
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new ShopmateError('INTERNAL', `migration ${m.version} would break ${broken.length} foreign key reference(s)`, { details: { broken: broken.slice(0, 10) } });
  }
}
