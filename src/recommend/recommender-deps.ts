import type { Logger } from '../core/logger.ts';
import type { EaseFitter } from './ease-fitter.ts';
import { eligibleProducts } from './eligible-products.ts';
import { PurchaseHistory } from './purchase-history.ts';
import { rankScores } from './rank-scores.ts';
import { DAY_MS, resolveRecommenderOptions, type RecommenderOptions, type RecommenderOptionsInput } from './recommender-options.ts';
import type { ScoreComponent } from './score-component.ts';
import type { CatalogSource, Clock, InteractionEvent, Basket, RecommendContext, Recommendation } from './types.ts';

/** What every recommender is built from. Pass one shared `history` when several recommenders see the same events. */
export interface RecommenderDeps {
  catalog: CatalogSource;
  clock?: Clock;
  history?: PurchaseHistory;
  options?: RecommenderOptionsInput;
  /** Computes EASE refits of the co-purchase component (default: in a worker thread above a few hundred products). */
  easeFitter?: EaseFitter;
  /** Where a failed EASE refit is reported. */
  logger?: Logger;
}

export interface ResolvedDeps {
  catalog: CatalogSource;
  clock: Clock;
  history: PurchaseHistory;
  /** True when the history was created here, so this recommender must also feed it. */
  ownsHistory: boolean;
  options: RecommenderOptions;
}

export function resolveDeps(deps: RecommenderDeps): ResolvedDeps {
  const options = resolveRecommenderOptions(deps.options);
  const retainMs = Math.max(options.recentPurchaseDays * DAY_MS, options.basketWindowHours * 3_600_000);
  return {
    catalog: deps.catalog,
    clock: deps.clock ?? (() => new Date()),
    history: deps.history ?? new PurchaseHistory(retainMs),
    ownsHistory: deps.history === undefined,
    options,
  };
}

/** A single component used on its own: filter the live catalog, score, take the top k. */
export async function recommendWith(
  component: ScoreComponent,
  deps: ResolvedDeps,
  ctx: RecommendContext,
  k: number,
): Promise<Recommendation[]> {
  const nowMs = deps.clock().getTime();
  const candidates = eligibleProducts(deps.catalog(), ctx, deps.history, nowMs, deps.options.recentPurchaseDays * DAY_MS);
  return rankScores(await component.scores(ctx, candidates, nowMs), k, component.reason);
}

export function feedOwnedHistory(deps: ResolvedDeps, item: { event?: InteractionEvent; basket?: Basket }): void {
  if (!deps.ownsHistory) return;
  if (item.event) deps.history.recordEvent(item.event);
  if (item.basket) deps.history.recordBasket(item.basket);
}
