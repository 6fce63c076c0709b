-- index admin_sessions_last_seen
CREATE INDEX admin_sessions_last_seen ON admin_sessions (last_seen_at);

-- index admin_sessions_operator
CREATE INDEX admin_sessions_operator ON admin_sessions (operator_id);

-- index analytics_conversation_hours_handoff
CREATE INDEX analytics_conversation_hours_handoff ON analytics_conversation_hours (scope, hour, conversation_id) WHERE handoff_turns > 0;

-- index analytics_conversation_hours_range
CREATE INDEX analytics_conversation_hours_range ON analytics_conversation_hours (scope, hour, prev_hour);

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

-- index rate_buckets_updated
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);

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

-- table analytics_conversation_hours
CREATE TABLE analytics_conversation_hours (
    scope TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    hour INTEGER NOT NULL,
    turns INTEGER NOT NULL,
    handoff_turns INTEGER NOT NULL,
    prev_hour INTEGER,
    PRIMARY KEY (scope, conversation_id, hour)
  ) STRICT, WITHOUT ROWID;

-- table analytics_demand_hours
CREATE TABLE analytics_demand_hours (
    hour INTEGER NOT NULL,
    model_key TEXT NOT NULL,
    product_id TEXT NOT NULL,
    signal TEXT NOT NULL,
    turns INTEGER NOT NULL,
    PRIMARY KEY (hour, model_key, product_id, signal)
  ) STRICT, WITHOUT ROWID;

-- table analytics_demand_rules
CREATE TABLE analytics_demand_rules (
    list TEXT NOT NULL CHECK (list IN ('price_phrase', 'too_expensive_phrase', 'price_intent', 'discount_intent', 'stock_intent')),
    value TEXT NOT NULL,
    PRIMARY KEY (list, value)
  ) STRICT, WITHOUT ROWID;

-- table analytics_hours
CREATE TABLE analytics_hours (
    hour INTEGER NOT NULL,
    channel TEXT NOT NULL,
    model_key TEXT NOT NULL,
    customer_turns INTEGER NOT NULL,
    operator_turns INTEGER NOT NULL,
    out_of_scope INTEGER NOT NULL,
    classified INTEGER NOT NULL,
    top_score_sum REAL NOT NULL,
    sentiment_sum REAL NOT NULL,
    sentiment_count INTEGER NOT NULL,
    conf0 INTEGER NOT NULL, conf1 INTEGER NOT NULL, conf2 INTEGER NOT NULL, conf3 INTEGER NOT NULL, conf4 INTEGER NOT NULL,
    conf5 INTEGER NOT NULL, conf6 INTEGER NOT NULL, conf7 INTEGER NOT NULL, conf8 INTEGER NOT NULL, conf9 INTEGER NOT NULL,
    thumbs_up INTEGER NOT NULL,
    thumbs_down INTEGER NOT NULL,
    ratings INTEGER NOT NULL,
    rating_sum REAL NOT NULL,
    ratings_high INTEGER NOT NULL,
    PRIMARY KEY (hour, channel, model_key)
  ) STRICT, WITHOUT ROWID;

-- table analytics_intent_hours
CREATE TABLE analytics_intent_hours (
    hour INTEGER NOT NULL,
    model_key TEXT NOT NULL,
    intent TEXT NOT NULL,
    turns INTEGER NOT NULL,
    PRIMARY KEY (hour, model_key, intent)
  ) STRICT, WITHOUT ROWID;

-- table analytics_meta
CREATE TABLE analytics_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
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

-- table rate_buckets
CREATE TABLE rate_buckets (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated_at INTEGER NOT NULL
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

-- trigger analytics_conversation_hour_change
CREATE TRIGGER analytics_conversation_hour_change INSTEAD OF INSERT ON analytics_conversation_hour_changes BEGIN
    -- A new hour in the chain: the next hour now follows it.
    UPDATE analytics_conversation_hours SET prev_hour = NEW.hour
      WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id
        AND hour = (SELECT MIN(hour) FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour > NEW.hour)
        AND NOT EXISTS (SELECT 1 FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour = NEW.hour);
    INSERT INTO analytics_conversation_hours (scope, conversation_id, hour, turns, handoff_turns, prev_hour)
      VALUES (NEW.scope, NEW.conversation_id, NEW.hour, NEW.turns, NEW.handoff_turns,
        (SELECT MAX(hour) FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour < NEW.hour))
      ON CONFLICT (scope, conversation_id, hour) DO UPDATE SET turns = turns + excluded.turns, handoff_turns = handoff_turns + excluded.handoff_turns;
    -- An hour left without turns leaves the chain: the next hour follows its previous one.
    UPDATE analytics_conversation_hours
      SET prev_hour = (SELECT prev_hour FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour = NEW.hour)
      WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id
        AND hour = (SELECT MIN(hour) FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour > NEW.hour)
        AND (SELECT turns FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour = NEW.hour) = 0;
    DELETE FROM analytics_conversation_hours WHERE scope = NEW.scope AND conversation_id = NEW.conversation_id AND hour = NEW.hour AND turns = 0;
  END;

-- trigger analytics_feedback_change
CREATE TRIGGER analytics_feedback_change INSTEAD OF INSERT ON analytics_feedback_changes BEGIN
    UPDATE analytics_hours SET
        thumbs_up = thumbs_up + NEW.sign * (NEW.kind = 'thumbs' AND NEW.value = '"up"'),
        thumbs_down = thumbs_down + NEW.sign * (NEW.kind = 'thumbs' AND NEW.value = '"down"'),
        ratings = ratings + NEW.sign * (NEW.kind = 'rating'),
        rating_sum = rating_sum + NEW.sign * (CASE WHEN NEW.kind = 'rating' THEN CAST(NEW.value AS REAL) ELSE 0 END),
        ratings_high = ratings_high + NEW.sign * (NEW.kind = 'rating' AND CAST(NEW.value AS REAL) >= 4)
      WHERE (hour, channel, model_key) = (SELECT hour, channel, model_key FROM analytics_turn_facts WHERE id = NEW.turn_id AND is_operator = 0);
  END;

-- trigger analytics_turn_change
CREATE TRIGGER analytics_turn_change INSTEAD OF INSERT ON analytics_turn_changes BEGIN
    INSERT INTO analytics_hours (hour, channel, model_key, customer_turns, operator_turns, out_of_scope, classified, top_score_sum,
        sentiment_sum, sentiment_count, conf0, conf1, conf2, conf3, conf4, conf5, conf6, conf7, conf8, conf9,
        thumbs_up, thumbs_down, ratings, rating_sum, ratings_high)
      SELECT f.hour, f.channel, f.model_key, NEW.sign * c.n, NEW.sign * f.is_operator, NEW.sign * c.n * f.out_of_scope,
        NEW.sign * c.n * (f.top_score IS NOT NULL), NEW.sign * c.n * COALESCE(f.top_score, 0),
        NEW.sign * c.n * COALESCE(f.sentiment_score, 0), NEW.sign * c.n * (f.sentiment_score IS NOT NULL),
        NEW.sign * c.n * (f.bin IS 0), NEW.sign * c.n * (f.bin IS 1), NEW.sign * c.n * (f.bin IS 2), NEW.sign * c.n * (f.bin IS 3),
        NEW.sign * c.n * (f.bin IS 4), NEW.sign * c.n * (f.bin IS 5), NEW.sign * c.n * (f.bin IS 6), NEW.sign * c.n * (f.bin IS 7),
        NEW.sign * c.n * (f.bin IS 8), NEW.sign * c.n * (f.bin IS 9),
        NEW.sign * c.n * fb.up, NEW.sign * c.n * fb.down, NEW.sign * c.n * fb.ratings, NEW.sign * c.n * fb.rating_sum, NEW.sign * c.n * fb.high
      FROM analytics_turn_facts f
        JOIN (SELECT 1 - is_operator AS n FROM turns WHERE seq = NEW.seq) c
        JOIN (SELECT COALESCE(SUM(kind = 'thumbs' AND value = '"up"'), 0) AS up, COALESCE(SUM(kind = 'thumbs' AND value = '"down"'), 0) AS down,
            COALESCE(SUM(kind = 'rating'), 0) AS ratings, COALESCE(SUM(CASE WHEN kind = 'rating' THEN CAST(value AS REAL) END), 0) AS rating_sum,
            COALESCE(SUM(kind = 'rating' AND CAST(value AS REAL) >= 4), 0) AS high
          FROM feedback WHERE turn_id = (SELECT id FROM turns WHERE seq = NEW.seq)) fb
      WHERE f.seq = NEW.seq
      ON CONFLICT (hour, channel, model_key) DO UPDATE SET
        customer_turns = customer_turns + excluded.customer_turns, operator_turns = operator_turns + excluded.operator_turns,
        out_of_scope = out_of_scope + excluded.out_of_scope, classified = classified + excluded.classified,
        top_score_sum = top_score_sum + excluded.top_score_sum, sentiment_sum = sentiment_sum + excluded.sentiment_sum,
        sentiment_count = sentiment_count + excluded.sentiment_count,
        conf0 = conf0 + excluded.conf0, conf1 = conf1 + excluded.conf1, conf2 = conf2 + excluded.conf2, conf3 = conf3 + excluded.conf3,
        conf4 = conf4 + excluded.conf4, conf5 = conf5 + excluded.conf5, conf6 = conf6 + excluded.conf6, conf7 = conf7 + excluded.conf7,
        conf8 = conf8 + excluded.conf8, conf9 = conf9 + excluded.conf9,
        thumbs_up = thumbs_up + excluded.thumbs_up, thumbs_down = thumbs_down + excluded.thumbs_down, ratings = ratings + excluded.ratings,
        rating_sum = rating_sum + excluded.rating_sum, ratings_high = ratings_high + excluded.ratings_high;
    DELETE FROM analytics_hours WHERE customer_turns = 0 AND operator_turns = 0
      AND (hour, channel, model_key) = (SELECT hour, channel, model_key FROM analytics_turn_facts WHERE seq = NEW.seq);

    INSERT INTO analytics_intent_hours (hour, model_key, intent, turns)
      SELECT hour, model_key, top_intent, NEW.sign FROM analytics_turn_facts
      WHERE seq = NEW.seq AND is_operator = 0 AND out_of_scope = 0 AND top_intent IS NOT NULL
      ON CONFLICT (hour, model_key, intent) DO UPDATE SET turns = turns + excluded.turns;
    DELETE FROM analytics_intent_hours WHERE turns = 0
      AND (hour, model_key, intent) = (SELECT hour, model_key, top_intent FROM analytics_turn_facts WHERE seq = NEW.seq);

    INSERT INTO analytics_conversation_hour_changes (scope, conversation_id, hour, turns, handoff_turns)
      SELECT '*', conversation_id, hour, NEW.sign, NEW.sign * has_handoff FROM analytics_turn_facts WHERE seq = NEW.seq AND is_operator = 0
      UNION ALL
      SELECT model_key, conversation_id, hour, NEW.sign, NEW.sign * has_handoff FROM analytics_turn_facts WHERE seq = NEW.seq AND is_operator = 0;

    INSERT INTO analytics_demand_hours (hour, model_key, product_id, signal, turns)
      SELECT DISTINCT hour, model_key, product_id, signal, NEW.sign FROM analytics_turn_demand WHERE seq = NEW.seq
      ON CONFLICT (hour, model_key, product_id, signal) DO UPDATE SET turns = turns + excluded.turns;
    DELETE FROM analytics_demand_hours WHERE turns = 0 AND hour = (SELECT hour FROM analytics_turn_facts WHERE seq = NEW.seq);
  END;

-- trigger feedback_analytics_delete
CREATE TRIGGER feedback_analytics_delete AFTER DELETE ON feedback BEGIN
    INSERT INTO analytics_feedback_changes (turn_id, kind, value, sign) VALUES (OLD.turn_id, OLD.kind, OLD.value, -1);
  END;

-- trigger feedback_analytics_insert
CREATE TRIGGER feedback_analytics_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO analytics_feedback_changes (turn_id, kind, value, sign) VALUES (NEW.turn_id, NEW.kind, NEW.value, 1);
  END;

-- trigger turns_analytics_delete
CREATE TRIGGER turns_analytics_delete BEFORE DELETE ON turns BEGIN
    INSERT INTO analytics_turn_changes (seq, sign) VALUES (OLD.seq, -1);
  END;

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
    INSERT INTO analytics_turn_changes (seq, sign) VALUES (NEW.seq, 1);
  END;

-- trigger turns_analytics_rollup_update
CREATE TRIGGER turns_analytics_rollup_update BEFORE UPDATE OF conversation_id, channel, message_id, text, intents, top_intent, out_of_scope,
      sentiment, entities, replies, model_version, at ON turns BEGIN
    INSERT INTO analytics_turn_changes (seq, sign) VALUES (OLD.seq, -1);
  END;

-- trigger turns_analytics_update
CREATE TRIGGER turns_analytics_update AFTER UPDATE OF conversation_id, channel, message_id, text, intents, top_intent, out_of_scope,
      sentiment, entities, replies, model_version, at ON turns BEGIN
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
    INSERT INTO analytics_turn_changes (seq, sign) VALUES (NEW.seq, 1);
  END;

-- view analytics_conversation_hour_changes
CREATE VIEW analytics_conversation_hour_changes AS SELECT scope, conversation_id, hour, turns, handoff_turns FROM analytics_conversation_hours;

-- view analytics_feedback_changes
CREATE VIEW analytics_feedback_changes AS SELECT 0 AS turn_id, 0 AS kind, 0 AS value, 0 AS sign WHERE 0;

-- view analytics_turn_changes
CREATE VIEW analytics_turn_changes AS SELECT 0 AS seq, 0 AS sign WHERE 0;

-- view analytics_turn_demand
CREATE VIEW analytics_turn_demand AS
    SELECT * FROM (
      SELECT s.seq, s.hour, s.model_key, json_extract(e.value, '$.value.productId') AS product_id, s.signal
        FROM analytics_turn_signals s, json_each(s.entities) e
        WHERE s.named AND s.signal <> 'out_of_stock' AND json_extract(e.value, '$.type') = 'product'
      UNION ALL
      SELECT s.seq, s.hour, s.model_key, json_extract(p.value, '$.productId'), s.signal
        FROM analytics_turn_signals s, json_each(s.replies) r, json_each(r.value, '$.products') p
        WHERE json_extract(r.value, '$.kind') = 'product_cards'
          AND CASE WHEN s.signal = 'out_of_stock' THEN json_type(p.value, '$.inStock') = 'false' ELSE NOT s.named END
    ) WHERE typeof(product_id) = 'text' AND product_id <> '';

-- view analytics_turn_facts
CREATE VIEW analytics_turn_facts AS
    SELECT seq, id, conversation_id, channel, at / 3600000 * 3600000 AS hour,
      CASE WHEN model_version IS NULL THEN '-' ELSE '=' || model_version END AS model_key,
      is_operator, out_of_scope, top_intent, top_score, sentiment_score, has_handoff, has_product, text, entities, replies,
      CASE WHEN top_score IS NOT NULL THEN MIN(9, MAX(0, CAST(top_score * 10 AS INTEGER))) END AS bin
    FROM turns;

-- view analytics_turn_signals
CREATE VIEW analytics_turn_signals AS
    SELECT f.seq, f.hour, f.model_key, f.entities, f.replies, instr(f.entities, '"type":"product"') > 0 AS named, s.signal
    FROM analytics_turn_facts f
      JOIN (SELECT 'too_expensive' AS signal UNION ALL SELECT 'discount_request' UNION ALL SELECT 'price_question' UNION ALL SELECT 'out_of_stock') s
    WHERE f.is_operator = 0 AND f.has_product = 1 AND CASE s.signal
      WHEN 'too_expensive' THEN EXISTS (SELECT 1 FROM analytics_demand_rules r WHERE r.list = 'too_expensive_phrase' AND instr(lower(f.text), r.value) > 0)
      WHEN 'discount_request' THEN f.out_of_scope = 0 AND f.top_intent IN (SELECT value FROM analytics_demand_rules WHERE list = 'discount_intent')
      WHEN 'price_question' THEN f.out_of_scope = 0 AND f.top_intent IN (SELECT value FROM analytics_demand_rules WHERE list = 'price_intent')
        AND EXISTS (SELECT 1 FROM analytics_demand_rules r WHERE r.list = 'price_phrase' AND instr(lower(f.text), r.value) > 0)
        AND NOT EXISTS (SELECT 1 FROM analytics_demand_rules r WHERE r.list = 'too_expensive_phrase' AND instr(lower(f.text), r.value) > 0)
      ELSE f.out_of_scope = 0 AND f.top_intent IN (SELECT value FROM analytics_demand_rules WHERE list = 'stock_intent')
    END;
