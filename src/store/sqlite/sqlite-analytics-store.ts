import type { AnalyticsStore } from '../store.ts';
import { analyticsQuerySchema, analyticsWindowSchema, demandQuerySchema, parseInput } from '../store-schemas.ts';
import type { AnalyticsWindow, DemandSignal } from '../analytics-types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms } from './sqlite-rows.ts';

/**
 * Customer turns of the window. Every query starts from the turns_at index; the operator test is a prefix compare
 * (not LIKE, whose `_` and `%` would be wildcards in the prefix). `@model` is bound as '' for "any version", because
 * a NULL model means "turns logged without a version".
 */
const CUSTOMER = `at >= @from AND at < @to AND substr(message_id, 1, length(@op)) <> @op
  AND (@anyModel = 1 OR model_version IS @model)`;
const BUCKET = 'CAST((at - @from) / @bucketMs AS INTEGER)';
/** -1..+1 as compute-analytics documents it: probabilities when logged, else the label. */
const SENTIMENT = `CASE
  WHEN json_type(sentiment, '$.scores.positive') IN ('integer', 'real') AND json_type(sentiment, '$.scores.negative') IN ('integer', 'real')
    THEN json_extract(sentiment, '$.scores.positive') - json_extract(sentiment, '$.scores.negative')
  WHEN json_type(sentiment) = 'object' THEN CASE json_extract(sentiment, '$.label') WHEN 'positive' THEN 1.0 WHEN 'neutral' THEN 0.0 WHEN 'negative' THEN -1.0 END
END`;
/** JSON.stringify writes no spaces, so this substring is exactly a reply object of kind handoff. */
const HAS_HANDOFF = `instr(replies, '"kind":"handoff"') > 0`;
const TOP_SCORE = `json_extract(intents, '$[0].score')`;

function params(w: AnalyticsWindow & { bucketMs?: number }) {
  return {
    from: ms(w.from),
    to: ms(w.to),
    op: w.operatorPrefix,
    anyModel: w.modelVersion === undefined ? 1 : 0,
    model: w.modelVersion ?? null,
    bucketMs: w.bucketMs ?? 1,
  };
}

export function sqliteAnalyticsStore({ db }: SqliteContext): AnalyticsStore {
  const extent = db.prepare(`SELECT MIN(at) AS first, MAX(at) AS last FROM turns WHERE ${CUSTOMER}`);
  const totals = db.prepare(`SELECT COUNT(*) AS turns, COUNT(DISTINCT conversation_id) AS conversations,
      COALESCE(SUM(out_of_scope), 0) AS oos, COUNT(DISTINCT CASE WHEN ${HAS_HANDOFF} THEN conversation_id END) AS handoffs
    FROM turns WHERE ${CUSTOMER}`);
  const operatorTurns = db.prepare(`SELECT COUNT(*) AS n FROM turns WHERE at >= @from AND at < @to
      AND substr(message_id, 1, length(@op)) = @op AND (@anyModel = 1 OR model_version IS @model)`);
  const byBucket = db.prepare(`SELECT ${BUCKET} AS bucket, channel, COUNT(*) AS count FROM turns WHERE ${CUSTOMER}
    GROUP BY bucket, channel ORDER BY bucket, channel`);
  const sentiment = db.prepare(`SELECT bucket, SUM(s) AS sum, COUNT(*) AS count FROM
      (SELECT ${BUCKET} AS bucket, ${SENTIMENT} AS s FROM turns WHERE ${CUSTOMER}) WHERE s IS NOT NULL GROUP BY bucket ORDER BY bucket`);
  const topIntents = db.prepare(`SELECT top_intent AS intent, COUNT(*) AS count FROM turns
    WHERE ${CUSTOMER} AND out_of_scope = 0 AND top_intent IS NOT NULL GROUP BY top_intent ORDER BY count DESC, intent LIMIT 10`);
  const confidence = db.prepare(`SELECT MIN(9, MAX(0, CAST(score * 10 AS INTEGER))) AS bin, COUNT(*) AS count FROM
      (SELECT ${TOP_SCORE} AS score FROM turns WHERE ${CUSTOMER}) WHERE score IS NOT NULL GROUP BY bin`);
  const feedback = db.prepare(`SELECT
      COALESCE(SUM(f.kind = 'thumbs' AND f.value = '"up"'), 0) AS up, COALESCE(SUM(f.kind = 'thumbs' AND f.value = '"down"'), 0) AS down,
      COALESCE(SUM(f.kind = 'rating'), 0) AS ratings, COALESCE(SUM(CASE WHEN f.kind = 'rating' THEN CAST(f.value AS REAL) END), 0) AS ratingSum,
      COALESCE(SUM(f.kind = 'rating' AND CAST(f.value AS REAL) >= 4), 0) AS high
    FROM turns JOIN feedback f ON f.turn_id = turns.id WHERE ${CUSTOMER.replaceAll('at ', 'turns.at ')}`);
  const perModel = db.prepare(`SELECT model_version AS version, COUNT(*) AS messages, COUNT(${TOP_SCORE}) AS classified,
      COALESCE(SUM(${TOP_SCORE}), 0) AS topScoreSum, COALESCE(SUM(out_of_scope), 0) AS outOfScope,
      COALESCE(SUM((SELECT COUNT(*) FROM feedback f WHERE f.turn_id = turns.id AND f.kind = 'thumbs' AND f.value = '"up"')), 0) AS thumbsUp,
      COALESCE(SUM((SELECT COUNT(*) FROM feedback f WHERE f.turn_id = turns.id AND f.kind = 'thumbs' AND f.value = '"down"')), 0) AS thumbsDown
    FROM turns WHERE ${CUSTOMER} GROUP BY model_version ORDER BY model_version IS NULL, model_version`);
  const demand = db.prepare(demandSql());

  return {
    async extent(window) {
      const row = extent.get(params(parseInput(analyticsWindowSchema, window, 'analytics window'))) as { first: number | null; last: number | null };
      return { first: row.first === null ? null : new Date(row.first), last: row.last === null ? null : new Date(row.last) };
    },
    async aggregate(query) {
      const p = params(parseInput(analyticsQuerySchema, query, 'analytics query'));
      const t = totals.get(p) as { turns: number; conversations: number; oos: number; handoffs: number };
      const bins = new Array<number>(10).fill(0);
      for (const r of confidence.all(p) as Array<{ bin: number; count: number }>) bins[r.bin] = r.count;
      const f = feedback.get(p) as { up: number; down: number; ratings: number; ratingSum: number; high: number };
      return {
        customerTurns: t.turns,
        operatorTurns: (operatorTurns.get(p) as { n: number }).n,
        conversations: t.conversations,
        outOfScope: t.oos,
        handoffConversations: t.handoffs,
        byBucket: byBucket.all(p) as Array<{ bucket: number; channel: string; count: number }>,
        sentimentByBucket: sentiment.all(p) as Array<{ bucket: number; sum: number; count: number }>,
        topIntents: topIntents.all(p) as Array<{ intent: string; count: number }>,
        confidenceBins: bins,
        feedback: { thumbsUp: f.up, thumbsDown: f.down, ratings: f.ratings, ratingSum: f.ratingSum, ratingsAtLeast4: f.high },
      };
    },
    async perModel(window) {
      const { modelVersion: _ignored, ...w } = parseInput(analyticsWindowSchema, window, 'analytics window');
      return perModel.all(params(w)) as Awaited<ReturnType<AnalyticsStore['perModel']>>;
    },
    async demandSignals(query) {
      const q = parseInput(demandQuerySchema, query, 'demand query');
      const r = q.rules;
      const rows = demand.all({
        ...params(q),
        price: JSON.stringify(r.pricePhrases), priceIntents: JSON.stringify(r.priceIntents), discountIntents: JSON.stringify(r.discountIntents),
        tooExpensive: JSON.stringify(r.tooExpensivePhrases), stockIntents: JSON.stringify(r.stockIntents),
      });
      return rows as Array<{ productId: string; signal: DemandSignal; bucket: number; count: number }>;
    },
  };
}

/**
 * One statement for all five signals (definitions in README "Price-demand signals"). Text signals are decided per
 * turn, then attributed to the products the customer named, or, when none was named, to the products on the bot's
 * cards (which is how the dialogue's product focus shows in the log: "how much is it?" is answered with its card).
 */
function demandSql(): string {
  const has = (list: string) => `EXISTS (SELECT 1 FROM json_each(@${list}) w WHERE instr(t.lt, lower(w.value)) > 0)`;
  const inList = (list: string) => `t.top_intent IN (SELECT value FROM json_each(@${list}))`;
  const namesProduct = `EXISTS (SELECT 1 FROM json_each(s.entities) e WHERE json_extract(e.value, '$.type') = 'product')`;
  return `WITH t AS MATERIALIZED (
      SELECT id, at, top_intent, out_of_scope, lower(text) AS lt, entities, replies FROM turns WHERE ${CUSTOMER}
    ),
    s AS (
      SELECT id, at, entities, replies, 'too_expensive' AS signal FROM t WHERE ${has('tooExpensive')}
      UNION ALL SELECT id, at, entities, replies, 'discount_request' FROM t WHERE t.out_of_scope = 0 AND ${inList('discountIntents')}
      UNION ALL SELECT id, at, entities, replies, 'price_question' FROM t
        WHERE t.out_of_scope = 0 AND ${inList('priceIntents')} AND ${has('price')} AND NOT ${has('tooExpensive')}
    ),
    attributed AS (
      SELECT s.id, s.at, s.signal, json_extract(e.value, '$.value.productId') AS product FROM s, json_each(s.entities) e
        WHERE json_extract(e.value, '$.type') = 'product'
      UNION ALL SELECT s.id, s.at, s.signal, json_extract(p.value, '$.productId') FROM s, json_each(s.replies) r, json_each(r.value, '$.products') p
        WHERE json_extract(r.value, '$.kind') = 'product_cards' AND NOT ${namesProduct}
      UNION ALL SELECT t.id, t.at, 'out_of_stock', json_extract(p.value, '$.productId') FROM t, json_each(t.replies) r, json_each(r.value, '$.products') p
        WHERE t.out_of_scope = 0 AND ${inList('stockIntents')} AND json_extract(r.value, '$.kind') = 'product_cards'
          AND json_type(p.value, '$.inStock') = 'false'
    )
    SELECT product AS productId, signal, ${BUCKET} AS bucket, COUNT(DISTINCT id) AS count FROM attributed
      WHERE typeof(product) = 'text' AND product <> '' GROUP BY product, signal, bucket
    UNION ALL
    SELECT product_id, 'recommendation_click', ${BUCKET}, COUNT(*) FROM events WHERE kind = 'click' AND at >= @from AND at < @to
      GROUP BY product_id, ${BUCKET}
    ORDER BY 1, 2, 3`;
}
