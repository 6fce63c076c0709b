import type { AnalyticsStore } from '../store.ts';
import { analyticsQuerySchema, analyticsWindowSchema, demandQuerySchema, parseInput } from '../store-schemas.ts';
import { demandRulesKey, HOUR_MS, rollupsAnswer } from '../analytics-rollup-keys.ts';
import type { PostgresContext } from './postgres-context.ts';
import { postgresAnalyticsRollups as rollups } from './postgres-analytics-rollups.ts';
import { postgresAnalyticsScan } from './postgres-analytics-scan.ts';

/**
 * Dashboard aggregates: from the hourly rollups (migration 7) whenever they answer the query exactly, which is every
 * dashboard query (whole hours; demand rules equal to the ones the store was opened with), else by scanning the
 * turns. Both give the same numbers; the rollups read a few thousand rows where the scan reads every turn.
 */
export function postgresAnalyticsStore(ctx: PostgresContext): AnalyticsStore {
  const scan = postgresAnalyticsScan(ctx);
  return {
    async extent(window) {
      const w = parseInput(analyticsWindowSchema, window, 'analytics window');
      if (!rollupsAnswer(w)) return scan.extent(w);
      // The rollups find the first and last hour; only those two hours' turns are read for the exact times.
      const h = await ctx.snapshot((q) => rollups.hours(q, w));
      const inHour = (hour: number) => scan.extent({ ...w, from: new Date(hour), to: new Date(hour + HOUR_MS) });
      return {
        first: h.first === null ? null : (await inHour(h.first)).first,
        last: h.last === null ? null : (await inHour(h.last)).last,
      };
    },
    async aggregate(query) {
      const q = parseInput(analyticsQuerySchema, query, 'analytics query');
      return rollupsAnswer(q) ? ctx.snapshot((run) => rollups.aggregate(run, q)) : scan.aggregate(q);
    },
    async perModel(window) {
      const { modelVersion: _ignored, ...w } = parseInput(analyticsWindowSchema, window, 'analytics window');
      return rollupsAnswer(w) ? ctx.snapshot((run) => rollups.perModel(run, w)) : scan.perModel(w);
    },
    async demandSignals(query) {
      const q = parseInput(demandQuerySchema, query, 'demand query');
      if (!rollupsAnswer(q)) return scan.demandSignals(q);
      // One snapshot: the rules checked are the rules the rollup read was built with.
      const rows = await ctx.snapshot(async (run) => ((await rollups.storedDemandRules(run)) === demandRulesKey(q.rules) ? rollups.demandSignals(run, q) : null));
      return rows ?? scan.demandSignals(q);
    },
  };
}
