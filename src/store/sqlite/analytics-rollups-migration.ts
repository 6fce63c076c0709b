/**
 * SQLite migration 12 (frozen once shipped, like every migration): hourly analytics rollups kept by triggers, so the
 * dashboard sums a few thousand rollup rows instead of scanning every turn of the period (bench/scale: 1,000,000
 * turns). Hours, not days: the dashboard draws by hour when the data spans at most three days.
 *
 * Why triggers: every way a turn or a feedback row comes and goes (append, a customer's erasure, the retention purge,
 * foreign-key cascades, bulk imports straight into the table) keeps the rollups in the same transaction, with no
 * code path that could forget. One INSTEAD OF trigger (`analytics_turn_changes`) holds the bookkeeping of one turn
 * for both directions: +1 after a turn is inserted, -1 before it is deleted (when its row and feedback still exist).
 *
 * Keys: `model_key` is '-' for a turn logged without a model version, '=' || version otherwise (versions are never
 * empty), so NULL never sits in a key. `scope` of a conversation-hour is '*' (any model) or a model_key.
 *
 * Distinct conversations: a row per (scope, conversation, hour) with a customer turn, linked to the previous such
 * hour of the same conversation (`prev_hour`). The conversations of [from, to) are then the rows in it whose
 * prev_hour is before `from`: a plain count over an index, no DISTINCT.
 *
 * Demand signals (README "Price-demand signals") are matched against the rules in `analytics_demand_rules`, which the
 * store writes at open (the rules are the shop's vocabulary, passed in by the caller); writing different rules
 * rebuilds `analytics_demand_hours` from the turns. Phrases are stored lower-cased (ASCII), as SQLite's lower() folds.
 */
export const ANALYTICS_ROLLUPS_MIGRATION = `
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
  CREATE TABLE analytics_intent_hours (
    hour INTEGER NOT NULL,
    model_key TEXT NOT NULL,
    intent TEXT NOT NULL,
    turns INTEGER NOT NULL,
    PRIMARY KEY (hour, model_key, intent)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE analytics_conversation_hours (
    scope TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    hour INTEGER NOT NULL,
    turns INTEGER NOT NULL,
    handoff_turns INTEGER NOT NULL,
    prev_hour INTEGER,
    PRIMARY KEY (scope, conversation_id, hour)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX analytics_conversation_hours_range ON analytics_conversation_hours (scope, hour, prev_hour);
  CREATE INDEX analytics_conversation_hours_handoff ON analytics_conversation_hours (scope, hour, conversation_id) WHERE handoff_turns > 0;
  CREATE TABLE analytics_demand_hours (
    hour INTEGER NOT NULL,
    model_key TEXT NOT NULL,
    product_id TEXT NOT NULL,
    signal TEXT NOT NULL,
    turns INTEGER NOT NULL,
    PRIMARY KEY (hour, model_key, product_id, signal)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE analytics_demand_rules (
    list TEXT NOT NULL CHECK (list IN ('price_phrase', 'too_expensive_phrase', 'price_intent', 'discount_intent', 'stock_intent')),
    value TEXT NOT NULL,
    PRIMARY KEY (list, value)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE analytics_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE VIEW analytics_turn_facts AS
    SELECT seq, id, conversation_id, channel, at / 3600000 * 3600000 AS hour,
      CASE WHEN model_version IS NULL THEN '-' ELSE '=' || model_version END AS model_key,
      is_operator, out_of_scope, top_intent, top_score, sentiment_score, has_handoff, has_product, text, entities, replies,
      CASE WHEN top_score IS NOT NULL THEN MIN(9, MAX(0, CAST(top_score * 10 AS INTEGER))) END AS bin
    FROM turns;

  -- One row per customer turn and demand signal it carries (the rules in analytics_demand_rules).
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

  -- The products each signal counts for: the ones the customer named, else the ones on the bot's cards; out of stock
  -- counts the cards shown as not in stock. May repeat a (turn, product, signal): readers take DISTINCT.
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

  CREATE VIEW analytics_conversation_hour_changes AS SELECT scope, conversation_id, hour, turns, handoff_turns FROM analytics_conversation_hours;
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

  CREATE VIEW analytics_turn_changes AS SELECT 0 AS seq, 0 AS sign WHERE 0;
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

  -- Migration 6's trigger, plus the rollups (which read the derived columns it has just written).
  DROP TRIGGER turns_analytics_insert;
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
  -- BEFORE: the row and its feedback are still there to be subtracted; the feedback's own trigger then finds no turn.
  CREATE TRIGGER turns_analytics_delete BEFORE DELETE ON turns BEGIN
    INSERT INTO analytics_turn_changes (seq, sign) VALUES (OLD.seq, -1);
  END;
  -- Turns are never edited (the log is append-only); should one be, its rollups follow: out with the old, in with the
  -- new (migration 6's update trigger, replaced so the new derived columns are written before they are added).
  CREATE TRIGGER turns_analytics_rollup_update BEFORE UPDATE OF conversation_id, channel, message_id, text, intents, top_intent, out_of_scope,
      sentiment, entities, replies, model_version, at ON turns BEGIN
    INSERT INTO analytics_turn_changes (seq, sign) VALUES (OLD.seq, -1);
  END;
  DROP TRIGGER turns_analytics_update;
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

  CREATE VIEW analytics_feedback_changes AS SELECT 0 AS turn_id, 0 AS kind, 0 AS value, 0 AS sign WHERE 0;
  CREATE TRIGGER analytics_feedback_change INSTEAD OF INSERT ON analytics_feedback_changes BEGIN
    UPDATE analytics_hours SET
        thumbs_up = thumbs_up + NEW.sign * (NEW.kind = 'thumbs' AND NEW.value = '"up"'),
        thumbs_down = thumbs_down + NEW.sign * (NEW.kind = 'thumbs' AND NEW.value = '"down"'),
        ratings = ratings + NEW.sign * (NEW.kind = 'rating'),
        rating_sum = rating_sum + NEW.sign * (CASE WHEN NEW.kind = 'rating' THEN CAST(NEW.value AS REAL) ELSE 0 END),
        ratings_high = ratings_high + NEW.sign * (NEW.kind = 'rating' AND CAST(NEW.value AS REAL) >= 4)
      WHERE (hour, channel, model_key) = (SELECT hour, channel, model_key FROM analytics_turn_facts WHERE id = NEW.turn_id AND is_operator = 0);
  END;
  CREATE TRIGGER feedback_analytics_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO analytics_feedback_changes (turn_id, kind, value, sign) VALUES (NEW.turn_id, NEW.kind, NEW.value, 1);
  END;
  CREATE TRIGGER feedback_analytics_delete AFTER DELETE ON feedback BEGIN
    INSERT INTO analytics_feedback_changes (turn_id, kind, value, sign) VALUES (OLD.turn_id, OLD.kind, OLD.value, -1);
  END;

  -- The backfill, set-based (the same numbers as replaying each turn through analytics_turn_changes, which the
  -- migration tests check against a scan; a turn at a time took a minute for a million turns). Demand rows come when
  -- the store writes its rules.
  INSERT INTO analytics_hours (hour, channel, model_key, customer_turns, operator_turns, out_of_scope, classified, top_score_sum,
      sentiment_sum, sentiment_count, conf0, conf1, conf2, conf3, conf4, conf5, conf6, conf7, conf8, conf9,
      thumbs_up, thumbs_down, ratings, rating_sum, ratings_high)
    SELECT hour, channel, model_key, SUM(c), SUM(1 - c), SUM(c * out_of_scope), SUM(c * (top_score IS NOT NULL)), TOTAL(c * top_score),
      TOTAL(c * sentiment_score), SUM(c * (sentiment_score IS NOT NULL)),
      SUM(c * (bin IS 0)), SUM(c * (bin IS 1)), SUM(c * (bin IS 2)), SUM(c * (bin IS 3)), SUM(c * (bin IS 4)),
      SUM(c * (bin IS 5)), SUM(c * (bin IS 6)), SUM(c * (bin IS 7)), SUM(c * (bin IS 8)), SUM(c * (bin IS 9)),
      SUM(c * up), SUM(c * down), SUM(c * ratings), TOTAL(c * rating_sum), SUM(c * high)
    FROM (
      SELECT f.hour, f.channel, f.model_key, 1 - f.is_operator AS c, f.out_of_scope, f.top_score, f.sentiment_score, f.bin,
        COALESCE(b.up, 0) AS up, COALESCE(b.down, 0) AS down, COALESCE(b.ratings, 0) AS ratings, COALESCE(b.rating_sum, 0) AS rating_sum,
        COALESCE(b.high, 0) AS high
      FROM analytics_turn_facts f LEFT JOIN (
        SELECT turn_id, SUM(kind = 'thumbs' AND value = '"up"') AS up, SUM(kind = 'thumbs' AND value = '"down"') AS down,
          SUM(kind = 'rating') AS ratings, TOTAL(CASE WHEN kind = 'rating' THEN CAST(value AS REAL) END) AS rating_sum,
          SUM(kind = 'rating' AND CAST(value AS REAL) >= 4) AS high
        FROM feedback GROUP BY turn_id
      ) b ON b.turn_id = f.id
    )
    GROUP BY hour, channel, model_key;
  INSERT INTO analytics_intent_hours (hour, model_key, intent, turns)
    SELECT hour, model_key, top_intent, COUNT(*) FROM analytics_turn_facts
    WHERE is_operator = 0 AND out_of_scope = 0 AND top_intent IS NOT NULL GROUP BY hour, model_key, top_intent;
  INSERT INTO analytics_conversation_hours (scope, conversation_id, hour, turns, handoff_turns, prev_hour)
    SELECT scope, conversation_id, hour, turns, handoffs, LAG(hour) OVER (PARTITION BY scope, conversation_id ORDER BY hour)
    FROM (
      SELECT CASE WHEN e.every = 1 THEN '*' ELSE f.model_key END AS scope, f.conversation_id, f.hour, COUNT(*) AS turns, SUM(f.has_handoff) AS handoffs
      FROM analytics_turn_facts f JOIN (SELECT 0 AS every UNION ALL SELECT 1) e
      WHERE f.is_operator = 0 GROUP BY 1, 2, 3
    );
`;
