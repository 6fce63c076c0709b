/**
 * What the SQL stores' hourly analytics rollups (SQLite migration 12, PostgreSQL migration 7) share: when a query can
 * be answered from them, how a model version is keyed in them, and how demand rules are stored and compared.
 */
import type { AnalyticsWindow, DemandRules, ModelAggregate } from './analytics-types.ts';
import { asciiLower } from './phrase-matcher.ts';

export const HOUR_MS = 3_600_000;

/**
 * Rollups hold whole UTC hours, so they answer exactly a window that starts and ends on an hour with buckets of whole
 * hours (every dashboard window: days, or hours when the data spans at most three days). Anything else is scanned.
 */
export function rollupsAnswer(w: AnalyticsWindow & { bucketMs?: number }): boolean {
  const whole = (t: number) => t % HOUR_MS === 0;
  return whole(w.from.getTime()) && whole(w.to.getTime()) && (w.bucketMs === undefined || whole(w.bucketMs));
}

/** '-' for turns logged without a version, '=' + version otherwise (a version is never empty): no NULL in a key. */
export const modelKey = (version: string | null): string => (version === null ? '-' : `=${version}`);
export const versionOfKey = (key: string): string | null => (key === '-' ? null : key.slice(1));
/** The conversation chain a window's model filter reads: '*' is every model. */
export const scopeOf = (w: AnalyticsWindow): string => (w.modelVersion === undefined ? '*' : modelKey(w.modelVersion));

/** The rules as stored beside the rollups: one canonical JSON text, so "are these the stored rules?" is one comparison. */
export function demandRulesKey(r: DemandRules): string {
  return JSON.stringify([r.pricePhrases, r.priceIntents, r.discountIntents, r.tooExpensivePhrases, r.stockIntents]);
}

/** Rows of analytics_demand_rules: phrases lower-cased as the triggers compare them (ASCII only, like lower()). */
export function demandRuleRows(r: DemandRules): Array<{ list: string; value: string }> {
  const rows = (list: string, values: string[]) => values.map((value) => ({ list, value }));
  return [
    ...rows('price_phrase', r.pricePhrases.map(asciiLower)),
    ...rows('too_expensive_phrase', r.tooExpensivePhrases.map(asciiLower)),
    ...rows('price_intent', r.priceIntents),
    ...rows('discount_intent', r.discountIntents),
    ...rows('stock_intent', r.stockIntents),
  ];
}

/** A model's row from summed rollups. Sums of scores are zeroed with their count: a decrement can leave 1e-17. */
export function modelFromRollup(r: { modelKey: string; messages: number; classified: number; topScoreSum: number; outOfScope: number; up: number; down: number }): ModelAggregate {
  return {
    version: versionOfKey(r.modelKey), messages: r.messages, classified: r.classified, topScoreSum: r.classified === 0 ? 0 : r.topScoreSum,
    outOfScope: r.outOfScope, thumbsUp: r.up, thumbsDown: r.down,
  };
}
