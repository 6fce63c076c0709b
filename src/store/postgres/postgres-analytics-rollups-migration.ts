/**
 * PostgreSQL migration 7 (frozen once shipped): the hourly analytics rollups of SQLite's migration 12, kept by
 * triggers in the writing transaction. The same tables, keys and rules; see src/store/sqlite/analytics-rollups-migration.ts
 * for why triggers, why hours, the model keys ('-' / '=' || version, scope '*' for every model) and the chain of
 * conversation-hours (`prev_hour`) that makes "distinct conversations in [from, to)" a count without DISTINCT.
 *
 * analytics_turn_change(turn, sign) is the bookkeeping of one turn: +1 after insert, -1 before delete (the turn's
 * feedback is still there and is subtracted with it; the feedback's own trigger then finds no turn). Upserts take
 * their row locks in a fixed order (hour row, conversation rows, demand rows by product), so two writers never wait
 * on each other in a cycle. Phrases in analytics_demand_rules are stored lower-cased (ASCII), and turn texts are
 * folded the same way with translate(), as phrase-matcher.ts does.
 */
export const POSTGRES_ANALYTICS_ROLLUPS_MIGRATION = `
  CREATE TABLE analytics_hours (
    hour BIGINT NOT NULL,
    channel TEXT NOT NULL,
    model_key TEXT NOT NULL,
    customer_turns BIGINT NOT NULL,
    operator_turns BIGINT NOT NULL,
    out_of_scope BIGINT NOT NULL,
    classified BIGINT NOT NULL,
    top_score_sum DOUBLE PRECISION NOT NULL,
    sentiment_sum DOUBLE PRECISION NOT NULL,
    sentiment_count BIGINT NOT NULL,
    confidence BIGINT[] NOT NULL CHECK (cardinality(confidence) = 10),
    thumbs_up BIGINT NOT NULL,
    thumbs_down BIGINT NOT NULL,
    ratings BIGINT NOT NULL,
    rating_sum DOUBLE PRECISION NOT NULL,
    ratings_high BIGINT NOT NULL,
    PRIMARY KEY (hour, channel, model_key)
  );
  CREATE TABLE analytics_intent_hours (
    hour BIGINT NOT NULL,
    model_key TEXT NOT NULL,
    intent TEXT NOT NULL,
    turns BIGINT NOT NULL,
    PRIMARY KEY (hour, model_key, intent)
  );
  CREATE TABLE analytics_conversation_hours (
    scope TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    hour BIGINT NOT NULL,
    turns BIGINT NOT NULL,
    handoff_turns BIGINT NOT NULL,
    prev_hour BIGINT,
    PRIMARY KEY (scope, conversation_id, hour)
  );
  -- conversation_id in the key: the chain's single-row lookups (scope, conversation, hour) find their row through either index.
  CREATE INDEX analytics_conversation_hours_range ON analytics_conversation_hours (scope, hour, conversation_id) INCLUDE (prev_hour);
  CREATE INDEX analytics_conversation_hours_handoff ON analytics_conversation_hours (scope, hour) INCLUDE (conversation_id) WHERE handoff_turns > 0;
  CREATE TABLE analytics_demand_hours (
    hour BIGINT NOT NULL,
    model_key TEXT NOT NULL,
    product_id TEXT NOT NULL,
    signal TEXT NOT NULL,
    turns BIGINT NOT NULL,
    PRIMARY KEY (hour, model_key, product_id, signal)
  );
  CREATE TABLE analytics_demand_rules (
    list TEXT NOT NULL CHECK (list IN ('price_phrase', 'too_expensive_phrase', 'price_intent', 'discount_intent', 'stock_intent')),
    value TEXT NOT NULL,
    PRIMARY KEY (list, value)
  );
  CREATE TABLE analytics_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE FUNCTION analytics_model_key(version TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN version IS NULL THEN '-' ELSE '=' || version END
  $$;

  -- The (product, signal) pairs one turn counts for under the stored rules (README "Price-demand signals").
  -- PL/pgSQL, not SQL: its plan is prepared once per session instead of on every call.
  CREATE FUNCTION analytics_turn_demand(t turns) RETURNS TABLE (product_id TEXT, signal TEXT) LANGUAGE plpgsql STABLE AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY WITH f AS (
      SELECT translate(t.text, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS lower_text,
        EXISTS (SELECT 1 FROM json_array_elements(CASE WHEN json_typeof(t.entities) = 'array' THEN t.entities ELSE '[]'::json END) e WHERE json_typeof(e) = 'object' AND e ->> 'type' = 'product') AS named
      WHERE NOT t.is_operator AND t.has_product
    ),
    flags AS (
      SELECT f.named,
        EXISTS (SELECT 1 FROM analytics_demand_rules r WHERE r.list = 'too_expensive_phrase' AND strpos(f.lower_text, r.value) > 0) AS too_expensive,
        (NOT t.out_of_scope AND t.top_intent IN (SELECT value FROM analytics_demand_rules WHERE list = 'discount_intent')) IS TRUE AS discount_request,
        (NOT t.out_of_scope AND t.top_intent IN (SELECT value FROM analytics_demand_rules WHERE list = 'price_intent')
          AND EXISTS (SELECT 1 FROM analytics_demand_rules r WHERE r.list = 'price_phrase' AND strpos(f.lower_text, r.value) > 0)) IS TRUE AS price_ask,
        (NOT t.out_of_scope AND t.top_intent IN (SELECT value FROM analytics_demand_rules WHERE list = 'stock_intent')) IS TRUE AS stock_ask
      FROM f
    ),
    s AS (
      SELECT x.named, 'too_expensive' AS signal FROM flags x WHERE x.too_expensive
      UNION ALL SELECT x.named, 'discount_request' FROM flags x WHERE x.discount_request
      UNION ALL SELECT x.named, 'price_question' FROM flags x WHERE x.price_ask AND NOT x.too_expensive
    ),
    cards AS (
      SELECT p FROM json_array_elements(CASE WHEN json_typeof(t.replies) = 'array' THEN t.replies ELSE '[]'::json END) r
        CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(r -> 'products') = 'array' THEN r -> 'products' ELSE '[]'::json END) p
      WHERE json_typeof(r) = 'object' AND r ->> 'kind' = 'product_cards'
    ),
    attributed AS (
      SELECT e -> 'value' -> 'productId' AS product, s.signal FROM s
        CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(t.entities) = 'array' THEN t.entities ELSE '[]'::json END) e
        WHERE s.named AND json_typeof(e) = 'object' AND e ->> 'type' = 'product'
      UNION ALL SELECT c.p -> 'productId', s.signal FROM s CROSS JOIN cards c WHERE NOT s.named
      UNION ALL SELECT c.p -> 'productId', 'out_of_stock' FROM flags x CROSS JOIN cards c
        WHERE x.stock_ask AND json_typeof(c.p -> 'inStock') = 'boolean' AND c.p ->> 'inStock' = 'false'
    )
    SELECT DISTINCT a.product #>> '{}', a.signal FROM attributed a
      WHERE json_typeof(a.product) = 'string' AND a.product #>> '{}' <> '';
  END
  $$;

  CREATE FUNCTION analytics_conversation_hour_change(p_scope TEXT, p_conversation TEXT, p_hour BIGINT, p_turns BIGINT, p_handoff BIGINT)
  RETURNS void LANGUAGE plpgsql AS $$
  -- Neighbours are found in primary-key order with LIMIT 1, so even a generic plan over a table without statistics
  -- (a backfill in one transaction) walks the conversation's own hours, never a whole hour of every conversation.
  DECLARE
    left_turns BIGINT;
    old_prev BIGINT;
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM analytics_conversation_hours WHERE scope = p_scope AND conversation_id = p_conversation AND hour = p_hour) THEN
      -- A new hour in the chain: the next hour now follows it.
      UPDATE analytics_conversation_hours SET prev_hour = p_hour
        WHERE scope = p_scope AND conversation_id = p_conversation
          AND hour = (SELECT n.hour FROM analytics_conversation_hours n WHERE n.scope = p_scope AND n.conversation_id = p_conversation AND n.hour > p_hour
            ORDER BY n.scope, n.conversation_id, n.hour LIMIT 1);
    END IF;
    INSERT INTO analytics_conversation_hours AS c (scope, conversation_id, hour, turns, handoff_turns, prev_hour)
      VALUES (p_scope, p_conversation, p_hour, p_turns, p_handoff,
        (SELECT p.hour FROM analytics_conversation_hours p WHERE p.scope = p_scope AND p.conversation_id = p_conversation AND p.hour < p_hour
          ORDER BY p.scope DESC, p.conversation_id DESC, p.hour DESC LIMIT 1))
      ON CONFLICT (scope, conversation_id, hour) DO UPDATE SET turns = c.turns + excluded.turns, handoff_turns = c.handoff_turns + excluded.handoff_turns
      RETURNING c.turns, c.prev_hour INTO left_turns, old_prev;
    IF left_turns = 0 THEN
      -- An hour left without turns leaves the chain: the next hour follows its previous one.
      UPDATE analytics_conversation_hours SET prev_hour = old_prev
        WHERE scope = p_scope AND conversation_id = p_conversation
          AND hour = (SELECT n.hour FROM analytics_conversation_hours n WHERE n.scope = p_scope AND n.conversation_id = p_conversation AND n.hour > p_hour
            ORDER BY n.scope, n.conversation_id, n.hour LIMIT 1);
      DELETE FROM analytics_conversation_hours WHERE scope = p_scope AND conversation_id = p_conversation AND hour = p_hour;
    END IF;
  END
  $$;

  -- p_feedback: whether the turn may have feedback to count with it (not when it was just inserted).
  CREATE FUNCTION analytics_turn_change(t turns, p_sign INTEGER, p_feedback BOOLEAN) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    v_hour BIGINT := t.at / 3600000 * 3600000;
    v_mk TEXT := analytics_model_key(t.model_version);
    v_n INTEGER := p_sign * (CASE WHEN t.is_operator THEN 0 ELSE 1 END);
    v_bin INTEGER := CASE WHEN t.top_score IS NOT NULL THEN LEAST(9, GREATEST(0, trunc(t.top_score * 10)::integer)) END;
    fb RECORD;
  BEGIN
    IF NOT p_feedback THEN
      SELECT 0::bigint AS up, 0::bigint AS down, 0::bigint AS ratings, 0::double precision AS rating_sum, 0::bigint AS high INTO fb;
    ELSE
      SELECT COUNT(*) FILTER (WHERE f.kind = 'thumbs' AND f.value::text = '"up"') AS up,
          COUNT(*) FILTER (WHERE f.kind = 'thumbs' AND f.value::text = '"down"') AS down,
          COUNT(*) FILTER (WHERE f.kind = 'rating') AS ratings,
          COALESCE(SUM(CASE WHEN f.kind = 'rating' THEN (f.value::text)::double precision END), 0) AS rating_sum,
          COUNT(*) FILTER (WHERE f.kind = 'rating' AND (CASE WHEN f.kind = 'rating' THEN (f.value::text)::double precision END) >= 4) AS high
        INTO fb FROM feedback f WHERE f.turn_id = t.id;
    END IF;
    INSERT INTO analytics_hours AS h (hour, channel, model_key, customer_turns, operator_turns, out_of_scope, classified, top_score_sum,
        sentiment_sum, sentiment_count, confidence, thumbs_up, thumbs_down, ratings, rating_sum, ratings_high)
      VALUES (v_hour, t.channel, v_mk, v_n, p_sign - v_n, v_n * (CASE WHEN t.out_of_scope THEN 1 ELSE 0 END),
        v_n * (CASE WHEN t.top_score IS NULL THEN 0 ELSE 1 END), v_n * COALESCE(t.top_score, 0),
        v_n * COALESCE(t.sentiment_score, 0), v_n * (CASE WHEN t.sentiment_score IS NULL THEN 0 ELSE 1 END),
        ARRAY(SELECT CASE WHEN i = v_bin THEN v_n ELSE 0 END::bigint FROM generate_series(0, 9) i ORDER BY i),
        v_n * fb.up, v_n * fb.down, v_n * fb.ratings, v_n * fb.rating_sum, v_n * fb.high)
      ON CONFLICT (hour, channel, model_key) DO UPDATE SET
        customer_turns = h.customer_turns + excluded.customer_turns, operator_turns = h.operator_turns + excluded.operator_turns,
        out_of_scope = h.out_of_scope + excluded.out_of_scope, classified = h.classified + excluded.classified,
        top_score_sum = h.top_score_sum + excluded.top_score_sum, sentiment_sum = h.sentiment_sum + excluded.sentiment_sum,
        sentiment_count = h.sentiment_count + excluded.sentiment_count,
        confidence = ARRAY(SELECT u.a + u.b FROM unnest(h.confidence, excluded.confidence) WITH ORDINALITY AS u (a, b, i) ORDER BY u.i),
        thumbs_up = h.thumbs_up + excluded.thumbs_up, thumbs_down = h.thumbs_down + excluded.thumbs_down, ratings = h.ratings + excluded.ratings,
        rating_sum = h.rating_sum + excluded.rating_sum, ratings_high = h.ratings_high + excluded.ratings_high;
    DELETE FROM analytics_hours h WHERE h.hour = v_hour AND h.channel = t.channel AND h.model_key = v_mk
      AND h.customer_turns = 0 AND h.operator_turns = 0;
    IF t.is_operator THEN
      RETURN;
    END IF;

    IF NOT t.out_of_scope AND t.top_intent IS NOT NULL THEN
      INSERT INTO analytics_intent_hours AS i (hour, model_key, intent, turns) VALUES (v_hour, v_mk, t.top_intent, p_sign)
        ON CONFLICT (hour, model_key, intent) DO UPDATE SET turns = i.turns + excluded.turns;
      DELETE FROM analytics_intent_hours i WHERE i.hour = v_hour AND i.model_key = v_mk AND i.intent = t.top_intent AND i.turns = 0;
    END IF;

    PERFORM analytics_conversation_hour_change('*', t.conversation_id, v_hour, p_sign, p_sign * (CASE WHEN t.has_handoff THEN 1 ELSE 0 END));
    PERFORM analytics_conversation_hour_change(v_mk, t.conversation_id, v_hour, p_sign, p_sign * (CASE WHEN t.has_handoff THEN 1 ELSE 0 END));

    IF t.has_product THEN
      INSERT INTO analytics_demand_hours AS d (hour, model_key, product_id, signal, turns)
        SELECT v_hour, v_mk, x.product_id, x.signal, p_sign FROM analytics_turn_demand(t) x ORDER BY x.product_id, x.signal
        ON CONFLICT (hour, model_key, product_id, signal) DO UPDATE SET turns = d.turns + excluded.turns;
      DELETE FROM analytics_demand_hours d WHERE d.hour = v_hour AND d.model_key = v_mk AND d.turns = 0;
    END IF;
  END
  $$;

  CREATE FUNCTION analytics_turns_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM analytics_turn_change(NEW, 1, TG_OP = 'UPDATE');
    RETURN NULL;
  END
  $$;
  CREATE FUNCTION analytics_turns_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM analytics_turn_change(OLD, -1, true);
    RETURN OLD;
  END
  $$;
  CREATE TRIGGER turns_analytics_insert AFTER INSERT ON turns FOR EACH ROW EXECUTE FUNCTION analytics_turns_inserted();
  -- BEFORE: the row and its feedback are still there to be subtracted.
  CREATE TRIGGER turns_analytics_delete BEFORE DELETE ON turns FOR EACH ROW EXECUTE FUNCTION analytics_turns_deleting();
  -- Turns are never edited (the log is append-only); should one be, its rollups follow: out with the old, in with the new.
  CREATE TRIGGER turns_analytics_update_old BEFORE UPDATE ON turns FOR EACH ROW EXECUTE FUNCTION analytics_turns_deleting();
  CREATE TRIGGER turns_analytics_update_new AFTER UPDATE ON turns FOR EACH ROW EXECUTE FUNCTION analytics_turns_inserted();

  CREATE FUNCTION analytics_feedback_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    f feedback := CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
    v_sign INTEGER := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
    rating DOUBLE PRECISION := CASE WHEN f.kind = 'rating' THEN (f.value::text)::double precision END;
  BEGIN
    UPDATE analytics_hours h SET
        thumbs_up = h.thumbs_up + v_sign * (CASE WHEN f.kind = 'thumbs' AND f.value::text = '"up"' THEN 1 ELSE 0 END),
        thumbs_down = h.thumbs_down + v_sign * (CASE WHEN f.kind = 'thumbs' AND f.value::text = '"down"' THEN 1 ELSE 0 END),
        ratings = h.ratings + v_sign * (CASE WHEN rating IS NULL THEN 0 ELSE 1 END),
        rating_sum = h.rating_sum + v_sign * COALESCE(rating, 0),
        ratings_high = h.ratings_high + v_sign * (CASE WHEN rating >= 4 THEN 1 ELSE 0 END)
      FROM turns t
      WHERE t.id = f.turn_id AND NOT t.is_operator
        AND h.hour = t.at / 3600000 * 3600000 AND h.channel = t.channel AND h.model_key = analytics_model_key(t.model_version);
    RETURN NULL;
  END
  $$;
  CREATE TRIGGER feedback_analytics AFTER INSERT OR DELETE ON feedback FOR EACH ROW EXECUTE FUNCTION analytics_feedback_changed();

  -- The backfill, set-based (a turn at a time through analytics_turn_change took minutes for a million turns); the
  -- migration tests check it against a scan of the same turns. Demand rows come when the store writes its rules.
  INSERT INTO analytics_hours (hour, channel, model_key, customer_turns, operator_turns, out_of_scope, classified, top_score_sum,
      sentiment_sum, sentiment_count, confidence, thumbs_up, thumbs_down, ratings, rating_sum, ratings_high)
    SELECT x.hour, x.channel, x.model_key,
      COUNT(*) FILTER (WHERE x.c), COUNT(*) FILTER (WHERE NOT x.c), COUNT(*) FILTER (WHERE x.c AND x.out_of_scope),
      COUNT(x.top_score) FILTER (WHERE x.c), COALESCE(SUM(x.top_score) FILTER (WHERE x.c), 0),
      COALESCE(SUM(x.sentiment_score) FILTER (WHERE x.c), 0), COUNT(x.sentiment_score) FILTER (WHERE x.c),
      ARRAY[COUNT(*) FILTER (WHERE x.c AND x.bin = 0), COUNT(*) FILTER (WHERE x.c AND x.bin = 1), COUNT(*) FILTER (WHERE x.c AND x.bin = 2),
        COUNT(*) FILTER (WHERE x.c AND x.bin = 3), COUNT(*) FILTER (WHERE x.c AND x.bin = 4), COUNT(*) FILTER (WHERE x.c AND x.bin = 5),
        COUNT(*) FILTER (WHERE x.c AND x.bin = 6), COUNT(*) FILTER (WHERE x.c AND x.bin = 7), COUNT(*) FILTER (WHERE x.c AND x.bin = 8),
        COUNT(*) FILTER (WHERE x.c AND x.bin = 9)],
      COALESCE(SUM(x.up) FILTER (WHERE x.c), 0), COALESCE(SUM(x.down) FILTER (WHERE x.c), 0), COALESCE(SUM(x.ratings) FILTER (WHERE x.c), 0),
      COALESCE(SUM(x.rating_sum) FILTER (WHERE x.c), 0), COALESCE(SUM(x.high) FILTER (WHERE x.c), 0)
    FROM (
      SELECT t.at / 3600000 * 3600000 AS hour, t.channel, analytics_model_key(t.model_version) AS model_key, NOT t.is_operator AS c,
        t.out_of_scope, t.top_score, t.sentiment_score,
        CASE WHEN t.top_score IS NOT NULL THEN LEAST(9, GREATEST(0, trunc(t.top_score * 10)::integer)) END AS bin,
        COALESCE(f.up, 0) AS up, COALESCE(f.down, 0) AS down, COALESCE(f.ratings, 0) AS ratings, COALESCE(f.rating_sum, 0) AS rating_sum,
        COALESCE(f.high, 0) AS high
      FROM turns t LEFT JOIN (
        SELECT turn_id, COUNT(*) FILTER (WHERE kind = 'thumbs' AND value::text = '"up"') AS up,
          COUNT(*) FILTER (WHERE kind = 'thumbs' AND value::text = '"down"') AS down, COUNT(*) FILTER (WHERE kind = 'rating') AS ratings,
          SUM(CASE WHEN kind = 'rating' THEN (value::text)::double precision END) AS rating_sum,
          COUNT(*) FILTER (WHERE kind = 'rating' AND (CASE WHEN kind = 'rating' THEN (value::text)::double precision END) >= 4) AS high
        FROM feedback GROUP BY turn_id
      ) f ON f.turn_id = t.id
    ) x
    GROUP BY x.hour, x.channel, x.model_key;
  INSERT INTO analytics_intent_hours (hour, model_key, intent, turns)
    SELECT t.at / 3600000 * 3600000, analytics_model_key(t.model_version), t.top_intent, COUNT(*) FROM turns t
    WHERE NOT t.is_operator AND NOT t.out_of_scope AND t.top_intent IS NOT NULL GROUP BY 1, 2, 3;
  INSERT INTO analytics_conversation_hours (scope, conversation_id, hour, turns, handoff_turns, prev_hour)
    SELECT x.scope, x.conversation_id, x.hour, x.turns, x.handoffs, LAG(x.hour) OVER (PARTITION BY x.scope, x.conversation_id ORDER BY x.hour)
    FROM (
      SELECT s.scope, t.conversation_id, t.at / 3600000 * 3600000 AS hour, COUNT(*) AS turns, COUNT(*) FILTER (WHERE t.has_handoff) AS handoffs
      FROM turns t CROSS JOIN LATERAL (VALUES ('*'), (analytics_model_key(t.model_version))) AS s (scope)
      WHERE NOT t.is_operator GROUP BY 1, 2, 3
    ) x;
`;
