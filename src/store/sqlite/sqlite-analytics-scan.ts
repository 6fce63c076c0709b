import type Database from 'better-sqlite3';
import type { AnalyticsStore } from '../store.ts';
import { analyticsQuerySchema, analyticsWindowSchema, demandQuerySchema, parseInput } from '../store-schemas.ts';
import type { AnalyticsWindow, DemandCount, ModelAggregate, TurnAggregates } from '../analytics-types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms } from './sqlite-rows.ts';
import { containsAnyPhraseJson } from '../phrase-matcher.ts';

// The analytics read by scanning the turns: the definition the rollups reproduce, and what sqlite-analytics-store.ts
// answers with when the rollups cannot (a window not on whole hours, demand rules other than the stored ones).

/**
 * Customer turns of the window. Everything but the demand signals reads only columns of the turns_analytics index
 * (migration 5: is_operator, at, model_version, ..., sentiment_score), so the aggregates scan that index and never
 * parse a turn's JSON. `@anyModel` is 1 for "any version", because a NULL model means "logged without a version".
 */
const CUSTOMER = 'is_operator = 0 AND at >= @from AND at < @to AND (@anyModel = 1 OR model_version IS @model)';
/** JSON.stringify writes no spaces, so this substring is exactly an entity object of type product. */
const NAMES_PRODUCT = `instr(turns.entities, '"type":"product"') > 0`;
/** better-sqlite3 binds numbers as REAL, so the bucket index is cast back to an integer. */
const BUCKET = 'CAST((at - @from) / @bucketMs AS INTEGER)';

function params(w: AnalyticsWindow & { bucketMs?: number }) {
  return { from: ms(w.from), to: ms(w.to), anyModel: w.modelVersion === undefined ? 1 : 0, model: w.modelVersion ?? null, bucketMs: w.bucketMs ?? 1 };
}

function aggregateStatements(db: Database.Database) {
  return {
    totals: db.prepare(`SELECT COUNT(*) AS turns, COUNT(DISTINCT conversation_id) AS conversations, COALESCE(SUM(out_of_scope), 0) AS oos FROM turns WHERE ${CUSTOMER}`),
    handoffs: db.prepare(`SELECT COUNT(DISTINCT conversation_id) AS n FROM turns WHERE ${CUSTOMER} AND has_handoff = 1`),
    operatorTurns: db.prepare(`SELECT COUNT(*) AS n FROM turns WHERE ${CUSTOMER.replace('is_operator = 0', 'is_operator = 1')}`),
    // Messages and sentiment in one pass (one sort): sentiment per bucket is summed over the channels in JS.
    byBucket: db.prepare(`SELECT ${BUCKET} AS bucket, channel, COUNT(*) AS count, SUM(sentiment_score) AS sentimentSum, COUNT(sentiment_score) AS scored
        FROM turns WHERE ${CUSTOMER} GROUP BY bucket, channel ORDER BY bucket, channel`),
    topIntents: db.prepare(`SELECT top_intent AS intent, COUNT(*) AS count FROM turns WHERE ${CUSTOMER} AND out_of_scope = 0 AND top_intent IS NOT NULL
        GROUP BY top_intent ORDER BY count DESC, intent LIMIT 10`),
    confidence: db.prepare(`SELECT MIN(9, MAX(0, CAST(top_score * 10 AS INTEGER))) AS bin, COUNT(*) AS count FROM turns
        WHERE ${CUSTOMER} AND top_score IS NOT NULL GROUP BY bin`),
    // Driven from feedback (far fewer rows than turns), each row finding its turn by primary key.
    feedback: db.prepare(`SELECT COALESCE(SUM(f.kind = 'thumbs' AND f.value = '"up"'), 0) AS up, COALESCE(SUM(f.kind = 'thumbs' AND f.value = '"down"'), 0) AS down,
        COALESCE(SUM(f.kind = 'rating'), 0) AS ratings, COALESCE(SUM(CASE WHEN f.kind = 'rating' THEN CAST(f.value AS REAL) END), 0) AS ratingSum,
        COALESCE(SUM(f.kind = 'rating' AND CAST(f.value AS REAL) >= 4), 0) AS high
      FROM feedback f CROSS JOIN turns ON turns.id = f.turn_id WHERE ${CUSTOMER.replaceAll(/\bat\b/g, 'turns.at')}`),
  };
}

type BucketRow = { bucket: number; channel: string; count: number; sentimentSum: number | null; scored: number };

function bucketRows(rows: BucketRow[]): Pick<TurnAggregates, 'byBucket' | 'sentimentByBucket'> {
  const sentiment = new Map<number, { bucket: number; sum: number; count: number }>();
  for (const r of rows) {
    if (r.scored === 0) continue;
    const b = sentiment.get(r.bucket) ?? { bucket: r.bucket, sum: 0, count: 0 };
    sentiment.set(r.bucket, { bucket: r.bucket, sum: b.sum + r.sentimentSum!, count: b.count + r.scored });
  }
  return { byBucket: rows.map(({ bucket, channel, count }) => ({ bucket, channel, count })), sentimentByBucket: [...sentiment.values()] };
}

export function sqliteAnalyticsScan({ db }: SqliteContext): AnalyticsStore {
  const extent = db.prepare(`SELECT MIN(at) AS first, MAX(at) AS last FROM turns WHERE ${CUSTOMER}`);
  const s = aggregateStatements(db);
  const perModel = db.prepare(`SELECT model_version AS version, COUNT(*) AS messages, COUNT(top_score) AS classified,
      COALESCE(SUM(top_score), 0) AS topScoreSum, COALESCE(SUM(out_of_scope), 0) AS outOfScope
    FROM turns WHERE ${CUSTOMER} GROUP BY model_version ORDER BY model_version IS NULL, model_version`);
  const thumbsPerModel = db.prepare(`SELECT turns.model_version AS version, SUM(f.value = '"up"') AS up, SUM(f.value = '"down"') AS down
    FROM feedback f CROSS JOIN turns ON turns.id = f.turn_id WHERE f.kind = 'thumbs' AND ${CUSTOMER.replaceAll(/\bat\b/g, 'turns.at')} GROUP BY turns.model_version`);
  db.function('shopmate_contains_any', { deterministic: true }, (text: unknown, phrases: unknown) =>
    typeof text === 'string' && typeof phrases === 'string' && containsAnyPhraseJson(text, phrases) ? 1 : 0);
  const demand = db.prepare(DEMAND_SQL);

  return {
    async extent(window) {
      const row = extent.get(params(parseInput(analyticsWindowSchema, window, 'analytics window'))) as { first: number | null; last: number | null };
      return { first: row.first === null ? null : new Date(row.first), last: row.last === null ? null : new Date(row.last) };
    },
    async aggregate(query): Promise<TurnAggregates> {
      const p = params(parseInput(analyticsQuerySchema, query, 'analytics query'));
      const t = s.totals.get(p) as { turns: number; conversations: number; oos: number };
      const bins = new Array<number>(10).fill(0);
      for (const r of s.confidence.all(p) as Array<{ bin: number; count: number }>) bins[r.bin] = r.count;
      const f = s.feedback.get(p) as { up: number; down: number; ratings: number; ratingSum: number; high: number };
      return {
        customerTurns: t.turns,
        operatorTurns: (s.operatorTurns.get(p) as { n: number }).n,
        conversations: t.conversations,
        outOfScope: t.oos,
        handoffConversations: (s.handoffs.get(p) as { n: number }).n,
        ...bucketRows(s.byBucket.all(p) as BucketRow[]),
        topIntents: s.topIntents.all(p) as TurnAggregates['topIntents'],
        confidenceBins: bins,
        feedback: { thumbsUp: f.up, thumbsDown: f.down, ratings: f.ratings, ratingSum: f.ratingSum, ratingsAtLeast4: f.high },
      };
    },
    async perModel(window) {
      const { modelVersion: _ignored, ...w } = parseInput(analyticsWindowSchema, window, 'analytics window');
      const thumbs = new Map((thumbsPerModel.all(params(w)) as Array<{ version: string | null; up: number; down: number }>).map((r) => [r.version, r]));
      return (perModel.all(params(w)) as Array<Omit<ModelAggregate, 'thumbsUp' | 'thumbsDown'>>).map((m) => ({
        ...m, thumbsUp: thumbs.get(m.version)?.up ?? 0, thumbsDown: thumbs.get(m.version)?.down ?? 0,
      }));
    },
    async demandSignals(query) {
      const q = parseInput(demandQuerySchema, query, 'demand query');
      const r = q.rules;
      const json = JSON.stringify;
      return demand.all({
        ...params(q), tooExpensive: json(r.tooExpensivePhrases), price: json(r.pricePhrases),
        discountIntents: json(r.discountIntents), priceIntents: json(r.priceIntents), stockIntents: json(r.stockIntents),
      }) as DemandCount[];
    },
  };
}

/**
 * One statement for all five signals (definitions in README "Price-demand signals"). The first pass reads only
 * customer turns that name a product or show product cards (has_product, from the index) and keeps a few flags per
 * turn; only flagged turns are read again for their entities and cards. Text signals are attributed to the products
 * the customer named, or, when none was named, to the products on the bot's cards (how the dialogue's product focus
 * shows in the log: "how much is it?" is answered with the focused product's card). Phrases are matched by
 * shopmate_contains_any (containsAnyPhrase, the memory store's definition too): one compiled pattern per turn instead
 * of a LIKE per phrase.
 */
const DEMAND_SQL = `WITH flagged AS MATERIALIZED (
    SELECT seq, at, shopmate_contains_any(text, @tooExpensive) AS too_expensive,
      out_of_scope = 0 AND top_intent IN (SELECT value FROM json_each(@discountIntents)) AS discount_request,
      out_of_scope = 0 AND top_intent IN (SELECT value FROM json_each(@priceIntents)) AND shopmate_contains_any(text, @price) AS price_question,
      out_of_scope = 0 AND top_intent IN (SELECT value FROM json_each(@stockIntents)) AS stock_ask
    FROM turns WHERE ${CUSTOMER} AND has_product = 1
  ),
  s AS (
    SELECT seq, at, 'too_expensive' AS signal FROM flagged WHERE too_expensive
    UNION ALL SELECT seq, at, 'discount_request' FROM flagged WHERE discount_request
    UNION ALL SELECT seq, at, 'price_question' FROM flagged WHERE price_question AND NOT too_expensive
  ),
  attributed AS (
    SELECT s.seq, s.at, s.signal, json_extract(e.value, '$.value.productId') AS product FROM s JOIN turns ON turns.seq = s.seq, json_each(turns.entities) e
      WHERE ${NAMES_PRODUCT} AND json_extract(e.value, '$.type') = 'product'
    UNION ALL SELECT s.seq, s.at, s.signal, json_extract(p.value, '$.productId') FROM s JOIN turns ON turns.seq = s.seq,
        json_each(turns.replies) r, json_each(r.value, '$.products') p
      WHERE NOT ${NAMES_PRODUCT} AND json_extract(r.value, '$.kind') = 'product_cards'
    UNION ALL SELECT f.seq, f.at, 'out_of_stock', json_extract(p.value, '$.productId') FROM flagged f JOIN turns ON turns.seq = f.seq,
        json_each(turns.replies) r, json_each(r.value, '$.products') p
      WHERE f.stock_ask AND json_extract(r.value, '$.kind') = 'product_cards' AND json_type(p.value, '$.inStock') = 'false'
  )
  SELECT product AS productId, signal, ${BUCKET} AS bucket, COUNT(DISTINCT seq) AS count FROM attributed
    WHERE typeof(product) = 'text' AND product <> '' GROUP BY product, signal, bucket
  UNION ALL
  SELECT product_id, 'recommendation_click', ${BUCKET}, COUNT(*) FROM events WHERE kind = 'click' AND at >= @from AND at < @to
    GROUP BY product_id, ${BUCKET}
  ORDER BY 1, 2, 3`;
