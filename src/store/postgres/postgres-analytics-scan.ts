import type { AnalyticsStore } from '../store.ts';
import { analyticsQuerySchema, analyticsWindowSchema, demandQuerySchema, parseInput } from '../store-schemas.ts';
import type { AnalyticsWindow, DemandCount, ModelAggregate, TurnAggregates } from '../analytics-types.ts';
import { asciiLower } from '../phrase-matcher.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

// The analytics read by scanning the turns: the definition the rollups reproduce, and what postgres-analytics-store.ts
// answers with when the rollups cannot (a window not on whole hours, demand rules other than the stored ones).

/**
 * Customer turns of the window, read through the turns_analytics index (is_operator, at) and its included columns,
 * so no aggregate parses a turn's JSON. Parameters: $1 from, $2 to, $3 "any model", $4 model (NULL = logged without a
 * version), $5 bucket width. Sorting names COLLATE "C" so the order is JavaScript's whatever the database locale.
 */
const customer = (t: string, operator = false) =>
  `${operator ? '' : 'NOT '}${t}.is_operator AND ${t}.at >= $1 AND ${t}.at < $2 AND ($3::boolean OR ${t}.model_version IS NOT DISTINCT FROM $4::text)`;
const bucket = (t: string) => `(${t}.at - $1::bigint) / $5::bigint`;

/** $1..$4; statements with buckets add $5 (PostgreSQL rejects a parameter a statement does not use). */
function params(w: AnalyticsWindow): unknown[] {
  return [ms(w.from), ms(w.to), w.modelVersion === undefined, w.modelVersion ?? null];
}

const SQL = {
  extent: `SELECT MIN(t.at) AS first, MAX(t.at) AS last FROM turns t WHERE ${customer('t')}`,
  totals: `SELECT COUNT(*) AS turns, COUNT(DISTINCT t.conversation_id) AS conversations, COUNT(*) FILTER (WHERE t.out_of_scope) AS oos,
      COUNT(DISTINCT t.conversation_id) FILTER (WHERE t.has_handoff) AS handoffs FROM turns t WHERE ${customer('t')}`,
  operatorTurns: `SELECT COUNT(*) AS n FROM turns t WHERE ${customer('t', true)}`,
  byBucket: `SELECT ${bucket('t')} AS bucket, t.channel, COUNT(*) AS count, SUM(t.sentiment_score) AS "sentimentSum", COUNT(t.sentiment_score) AS scored
      FROM turns t WHERE ${customer('t')} GROUP BY 1, 2 ORDER BY 1, t.channel COLLATE "C"`,
  topIntents: `SELECT t.top_intent AS intent, COUNT(*) AS count FROM turns t WHERE ${customer('t')} AND NOT t.out_of_scope AND t.top_intent IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, t.top_intent COLLATE "C" LIMIT 10`,
  confidence: `SELECT LEAST(9, GREATEST(0, trunc(t.top_score * 10)::integer)) AS bin, COUNT(*) AS count FROM turns t
      WHERE ${customer('t')} AND t.top_score IS NOT NULL GROUP BY 1`,
  feedback: `SELECT COUNT(*) FILTER (WHERE f.kind = 'thumbs' AND f.value::text = '"up"') AS up,
        COUNT(*) FILTER (WHERE f.kind = 'thumbs' AND f.value::text = '"down"') AS down,
        COUNT(*) FILTER (WHERE f.kind = 'rating') AS ratings,
        COALESCE(SUM(CASE WHEN f.kind = 'rating' THEN (f.value::text)::double precision END), 0) AS "ratingSum",
        COUNT(*) FILTER (WHERE f.kind = 'rating' AND (CASE WHEN f.kind = 'rating' THEN (f.value::text)::double precision END) >= 4) AS high
      FROM feedback f JOIN turns t ON t.id = f.turn_id WHERE ${customer('t')}`,
  perModel: `SELECT t.model_version AS version, COUNT(*) AS messages, COUNT(t.top_score) AS classified,
        COALESCE(SUM(t.top_score), 0) AS "topScoreSum", COUNT(*) FILTER (WHERE t.out_of_scope) AS "outOfScope"
      FROM turns t WHERE ${customer('t')} GROUP BY 1 ORDER BY t.model_version IS NULL, t.model_version COLLATE "C"`,
  thumbsPerModel: `SELECT t.model_version AS version, COUNT(*) FILTER (WHERE f.value::text = '"up"') AS up, COUNT(*) FILTER (WHERE f.value::text = '"down"') AS down
      FROM feedback f JOIN turns t ON t.id = f.turn_id WHERE f.kind = 'thumbs' AND ${customer('t')} GROUP BY 1`,
};

type BucketRow = { bucket: number; channel: string; count: number; sentimentSum: number | null; scored: number };

function bucketRows(rows: BucketRow[]): Pick<TurnAggregates, 'byBucket' | 'sentimentByBucket'> {
  const sentiment = new Map<number, { bucket: number; sum: number; count: number }>();
  for (const r of rows) {
    if (r.scored === 0) continue;
    const b = sentiment.get(r.bucket) ?? { bucket: r.bucket, sum: 0, count: 0 };
    sentiment.set(r.bucket, { bucket: r.bucket, sum: b.sum + r.sentimentSum!, count: b.count + r.scored });
  }
  return { byBucket: rows.map(({ bucket: b, channel, count }) => ({ bucket: b, channel, count })), sentimentByBucket: [...sentiment.values()] };
}

export function postgresAnalyticsScan({ snapshot }: PostgresContext): AnalyticsStore {
  return {
    async extent(window) {
      const p = params(parseInput(analyticsWindowSchema, window, 'analytics window'));
      const { rows: [row] } = await snapshot((q) => q<{ first: number | null; last: number | null }>(SQL.extent, p));
      return { first: row!.first === null ? null : new Date(row!.first), last: row!.last === null ? null : new Date(row!.last) };
    },
    async aggregate(query): Promise<TurnAggregates> {
      const a = parseInput(analyticsQuerySchema, query, 'analytics query');
      const p = params(a);
      // One snapshot: the totals, buckets and feedback describe the same turns.
      return snapshot(async (q) => {
        const first = async (sql: string) => (await q(sql, p)).rows[0]!;
        const t = await first(SQL.totals);
        const bins = new Array<number>(10).fill(0);
        for (const r of (await q<{ bin: number; count: number }>(SQL.confidence, p)).rows) bins[r.bin] = r.count;
        const f = await first(SQL.feedback);
        return {
          customerTurns: t.turns,
          operatorTurns: (await first(SQL.operatorTurns)).n,
          conversations: t.conversations,
          outOfScope: t.oos,
          handoffConversations: t.handoffs,
          ...bucketRows((await q<BucketRow>(SQL.byBucket, [...p, a.bucketMs])).rows),
          topIntents: (await q<{ intent: string; count: number }>(SQL.topIntents, p)).rows,
          confidenceBins: bins,
          feedback: { thumbsUp: f.up, thumbsDown: f.down, ratings: f.ratings, ratingSum: f.ratingSum, ratingsAtLeast4: f.high },
        };
      });
    },
    async perModel(window) {
      const { modelVersion: _ignored, ...w } = parseInput(analyticsWindowSchema, window, 'analytics window');
      return snapshot(async (q) => {
        const thumbs = new Map((await q<{ version: string | null; up: number; down: number }>(SQL.thumbsPerModel, params(w))).rows.map((r) => [r.version, r]));
        return (await q<Omit<ModelAggregate, 'thumbsUp' | 'thumbsDown'>>(SQL.perModel, params(w))).rows.map((m) => ({
          ...m, thumbsUp: thumbs.get(m.version)?.up ?? 0, thumbsDown: thumbs.get(m.version)?.down ?? 0,
        }));
      });
    },
    async demandSignals(query) {
      const d = parseInput(demandQuerySchema, query, 'demand query');
      const r = d.rules;
      const { rows } = await snapshot((q) => q<DemandCount>(DEMAND_SQL, [
        ...params(d), d.bucketMs, r.tooExpensivePhrases.map(asciiLower), r.pricePhrases.map(asciiLower), r.discountIntents, r.priceIntents, r.stockIntents,
      ]));
      return rows;
    },
  };
}

/** Does the turn text contain any of the (already lower-cased) phrases in parameter $n? ASCII letters fold, as in phrase-matcher.ts. */
const containsAny = (n: number) =>
  `EXISTS (SELECT 1 FROM unnest($${n}::text[]) p WHERE strpos(translate(t.text, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), p) > 0)`;
/** The products on a turn's product cards (`replies` elements of kind product_cards), one row each. */
const CARD_PRODUCTS = `json_array_elements(x.replies) r
    CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(r -> 'products') = 'array' THEN r -> 'products' ELSE '[]'::json END) p`;

/**
 * All five signals in one statement, the same definitions as the memory store (turnSignals, attributedProducts) and
 * SQLite's DEMAND_SQL (README "Price-demand signals"). Only customer turns naming a product or showing product cards
 * (has_product) are read; text signals go to the products the customer named, or, when none was named, to the
 * products on the bot's cards. $6 too-expensive phrases, $7 price phrases, $8 discount, $9 price, $10 stock intents.
 */
const DEMAND_SQL = `WITH flagged AS MATERIALIZED (
    SELECT t.seq, t.at, t.entities, t.replies,
      ${containsAny(6)} AS too_expensive,
      (NOT t.out_of_scope AND t.top_intent = ANY($8::text[])) IS TRUE AS discount_request,
      (NOT t.out_of_scope AND t.top_intent = ANY($9::text[]) AND ${containsAny(7)}) IS TRUE AS price_question,
      (NOT t.out_of_scope AND t.top_intent = ANY($10::text[])) IS TRUE AS stock_ask,
      EXISTS (SELECT 1 FROM json_array_elements(t.entities) e WHERE json_typeof(e) = 'object' AND e ->> 'type' = 'product') AS names_product
    FROM turns t WHERE ${customer('t')} AND t.has_product
  ),
  s AS (
    SELECT x.*, 'too_expensive' AS signal FROM flagged x WHERE x.too_expensive
    UNION ALL SELECT x.*, 'discount_request' FROM flagged x WHERE x.discount_request
    UNION ALL SELECT x.*, 'price_question' FROM flagged x WHERE x.price_question AND NOT x.too_expensive
  ),
  attributed AS (
    SELECT x.seq, x.at, x.signal, e -> 'value' -> 'productId' AS product FROM s x CROSS JOIN LATERAL json_array_elements(x.entities) e
      WHERE x.names_product AND json_typeof(e) = 'object' AND e ->> 'type' = 'product'
    UNION ALL SELECT x.seq, x.at, x.signal, p -> 'productId' FROM s x CROSS JOIN LATERAL ${CARD_PRODUCTS}
      WHERE NOT x.names_product AND r ->> 'kind' = 'product_cards'
    UNION ALL SELECT x.seq, x.at, 'out_of_stock', p -> 'productId' FROM flagged x CROSS JOIN LATERAL ${CARD_PRODUCTS}
      WHERE x.stock_ask AND r ->> 'kind' = 'product_cards' AND json_typeof(p -> 'inStock') = 'boolean' AND p ->> 'inStock' = 'false'
  ),
  counts AS (
    SELECT a.product #>> '{}' AS "productId", a.signal, ${bucket('a')} AS bucket, COUNT(DISTINCT a.seq) AS count FROM attributed a
      WHERE json_typeof(a.product) = 'string' AND a.product #>> '{}' <> '' GROUP BY 1, 2, 3
    UNION ALL
    SELECT ev.product_id, 'recommendation_click', ${bucket('ev')}, COUNT(*) FROM events ev
      WHERE ev.kind = 'click' AND ev.at >= $1 AND ev.at < $2 GROUP BY 1, 3
  )
  SELECT * FROM counts ORDER BY "productId" COLLATE "C", signal COLLATE "C", bucket`;
