import type pg from 'pg';
import type { AnalyticsQuery, AnalyticsWindow, DemandCount, DemandRules, ModelAggregate, TurnAggregates } from '../analytics-types.ts';
import { demandRuleRows, demandRulesKey, modelFromRollup, modelKey, scopeOf } from '../analytics-rollup-keys.ts';
import type { Query } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

/**
 * The analytics read from the hourly rollups of migration 7 (postgres-analytics-rollups-migration.ts): sums over the
 * window's hours, never a turn. Only for windows on whole hours (rollupsAnswer); the results equal
 * postgres-analytics-scan.ts's, which the store contract checks. Parameters: $1 from, $2 to, $3 "any model",
 * $4 model key; $5 is the bucket width or the conversation scope. Sorting names COLLATE "C" (JavaScript's order).
 */
const HOURS = 'hour >= $1 AND hour < $2 AND ($3::boolean OR model_key = $4::text)';
const BUCKET = '(hour - $1::bigint) / $5::bigint';

const SQL = {
  hours: `SELECT MIN(hour) AS first, MAX(hour) AS last FROM analytics_hours WHERE ${HOURS} AND customer_turns > 0`,
  totals: `SELECT COALESCE(SUM(customer_turns), 0)::bigint AS turns, COALESCE(SUM(operator_turns), 0)::bigint AS operator,
      COALESCE(SUM(out_of_scope), 0)::bigint AS oos, COALESCE(SUM(thumbs_up), 0)::bigint AS up, COALESCE(SUM(thumbs_down), 0)::bigint AS down,
      COALESCE(SUM(ratings), 0)::bigint AS ratings, COALESCE(SUM(rating_sum), 0) AS "ratingSum", COALESCE(SUM(ratings_high), 0)::bigint AS high
    FROM analytics_hours WHERE ${HOURS}`,
  confidence: `SELECT (u.i - 1)::integer AS bin, SUM(u.c)::bigint AS count FROM analytics_hours, unnest(confidence) WITH ORDINALITY AS u (c, i)
    WHERE ${HOURS} GROUP BY u.i`,
  // A conversation counts in its first hour of the window: the one whose previous hour lies before the window.
  conversations: `SELECT COUNT(*) AS n FROM analytics_conversation_hours WHERE scope = $3::text AND hour >= $1 AND hour < $2
    AND (prev_hour IS NULL OR prev_hour < $1)`,
  handoffs: `SELECT COUNT(DISTINCT conversation_id) AS n FROM analytics_conversation_hours WHERE scope = $3::text AND hour >= $1 AND hour < $2
    AND handoff_turns > 0`,
  byBucket: `SELECT ${BUCKET} AS bucket, channel, SUM(customer_turns)::bigint AS count, SUM(sentiment_sum) AS "sentimentSum",
      SUM(sentiment_count)::bigint AS scored
    FROM analytics_hours WHERE ${HOURS} GROUP BY 1, 2 HAVING SUM(customer_turns) > 0 ORDER BY 1, channel COLLATE "C"`,
  topIntents: `SELECT intent, SUM(turns)::bigint AS count FROM analytics_intent_hours WHERE ${HOURS}
    GROUP BY intent HAVING SUM(turns) > 0 ORDER BY 2 DESC, intent COLLATE "C" LIMIT 10`,
  perModel: `SELECT model_key AS "modelKey", SUM(customer_turns)::bigint AS messages, SUM(classified)::bigint AS classified,
      SUM(top_score_sum) AS "topScoreSum", SUM(out_of_scope)::bigint AS "outOfScope", SUM(thumbs_up)::bigint AS up, SUM(thumbs_down)::bigint AS down
    FROM analytics_hours WHERE hour >= $1 AND hour < $2 GROUP BY model_key HAVING SUM(customer_turns) > 0 ORDER BY model_key = '-', model_key COLLATE "C"`,
  demand: `SELECT * FROM (
      SELECT product_id AS "productId", signal, ${BUCKET} AS bucket, SUM(turns)::bigint AS count FROM analytics_demand_hours WHERE ${HOURS}
        GROUP BY 1, 2, 3 HAVING SUM(turns) > 0
      UNION ALL
      SELECT ev.product_id, 'recommendation_click', (ev.at - $1::bigint) / $5::bigint, COUNT(*) FROM events ev
        WHERE ev.kind = 'click' AND ev.at >= $1 AND ev.at < $2 GROUP BY 1, 3
    ) x ORDER BY "productId" COLLATE "C", signal COLLATE "C", bucket`,
  storedRules: "SELECT value FROM analytics_meta WHERE key = 'demand_rules'",
};

const windowParams = (w: AnalyticsWindow) => [ms(w.from), ms(w.to), w.modelVersion === undefined, modelKey(w.modelVersion ?? null)];
const scopeParams = (w: AnalyticsWindow) => [ms(w.from), ms(w.to), scopeOf(w)];

type BucketRow = { bucket: number; channel: string; count: number; sentimentSum: number; scored: number };

export const postgresAnalyticsRollups = {
  async storedDemandRules(q: Query): Promise<string | null> {
    return (await q<{ value: string }>(SQL.storedRules)).rows[0]?.value ?? null;
  },
  /** The first and last hour with a customer turn in the window (the caller reads those hours' turns for the exact times). */
  async hours(q: Query, w: AnalyticsWindow): Promise<{ first: number | null; last: number | null }> {
    return (await q<{ first: number | null; last: number | null }>(SQL.hours, windowParams(w))).rows[0]!;
  },
  async aggregate(q: Query, a: AnalyticsQuery): Promise<TurnAggregates> {
    const p = windowParams(a);
    const t = (await q(SQL.totals, p)).rows[0]!;
    const bins = new Array<number>(10).fill(0);
    for (const r of (await q<{ bin: number; count: number }>(SQL.confidence, p)).rows) bins[r.bin] = r.count;
    const rows = (await q<BucketRow>(SQL.byBucket, [...p, a.bucketMs])).rows;
    const sentiment = new Map<number, { bucket: number; sum: number; count: number }>();
    for (const r of rows) {
      if (r.scored === 0) continue;
      const b = sentiment.get(r.bucket) ?? { bucket: r.bucket, sum: 0, count: 0 };
      sentiment.set(r.bucket, { bucket: r.bucket, sum: b.sum + r.sentimentSum, count: b.count + r.scored });
    }
    return {
      customerTurns: t.turns,
      operatorTurns: t.operator,
      conversations: (await q(SQL.conversations, scopeParams(a))).rows[0]!.n,
      outOfScope: t.oos,
      handoffConversations: (await q(SQL.handoffs, scopeParams(a))).rows[0]!.n,
      byBucket: rows.map(({ bucket, channel, count }) => ({ bucket, channel, count })),
      sentimentByBucket: [...sentiment.values()],
      topIntents: (await q<{ intent: string; count: number }>(SQL.topIntents, p)).rows,
      confidenceBins: bins,
      feedback: { thumbsUp: t.up, thumbsDown: t.down, ratings: t.ratings, ratingSum: t.ratings === 0 ? 0 : t.ratingSum, ratingsAtLeast4: t.high },
    };
  },
  async perModel(q: Query, w: AnalyticsWindow): Promise<ModelAggregate[]> {
    return (await q<Parameters<typeof modelFromRollup>[0]>(SQL.perModel, [ms(w.from), ms(w.to)])).rows.map(modelFromRollup);
  },
  async demandSignals(q: Query, d: AnalyticsQuery): Promise<DemandCount[]> {
    return (await q<DemandCount>(SQL.demand, [...windowParams(d), d.bucketMs])).rows;
  },
};

/**
 * Stores the demand rules the triggers match new turns against; when they differ from the stored ones, rebuilds the
 * demand rollup from every turn. Turns are locked against writes meanwhile (SHARE), so no append counts under the old
 * rules after the rebuild read them; instances starting together with the same rules find them stored and go on.
 */
export async function writePostgresDemandRules(client: pg.ClientBase, rules: DemandRules): Promise<{ rebuilt: boolean }> {
  const key = demandRulesKey(rules);
  const stored = async () => (await client.query<{ value: string }>(SQL.storedRules)).rows[0]?.value ?? null;
  if ((await stored()) === key) return { rebuilt: false };
  await client.query('BEGIN');
  try {
    await client.query('LOCK TABLE turns IN SHARE MODE');
    await client.query('LOCK TABLE analytics_meta IN EXCLUSIVE MODE');
    if ((await stored()) === key) {
      await client.query('COMMIT');
      return { rebuilt: false };
    }
    await client.query('DELETE FROM analytics_demand_rules');
    const rows = demandRuleRows(rules);
    await client.query(`INSERT INTO analytics_demand_rules (list, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.list), rows.map((r) => r.value)]);
    await client.query('DELETE FROM analytics_demand_hours');
    await client.query(`INSERT INTO analytics_demand_hours (hour, model_key, product_id, signal, turns)
      SELECT t.at / 3600000 * 3600000, analytics_model_key(t.model_version), x.product_id, x.signal, COUNT(*)
      FROM turns t CROSS JOIN LATERAL analytics_turn_demand(t) x WHERE NOT t.is_operator AND t.has_product GROUP BY 1, 2, 3, 4`);
    await client.query(`INSERT INTO analytics_meta (key, value) VALUES ('demand_rules', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key]);
    await client.query('COMMIT');
    return { rebuilt: true };
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
