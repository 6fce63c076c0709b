import type { Product } from '../knowledge/types.ts';
import type { RecommendContext, RecommendReason } from './types.ts';

/** One signal of the hybrid: raw (unnormalised) scores for the eligible candidates it has an opinion on. */
export interface ScoreComponent {
  readonly reason: RecommendReason;
  scores(ctx: RecommendContext, candidates: readonly Product[], nowMs: number): Promise<Map<string, number>>;
}
