import type { Recommendation, RecommendReason } from './types.ts';

/** Top k by score, ties broken by product id so results are reproducible. Zero scores carry no evidence. */
export function rankScores(scores: Map<string, number>, k: number, reason: RecommendReason): Recommendation[] {
  return [...scores]
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, Math.max(0, k))
    .map(([productId, score]) => ({ productId, score, reasons: [reason] }));
}
