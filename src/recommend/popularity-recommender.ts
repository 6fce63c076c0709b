import type { Product } from '../knowledge/types.ts';
import { DecayedCounter } from './decayed-counter.ts';
import { feedOwnedHistory, recommendWith, resolveDeps, type RecommenderDeps, type ResolvedDeps } from './recommender-deps.ts';
import { DAY_MS } from './recommender-options.ts';
import type { ScoreComponent } from './score-component.ts';
import type { Basket, EventSink, InteractionEvent, RecommendContext, Recommendation, Recommender } from './types.ts';

/**
 * Time-decayed popularity: every event adds weight(kind) * 2^(-age / halfLife), so a fresh trend overtakes an older,
 * larger one and stale favourites fade without any batch job.
 */
export class PopularityRecommender implements Recommender, EventSink, ScoreComponent {
  readonly reason = 'popular' as const;
  private readonly deps: ResolvedDeps;
  private readonly counts: DecayedCounter;

  constructor(deps: RecommenderDeps) {
    this.deps = resolveDeps(deps);
    this.counts = new DecayedCounter(this.deps.options.halfLifeDays * DAY_MS);
  }

  recordEvent(event: InteractionEvent): void {
    this.counts.add(event.productId, event.at.getTime(), this.deps.options.eventWeights[event.kind]);
    feedOwnedHistory(this.deps, { event });
  }

  recordBasket(basket: Basket): void {
    // An order with two units of one product is still one purchase decision.
    const weight = this.deps.options.eventWeights.purchase;
    for (const id of new Set(basket.productIds)) this.counts.add(id, basket.at.getTime(), weight);
    feedOwnedHistory(this.deps, { basket });
  }

  async scores(_ctx: RecommendContext, candidates: readonly Product[], nowMs: number): Promise<Map<string, number>> {
    return new Map(candidates.map((p) => [p.id, this.counts.get(p.id, nowMs)]));
  }

  recommend(ctx: RecommendContext, k: number): Promise<Recommendation[]> {
    return recommendWith(this, this.deps, ctx, k);
  }
}
