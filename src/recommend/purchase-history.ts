import type { Basket, EventSink, InteractionEvent } from './types.ts';

interface Purchase {
  productId: string;
  atMs: number;
}

/**
 * Each customer's recent purchases: what they "just bought" (never recommended back) and the partners a newly
 * logged purchase is bought together with. Entries older than `retainMs` before the customer's newest purchase
 * are dropped, so memory stays bounded by recent activity.
 */
export class PurchaseHistory implements EventSink {
  private readonly byUser = new Map<string, Purchase[]>();

  constructor(private readonly retainMs: number) {}

  recordEvent(event: InteractionEvent): void {
    if (event.kind !== 'purchase' || event.userId === undefined) return;
    this.add(event.userId, [event.productId], event.at.getTime());
  }

  recordBasket(basket: Basket): void {
    if (basket.userId === undefined) return;
    this.add(basket.userId, basket.productIds, basket.at.getTime());
  }

  /** Distinct products the customer bought in [sinceMs, untilMs]. */
  purchasedBetween(userId: string | undefined, sinceMs: number, untilMs = Infinity): Set<string> {
    const out = new Set<string>();
    if (userId === undefined) return out;
    for (const p of this.byUser.get(userId) ?? []) if (p.atMs >= sinceMs && p.atMs <= untilMs) out.add(p.productId);
    return out;
  }

  private add(userId: string, productIds: string[], atMs: number): void {
    const list = this.byUser.get(userId) ?? [];
    for (const productId of productIds) list.push({ productId, atMs });
    const newest = Math.max(...list.map((p) => p.atMs));
    this.byUser.set(userId, list.filter((p) => p.atMs >= newest - this.retainMs));
  }
}
