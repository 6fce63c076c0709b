-- index admin_sessions_last_seen
CREATE INDEX admin_sessions_last_seen ON admin_sessions (last_seen_at);

-- index admin_sessions_operator
CREATE INDEX admin_sessions_operator ON admin_sessions (operator_id);

-- index conversations_handoff
CREATE INDEX conversations_handoff ON conversations (ownership, ownership_changed_at);

-- index conversations_user
CREATE INDEX conversations_user ON conversations (user_id);

-- index events_at
CREATE INDEX events_at ON events (at);

-- index events_product
CREATE INDEX events_product ON events (product_id, at);

-- index events_user
CREATE INDEX events_user ON events (user_id, at);

-- index feedback_conversation
CREATE INDEX feedback_conversation ON feedback (conversation_id, at);

-- index feedback_turn
CREATE INDEX feedback_turn ON feedback (turn_id);

-- index knowledge_revisions_entry
CREATE INDEX knowledge_revisions_entry ON knowledge_revisions (kind, entry_id);

-- index model_versions_one_serving
CREATE UNIQUE INDEX model_versions_one_serving ON model_versions (kind) WHERE status = 'serving';

-- index operator_notes_open
CREATE INDEX operator_notes_open ON operator_notes (resolved_at, created_at);

-- index order_changes_platform
CREATE INDEX order_changes_platform ON order_changes (platform, seq);

-- index outbox_conversation
CREATE INDEX outbox_conversation ON outbox (conversation_id, seq);

-- index review_items_decided
CREATE INDEX review_items_decided ON review_items (decided_at) WHERE decided_at IS NOT NULL;

-- index review_items_open
CREATE INDEX review_items_open ON review_items (status, priority DESC, created_at);

-- index turns_analytics
CREATE INDEX turns_analytics ON turns (is_operator, at, model_version, channel, conversation_id, top_intent, out_of_scope,
        top_score, sentiment_score, has_handoff, has_product);

-- index turns_at
CREATE INDEX turns_at ON turns (at);

-- index turns_conversation
CREATE INDEX turns_conversation ON turns (conversation_id, at);

-- index turns_user
CREATE INDEX turns_user ON turns (user_id);

-- table admin_sessions
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

-- table conversations
CREATE TABLE "conversations" (
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

-- table events
CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('purchase', 'click')),
        at INTEGER NOT NULL
      ) STRICT;

-- table feedback
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

-- table knowledge_revisions
CREATE TABLE knowledge_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('product', 'faq', 'policy', 'order', 'profile')),
        entry_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revert')),
        before TEXT NOT NULL CHECK (json_valid(before)),
        after TEXT NOT NULL CHECK (json_valid(after)),
        author TEXT NOT NULL
      , revert_of INTEGER REFERENCES knowledge_revisions (id)) STRICT;

-- table leases
CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );

-- table model_versions
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

-- table operator_notes
CREATE TABLE operator_notes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
        order_id TEXT,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_at INTEGER
      );

-- table operators
CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE UNIQUE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

-- table order_changes
CREATE TABLE order_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cancel', 'address', 'method', 'return', 'note')),
        payload TEXT NOT NULL,
        at INTEGER NOT NULL
      );

-- table outbox
CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL
      );

-- table review_items
CREATE TABLE "review_items" (
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

-- table schema_version
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;

-- table turns
CREATE TABLE "turns" (
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
        language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 3), outcome TEXT CHECK (outcome IS NULL OR outcome IN ('answered', 'clarification', 'out_of_scope', 'handoff', 'silent')), slot_answer INTEGER NOT NULL DEFAULT 0 CHECK (slot_answer IN (0, 1)), is_operator INTEGER NOT NULL DEFAULT 0 CHECK (is_operator IN (0, 1)), top_score REAL, sentiment_score REAL, has_handoff INTEGER NOT NULL DEFAULT 0 CHECK (has_handoff IN (0, 1)), has_product INTEGER NOT NULL DEFAULT 0 CHECK (has_product IN (0, 1)),
        UNIQUE (channel, message_id)
      ) STRICT;

-- trigger turns_analytics_insert
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

-- trigger turns_analytics_update
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
