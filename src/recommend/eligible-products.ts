import type { Product } from '../knowledge/types.ts';
import type { PurchaseHistory } from './purchase-history.ts';
import type { RecommendContext } from './types.ts';

/**
 * The products a recommendation may name right now: in stock (read from the live catalog on every call), not a
 * seed, not explicitly excluded and not something this customer bought within the recent-purchase window.
 */
export function eligibleProducts(
  catalog: readonly Product[],
  ctx: RecommendContext,
  history: PurchaseHistory,
  nowMs: number,
  recentPurchaseMs: number,
): Product[] {
  const blocked = new Set([...ctx.seedProductIds, ...(ctx.exclude ?? [])]);
  for (const id of history.purchasedBetween(ctx.userId, nowMs - recentPurchaseMs)) blocked.add(id);
  return catalog.filter((p) => p.stock > 0 && !blocked.has(p.id));
}
