import type { AnalyticsStore } from '../store.ts';
import { analyticsQuerySchema, analyticsWindowSchema, demandQuerySchema, parseInput } from '../store-schemas.ts';
import { demandRulesKey, rollupsAnswer } from '../analytics-rollup-keys.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { sqliteAnalyticsRollups } from './sqlite-analytics-rollups.ts';
import { sqliteAnalyticsScan } from './sqlite-analytics-scan.ts';

/**
 * Dashboard aggregates: from the hourly rollups (migration 12) whenever they answer the query exactly, which is every
 * dashboard query (whole hours; demand rules equal to the ones the store was opened with), else by scanning the
 * turns. Both give the same numbers; the rollups read a few thousand rows where the scan reads every turn.
 */
export function sqliteAnalyticsStore(ctx: SqliteContext): AnalyticsStore {
  const scan = sqliteAnalyticsScan(ctx);
  const rollups = sqliteAnalyticsRollups(ctx.db);
  return {
    async extent(window) {
      const w = parseInput(analyticsWindowSchema, window, 'analytics window');
      return rollupsAnswer(w) ? rollups.extent(w) : scan.extent(w);
    },
    async aggregate(query) {
      const q = parseInput(analyticsQuerySchema, query, 'analytics query');
      return rollupsAnswer(q) ? rollups.aggregate(q) : scan.aggregate(q);
    },
    async perModel(window) {
      const { modelVersion: _ignored, ...w } = parseInput(analyticsWindowSchema, window, 'analytics window');
      return rollupsAnswer(w) ? rollups.perModel(w) : scan.perModel(w);
    },
    async demandSignals(query) {
      const q = parseInput(demandQuerySchema, query, 'demand query');
      return rollupsAnswer(q) && rollups.storedDemandRules() === demandRulesKey(q.rules) ? rollups.demandSignals(q) : scan.demandSignals(q);
    },
  };
}
