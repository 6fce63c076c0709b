import type { Logger } from '../../core/logger.ts';
import type { ShopifyOrders } from './shopify-orders.ts';

/**
 * The order feed for shops without webhooks (SHOPMATE_SHOP_POLL_SECONDS > 0): every interval the orders updated since
 * the last poll are read; an order first seen and placed after we started is "created" (a purchase for the
 * recommender), any other change "updated". The catalog needs no poller here: the live catalog re-lists it at the same
 * interval (src/shop/live-catalog.ts). A poll that fails is logged and tried again at the next interval.
 */
export class ShopifyOrderPoller {
  private timer: NodeJS.Timeout | undefined;
  private readonly seen = new Map<string, string>();
  private since = new Date();
  private startedAt = new Date();
  private running = false;

  constructor(private readonly deps: { orders: ShopifyOrders; intervalMs: number; logger: Logger; now?: () => Date }) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  start(): void {
    this.startedAt = this.since = this.now();
    this.timer = setInterval(() => void this.poll(), this.deps.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One poll (the timer's; tests call it directly). */
  async poll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const now = this.now();
    try {
      // A minute of overlap: Shopify's updated_at and our clock may differ a little; unchanged orders are skipped.
      const changed = await this.deps.orders.updatedSince(new Date(this.since.getTime() - 60_000));
      for (const order of changed) {
        const json = JSON.stringify(order);
        const before = this.seen.get(order.id);
        if (before === json) continue;
        this.seen.set(order.id, json);
        const created = before === undefined && Date.parse(order.placedAt) >= this.startedAt.getTime();
        this.deps.orders.feed.emit({ kind: created ? 'created' : 'updated', order });
      }
      this.since = now;
    } catch (e) {
      this.deps.logger.warn('shopify order poll failed', { error: (e as Error).message });
    } finally {
      this.running = false;
    }
  }
}
