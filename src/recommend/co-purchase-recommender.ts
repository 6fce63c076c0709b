import type { Product } from '../knowledge/types.ts';
import { DecayedCounter } from './decayed-counter.ts';
import { threadedEaseFitter } from './ease-fitter.ts';
import { LazyEase, type EaseSnapshot } from './lazy-ease.ts';
import { feedOwnedHistory, recommendWith, resolveDeps, type RecommenderDeps, type ResolvedDeps } from './recommender-deps.ts';
import { DAY_MS } from './recommender-options.ts';
import type { ScoreComponent } from './score-component.ts';
import type { Basket, EventSink, InteractionEvent, RecommendContext, Recommendation, Recommender } from './types.ts';

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * "Frequently bought together". Item counts N and pair counts C are time-decayed with the same half-life and updated
 * online in O(basket size^2). Two ways to score from them:
 *  - EASE (ease-weights.ts) fitted on the decayed co-occurrence of the easeMaxProducts most purchased products, refitted
 *    lazily (lazy-ease.ts): a seed s recommends j with max(0, B[s][j]), summed over the seeds. It answers whenever a
 *    model is fitted and every seed that was ever bought is in it.
 *  - otherwise (no model yet, EASE disabled, or a seed beyond the cap) plain co-occurrence: s recommends j with
 *      C(s,j) / (N(s)^(1-r) * N(j)^r) * C(s,j) / (C(s,j) + shrinkage)
 *    where r = coPurchaseRarity (0 is P(j | s), 0.5 is cosine) and the shrinkage keeps pairs seen once or twice from
 *    dominating; scores from several seeds add up.
 * Only the eligible candidates passed in are scored, so a product removed from the catalog is never recommended.
 */
export class CoPurchaseRecommender implements Recommender, EventSink, ScoreComponent {
  readonly reason = 'bought-together' as const;
  private readonly deps: ResolvedDeps;
  private readonly items: DecayedCounter;
  private readonly pairs: DecayedCounter;
  private readonly partners = new Map<string, Set<string>>();
  private readonly ease: LazyEase;

  constructor(deps: RecommenderDeps) {
    this.deps = resolveDeps(deps);
    const { halfLifeDays, easeLambda, easeMaxProducts, easeRefitSeconds } = this.deps.options;
    this.items = new DecayedCounter(halfLifeDays * DAY_MS);
    this.pairs = new DecayedCounter(halfLifeDays * DAY_MS);
    this.ease = new LazyEase({
      source: { topProducts: (limit, nowMs) => this.topProducts(limit, nowMs), gram: (ids, nowMs) => this.gram(ids, nowMs) },
      fitter: deps.easeFitter ?? threadedEaseFitter,
      lambda: easeLambda,
      maxProducts: easeMaxProducts,
      refitMs: easeRefitSeconds * 1000,
      logger: deps.logger,
    });
  }

  /** Starts an EASE refit if one is due (as a query would) and resolves once none is running (benchmark, tests). */
  settleEase(): Promise<void> {
    this.ease.current(this.deps.clock().getTime());
    return this.ease.settled();
  }

  recordBasket(basket: Basket): void {
    const ids = [...new Set(basket.productIds)];
    const atMs = basket.at.getTime();
    for (const id of ids) this.items.add(id, atMs);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) this.addPair(ids[i], ids[j], atMs);
    this.ease.markDirty();
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
    this.ease.markDirty();
    feedOwnedHistory(this.deps, { event });
  }

  async scores(ctx: RecommendContext, candidates: readonly Product[], nowMs: number): Promise<Map<string, number>> {
    const model = this.ease.current(nowMs);
    // A seed nobody ever bought carries no evidence either way; any other seed must be in the model to use it.
    const seeds = [...new Set(ctx.seedProductIds)].filter((s) => this.items.has(s));
    if (model && seeds.length > 0 && seeds.every((s) => model.index.has(s))) return easeScores(model, seeds, candidates);
    return this.coOccurrenceScores(seeds, candidates, nowMs);
  }

  private coOccurrenceScores(seeds: string[], candidates: readonly Product[], nowMs: number): Map<string, number> {
    const { coPurchaseRarity: r, coPurchaseShrinkage: shrink } = this.deps.options;
    const wanted = new Set(candidates.map((p) => p.id));
    const out = new Map<string, number>();
    for (const seed of seeds) {
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

  /** The `limit` products with the largest decayed purchase counts (ties by id, so refits are reproducible). */
  private topProducts(limit: number, nowMs: number): string[] {
    return [...this.items.keys()]
      .map((id) => ({ id, n: this.items.get(id, nowMs) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((x) => x.id);
  }

  /** Decayed co-occurrence of `ids` (X'X of the decayed purchase matrix): pair counts off, item counts on the diagonal. */
  private gram(ids: readonly string[], nowMs: number): Float64Array {
    const n = ids.length;
    const index = new Map(ids.map((id, i) => [id, i]));
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      g[i * n + i] = this.items.get(ids[i], nowMs);
      for (const partner of this.partners.get(ids[i]) ?? []) {
        const j = index.get(partner);
        if (j !== undefined) g[i * n + j] = this.pairs.get(pairKey(ids[i], partner), nowMs);
      }
    }
    return g;
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

/** Sum of the seeds' EASE weights towards each candidate the model knows; negative evidence counts as none. */
function easeScores(model: EaseSnapshot, seeds: string[], candidates: readonly Product[]): Map<string, number> {
  const rows = seeds.map((s) => model.index.get(s)! * model.n);
  const out = new Map<string, number>();
  for (const p of candidates) {
    const j = model.index.get(p.id);
    if (j === undefined) continue;
    let score = 0;
    for (const row of rows) score += model.weights[row + j];
    if (score > 0) out.set(p.id, score);
  }
  return out;
}
