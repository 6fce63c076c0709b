import type { Product } from '../knowledge/types.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { CoPurchaseRecommender } from './co-purchase-recommender.ts';
import { ContentRecommender } from './content-recommender.ts';
import { eligibleProducts } from './eligible-products.ts';
import { normalizeScores } from './normalize-scores.ts';
import { PopularityRecommender } from './popularity-recommender.ts';
import { resolveDeps, type RecommenderDeps, type ResolvedDeps } from './recommender-deps.ts';
import { DAY_MS } from './recommender-options.ts';
import type { ScoreComponent } from './score-component.ts';
import type { Basket, EventSink, InteractionEvent, RecommendContext, Recommendation, RecommendReason, Recommender } from './types.ts';

/** A component's normalised score must reach this to be named as a reason. */
const REASON_THRESHOLD = 0.5;

interface Weighted {
  component: ScoreComponent;
  weight: number;
}

/**
 * Mixes content similarity, co-purchase and decayed popularity (each normalised to [0, 1]) by the configured
 * weights, adds the new-product boost, and filters out anything out of stock, seeded, excluded or just bought.
 * All components share one purchase history, fed here once per event.
 */
export class HybridRecommender implements Recommender, EventSink {
  readonly content?: ContentRecommender;
  readonly coPurchase: CoPurchaseRecommender;
  readonly popularity: PopularityRecommender;
  private readonly deps: ResolvedDeps;

  constructor(deps: RecommenderDeps & { encoder?: Encoder }) {
    this.deps = resolveDeps(deps);
    const shared = { ...deps, history: this.deps.history, clock: this.deps.clock };
    // Without an encoder (tests, shops without the model loaded) the content signal is simply absent.
    this.content = deps.encoder ? new ContentRecommender(deps.encoder, shared) : undefined;
    this.coPurchase = new CoPurchaseRecommender(shared);
    this.popularity = new PopularityRecommender(shared);
  }

  recordEvent(event: InteractionEvent): void {
    this.coPurchase.recordEvent(event);
    this.popularity.recordEvent(event);
    this.deps.history.recordEvent(event);
  }

  recordBasket(basket: Basket): void {
    this.coPurchase.recordBasket(basket);
    this.popularity.recordBasket(basket);
    this.deps.history.recordBasket(basket);
  }

  async recommend(ctx: RecommendContext, k: number): Promise<Recommendation[]> {
    const nowMs = this.deps.clock().getTime();
    const { options } = this.deps;
    const candidates = eligibleProducts(this.deps.catalog(), ctx, this.deps.history, nowMs, options.recentPurchaseDays * DAY_MS);
    const parts: Weighted[] = [
      { component: this.coPurchase, weight: options.coPurchase },
      { component: this.popularity, weight: options.popularity },
    ];
    if (this.content) parts.unshift({ component: this.content, weight: options.content });
    const active = parts.filter((p) => p.weight > 0);
    const normalised = await Promise.all(active.map(async (p) => normalizeScores(await p.component.scores(ctx, candidates, nowMs))));
    return candidates
      .map((product) => this.combine(product, active, normalised, nowMs))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1))
      .slice(0, Math.max(0, k));
  }

  private combine(product: Product, active: Weighted[], normalised: Array<Map<string, number>>, nowMs: number): Recommendation {
    const contributions: Array<{ reason: RecommendReason; value: number; strong: boolean }> = active.map((p, i) => {
      const s = normalised[i].get(product.id) ?? 0;
      return { reason: p.component.reason, value: p.weight * s, strong: s >= REASON_THRESHOLD };
    });
    if (this.isNew(product, nowMs)) contributions.push({ reason: 'new', value: this.deps.options.newBoost, strong: true });
    const score = contributions.reduce((sum, c) => sum + c.value, 0);
    const ranked = contributions.filter((c) => c.value > 0).sort((a, b) => b.value - a.value);
    const strong = ranked.filter((c) => c.strong);
    // Every recommendation explains itself: at least its largest contribution is named.
    const reasons = (strong.length > 0 ? strong : ranked.slice(0, 1)).map((c) => c.reason);
    return { productId: product.id, score, reasons };
  }

  private isNew(product: Product, nowMs: number): boolean {
    const added = Date.parse(product.addedAt);
    if (Number.isNaN(added) || this.deps.options.newBoost <= 0) return false;
    return added <= nowMs && nowMs - added <= this.deps.options.newProductDays * DAY_MS;
  }
}
