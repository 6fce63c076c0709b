import type { Product } from '../knowledge/types.ts';
import { DecayedCounter } from './decayed-counter.ts';
import { feedOwnedHistory, recommendWith, resolveDeps, type RecommenderDeps, type ResolvedDeps } from './recommender-deps.ts';
import { DAY_MS } from './recommender-options.ts';
import type { ScoreComponent } from './score-component.ts';
import type { Basket, EventSink, InteractionEvent, RecommendContext, Recommendation, Recommender } from './types.ts';

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * "Frequently bought together" from item-item co-occurrence. Both item counts N and pair counts C are
 * time-decayed with the same half-life. A seed s recommends j with
 *   C(s,j) / (N(s)^(1-r) * N(j)^r) * C(s,j) / (C(s,j) + shrinkage)
 * where r = coPurchaseRarity (0 is P(j | s), 0.5 is cosine) and the shrinkage keeps pairs seen once or twice from
 * dominating. Scores from several seeds add up. Updates are O(basket size^2), never a recompute.
 */
export class CoPurchaseRecommender implements Recommender, EventSink, ScoreComponent {
  readonly reason = 'bought-together' as const;
  private readonly deps: ResolvedDeps;
  private readonly items: DecayedCounter;
  private readonly pairs: DecayedCounter;
  private readonly partners = new Map<string, Set<string>>();

  constructor(deps: RecommenderDeps) {
    this.deps = resolveDeps(deps);
    const halfLifeMs = this.deps.options.halfLifeDays * DAY_MS;
    this.items = new DecayedCounter(halfLifeMs);
    this.pairs = new DecayedCounter(halfLifeMs);
  }

  recordBasket(basket: Basket): void {
    const ids = [...new Set(basket.productIds)];
    const atMs = basket.at.getTime();
    for (const id of ids) this.items.add(id, atMs);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) this.addPair(ids[i], ids[j], atMs);
    feedOwnedHistory(this.deps, { basket });
  }

  /** A logged purchase joins the same customer's purchases from the last basketWindowHours as one basket. */
  recordEvent(event: InteractionEvent): void {
    if (event.kind !== 'purchase') return;
    const atMs = event.at.getTime();
    const windowStart = atMs - this.deps.options.basketWindowHours * 3_600_000;
    const earlier = this.deps.history.purchasedBetween(event.userId, windowStart, atMs);
    // The shared history may already hold this very event (the hybrid feeds it first); a product is not its own partner.
    earlier.delete(event.productId);
    this.items.add(event.productId, atMs);
    for (const other of earlier) this.addPair(event.productId, other, atMs);
    feedOwnedHistory(this.deps, { event });
  }

  async scores(ctx: RecommendContext, candidates: readonly Product[], nowMs: number): Promise<Map<string, number>> {
    const { coPurchaseRarity: r, coPurchaseShrinkage: shrink } = this.deps.options;
    const wanted = new Set(candidates.map((p) => p.id));
    const out = new Map<string, number>();
    for (const seed of new Set(ctx.seedProductIds)) {
      const nSeed = this.items.get(seed, nowMs);
      for (const j of this.partners.get(seed) ?? []) {
        if (!wanted.has(j)) continue;
        const c = this.pairs.get(pairKey(seed, j), nowMs);
        const score = (c / (nSeed ** (1 - r) * this.items.get(j, nowMs) ** r)) * (c / (c + shrink));
        out.set(j, (out.get(j) ?? 0) + score);
      }
    }
    return out;
  }

  recommend(ctx: RecommendContext, k: number): Promise<Recommendation[]> {
    return recommendWith(this, this.deps, ctx, k);
  }

  private addPair(a: string, b: string, atMs: number): void {
    this.pairs.add(pairKey(a, b), atMs);
    this.link(a, b);
    this.link(b, a);
  }

  private link(from: string, to: string): void {
    const set = this.partners.get(from) ?? new Set<string>();
    set.add(to);
    this.partners.set(from, set);
  }
}
