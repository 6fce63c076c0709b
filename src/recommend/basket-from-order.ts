import type { Order } from '../knowledge/types.ts';
import type { Basket } from './types.ts';

/** Orders that never reached the customer are not evidence of what goes together. */
const NOT_BOUGHT = new Set(['cancelled']);

/** An order as a basket: the customer is identified by e-mail, the time is when it was placed. */
export function basketFromOrder(order: Order): Basket | undefined {
  if (NOT_BOUGHT.has(order.status)) return undefined;
  return { userId: order.email.toLowerCase(), productIds: order.items.map((i) => i.productId), at: new Date(order.placedAt) };
}

/** Feeds an order book into any event sink (a recommender or the shared history). */
export function recordOrders(sink: { recordBasket(b: Basket): void }, orders: readonly Order[]): number {
  let used = 0;
  for (const order of orders) {
    const basket = basketFromOrder(order);
    if (basket) {
      sink.recordBasket(basket);
      used += 1;
    }
  }
  return used;
}
