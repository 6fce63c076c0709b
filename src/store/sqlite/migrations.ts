/**
 * Schema migrations, applied in order at open. Each migration runs in its own IMMEDIATE transaction together with
 * the schema_version row that records it, so a crash or a failing statement leaves the database at the previous
 * version, and two processes opening the same file at once cannot both apply it (the second re-reads the version
 * after taking the write lock). Never edit a shipped migration: append a new one.
 */
import type Database from 'better-sqlite3';
import { ShopmateError } from '../../core/errors.ts';
import {
  CHANNELS,
  EVENT_KINDS,
  FEEDBACK_KINDS,
  KNOWLEDGE_KINDS,
  MODEL_KINDS,
  MODEL_STATUSES,
  OPERATOR_ROLES,
  OWNERSHIPS,
  REVIEW_REASONS,
  REVIEW_STATUSES,
  REVISION_ACTIONS,
} from '../types.ts';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** `col IN ('a','b')` from the same tuples the TypeScript unions use; values are our own constants, not input. */
const oneOf = (col: string, values: readonly string[]) => `${col} IN (${values.map((v) => `'${v}'`).join(', ')})`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    // STRICT tables reject wrongly typed values; CHECKs repeat the enum and JSON rules as a last line of defence
    // (the TypeScript layer validates first and reports BAD_REQUEST). Times are epoch milliseconds.
    up: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (${oneOf('channel', CHANNELS)}),
        user_id TEXT NOT NULL,
        ownership TEXT NOT NULL CHECK (${oneOf('ownership', OWNERSHIPS)}),
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
        channel TEXT NOT NULL CHECK (${oneOf('channel', CHANNELS)}),
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
        kind TEXT NOT NULL CHECK (${oneOf('kind', FEEDBACK_KINDS)}),
        value TEXT NOT NULL CHECK (json_valid(value)),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX feedback_turn ON feedback (turn_id);
      CREATE INDEX feedback_conversation ON feedback (conversation_id, at);

      CREATE TABLE review_items (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (${oneOf('reason', REVIEW_REASONS)}),
        priority REAL NOT NULL,
        status TEXT NOT NULL CHECK (${oneOf('status', REVIEW_STATUSES)}),
        decision TEXT CHECK (decision IS NULL OR json_valid(decision)),
        decided_at INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (turn_id, reason)
      ) STRICT;
      CREATE INDEX review_items_open ON review_items (status, priority DESC, created_at);

      CREATE TABLE knowledge_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (${oneOf('kind', KNOWLEDGE_KINDS)}),
        entry_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (${oneOf('action', REVISION_ACTIONS)}),
        before TEXT NOT NULL CHECK (json_valid(before)),
        after TEXT NOT NULL CHECK (json_valid(after)),
        author TEXT NOT NULL
      ) STRICT;
      CREATE INDEX knowledge_revisions_entry ON knowledge_revisions (kind, entry_id);

      CREATE TABLE model_versions (
        version TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (${oneOf('kind', MODEL_KINDS)}),
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (${oneOf('status', MODEL_STATUSES)}),
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
        role TEXT NOT NULL CHECK (${oneOf('role', OPERATOR_ROLES)}),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (${oneOf('kind', EVENT_KINDS)}),
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
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now());
      return true;
    });
    if (m.version > from && apply.immediate()) applied.push(m.version);
  }
  return { from, to: schemaVersion(db), applied };
}
