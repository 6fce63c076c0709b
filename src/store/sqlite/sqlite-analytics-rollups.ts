import type Database from 'better-sqlite3';
import type { AnalyticsQuery, AnalyticsWindow, DemandCount, DemandRules, ModelAggregate, TurnAggregates, TurnExtent } from '../analytics-types.ts';
import { demandRuleRows, demandRulesKey, HOUR_MS, modelFromRollup, modelKey, scopeOf } from '../analytics-rollup-keys.ts';
import { ms } from './sqlite-rows.ts';

/**
 * The analytics read from the hourly rollups of migration 12 (see analytics-rollups-migration.ts): sums over the
 * window's hours, never a turn, except the first and last hour's turns for the exact extent. Only for windows on
 * whole hours (rollupsAnswer); the results equal sqlite-analytics-scan.ts's, which the store contract checks.
 */
const HOURS = 'hour >= @from AND hour < @to AND (@anyModel = 1 OR model_key = @modelKey)';
/** better-sqlite3 binds numbers as REAL, so the bucket index is cast back to an integer. */
const BUCKET = 'CAST((hour - @from) / @bucketMs AS INTEGER)';
const CONF = Array.from({ length: 10 }, (_, i) => `COALESCE(SUM(conf${i}), 0) AS c${i}`).join(', ');
const CUSTOMER_TURNS = 'is_operator = 0 AND at >= @from AND at < @to AND (@anyModel = 1 OR model_version IS @model)';

function params(w: AnalyticsWindow & { bucketMs?: number }) {
  return {
    from: ms(w.from), to: ms(w.to), anyModel: w.modelVersion === undefined ? 1 : 0, model: w.modelVersion ?? null,
    modelKey: modelKey(w.modelVersion ?? null), scope: scopeOf(w), bucketMs: w.bucketMs ?? HOUR_MS,
  };
}

function statements(db: Database.Database) {
  return {
    hours: db.prepare(`SELECT MIN(hour) AS first, MAX(hour) AS last FROM analytics_hours WHERE ${HOURS} AND customer_turns > 0`),
    firstAt: db.prepare(`SELECT MIN(at) AS at FROM turns WHERE ${CUSTOMER_TURNS}`),
    lastAt: db.prepare(`SELECT MAX(at) AS at FROM turns WHERE ${CUSTOMER_TURNS}`),
    totals: db.prepare(`SELECT COALESCE(SUM(customer_turns), 0) AS turns, COALESCE(SUM(operator_turns), 0) AS operator, COALESCE(SUM(out_of_scope), 0) AS oos,
        COALESCE(SUM(thumbs_up), 0) AS up, COALESCE(SUM(thumbs_down), 0) AS down, COALESCE(SUM(ratings), 0) AS ratings,
        COALESCE(SUM(rating_sum), 0) AS ratingSum, COALESCE(SUM(ratings_high), 0) AS high, ${CONF}
      FROM analytics_hours WHERE ${HOURS}`),
    // A conversation counts in its first hour of the window: the one whose previous hour lies before the window.
    conversations: db.prepare(`SELECT COUNT(*) AS n FROM analytics_conversation_hours
      WHERE scope = @scope AND hour >= @from AND hour < @to AND (prev_hour IS NULL OR prev_hour < @from)`),
    handoffs: db.prepare(`SELECT COUNT(DISTINCT conversation_id) AS n FROM analytics_conversation_hours
      WHERE scope = @scope AND hour >= @from AND hour < @to AND handoff_turns > 0`),
    byBucket: db.prepare(`SELECT ${BUCKET} AS bucket, channel, SUM(customer_turns) AS count, SUM(sentiment_sum) AS sentimentSum, SUM(sentiment_count) AS scored
      FROM analytics_hours WHERE ${HOURS} GROUP BY bucket, channel HAVING count > 0 ORDER BY bucket, channel`),
    topIntents: db.prepare(`SELECT intent, SUM(turns) AS count FROM analytics_intent_hours WHERE ${HOURS}
      GROUP BY intent HAVING count > 0 ORDER BY count DESC, intent LIMIT 10`),
    perModel: db.prepare(`SELECT model_key AS modelKey, SUM(customer_turns) AS messages, SUM(classified) AS classified, SUM(top_score_sum) AS topScoreSum,
        SUM(out_of_scope) AS outOfScope, SUM(thumbs_up) AS up, SUM(thumbs_down) AS down
      FROM analytics_hours WHERE hour >= @from AND hour < @to GROUP BY model_key HAVING messages > 0 ORDER BY model_key = '-', model_key`),
    demand: db.prepare(`SELECT product_id AS productId, signal, ${BUCKET} AS bucket, SUM(turns) AS count FROM analytics_demand_hours WHERE ${HOURS}
        GROUP BY 1, 2, 3 HAVING count > 0
      UNION ALL
      SELECT product_id, 'recommendation_click', CAST((at - @from) / @bucketMs AS INTEGER), COUNT(*) FROM events WHERE kind = 'click' AND at >= @from AND at < @to
        GROUP BY 1, 3
      ORDER BY 1, 2, 3`),
    storedRules: db.prepare("SELECT value FROM analytics_meta WHERE key = 'demand_rules'"),
  };
}

type BucketRow = { bucket: number; channel: string; count: number; sentimentSum: number; scored: number };
type Totals = { turns: number; operator: number; oos: number; up: number; down: number; ratings: number; ratingSum: number; high: number } & Record<`c${number}`, number>;

export function sqliteAnalyticsRollups(db: Database.Database) {
  const s = statements(db);
  const edge = (stmt: Database.Statement, w: AnalyticsWindow, hour: number | null) =>
    hour === null ? null : new Date((stmt.get(params({ ...w, from: new Date(hour), to: new Date(hour + HOUR_MS) })) as { at: number }).at);
  return {
    /** The rules the demand rollup was built with (canonical JSON), or null when none were ever written. */
    storedDemandRules(): string | null {
      return (s.storedRules.get() as { value: string } | undefined)?.value ?? null;
    },
    extent(w: AnalyticsWindow): TurnExtent {
      const h = s.hours.get(params(w)) as { first: number | null; last: number | null };
      return { first: edge(s.firstAt, w, h.first), last: edge(s.lastAt, w, h.last) };
    },
    aggregate(q: AnalyticsQuery): TurnAggregates {
      const p = params(q);
      const t = s.totals.get(p) as Totals;
      const rows = s.byBucket.all(p) as BucketRow[];
      return {
        customerTurns: t.turns,
        operatorTurns: t.operator,
        conversations: (s.conversations.get(p) as { n: number }).n,
        outOfScope: t.oos,
        handoffConversations: (s.handoffs.get(p) as { n: number }).n,
        byBucket: rows.map(({ bucket, channel, count }) => ({ bucket, channel, count })),
        sentimentByBucket: sentimentBuckets(rows),
        topIntents: s.topIntents.all(p) as TurnAggregates['topIntents'],
        confidenceBins: Array.from({ length: 10 }, (_, i) => t[`c${i}`]!),
        feedback: { thumbsUp: t.up, thumbsDown: t.down, ratings: t.ratings, ratingSum: t.ratings === 0 ? 0 : t.ratingSum, ratingsAtLeast4: t.high },
      };
    },
    perModel(w: AnalyticsWindow): ModelAggregate[] {
      return (s.perModel.all(params(w)) as Array<Parameters<typeof modelFromRollup>[0]>).map(modelFromRollup);
    },
    demandSignals(q: AnalyticsQuery): DemandCount[] {
      return s.demand.all(params(q)) as DemandCount[];
    },
  };
}

/** Per bucket, summed over its channels; buckets without a scored turn are left out, as the scan does. */
function sentimentBuckets(rows: BucketRow[]): TurnAggregates['sentimentByBucket'] {
  const out = new Map<number, { bucket: number; sum: number; count: number }>();
  for (const r of rows) {
    if (r.scored === 0) continue;
    const b = out.get(r.bucket) ?? { bucket: r.bucket, sum: 0, count: 0 };
    out.set(r.bucket, { bucket: r.bucket, sum: b.sum + r.sentimentSum, count: b.count + r.scored });
  }
  return [...out.values()];
}

/**
 * Stores the demand rules the triggers match new turns against; when they differ from the stored ones, rebuilds the
 * demand rollup from every turn (in one transaction, so readers see the old or the new rollup, never half of one).
 */
export function writeSqliteDemandRules(db: Database.Database, rules: DemandRules): { rebuilt: boolean } {
  const key = demandRulesKey(rules);
  return db.transaction(() => {
    const stored = db.prepare("SELECT value FROM analytics_meta WHERE key = 'demand_rules'").get() as { value: string } | undefined;
    if (stored?.value === key) return { rebuilt: false };
    db.prepare('DELETE FROM analytics_demand_rules').run();
    const insert = db.prepare('INSERT OR IGNORE INTO analytics_demand_rules (list, value) VALUES (@list, @value)');
    for (const row of demandRuleRows(rules)) insert.run(row);
    db.prepare('DELETE FROM analytics_demand_hours').run();
    db.prepare(`INSERT INTO analytics_demand_hours (hour, model_key, product_id, signal, turns)
      SELECT hour, model_key, product_id, signal, COUNT(*) FROM (SELECT DISTINCT seq, hour, model_key, product_id, signal FROM analytics_turn_demand)
      GROUP BY hour, model_key, product_id, signal`).run();
    db.prepare("INSERT INTO analytics_meta (key, value) VALUES ('demand_rules', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key);
    return { rebuilt: true };
  }).immediate();
}
