import type { Logger } from '../../core/logger.ts';
import type { ChangeFeed } from '../change-feed.ts';
import type { OrderChange } from '../shop-platform.ts';
import type { WooClient } from './woo-client.ts';
import { toOrder } from './woo-order.ts';
import { gmtIso } from './woo-product.ts';
import type { WooOrder } from './woo-types.ts';

/** At most this many pages of changed orders a round; the rest come next round (`since` stays at the last read). */
const MAX_CHANGED_ORDER_PAGES = 10;
/** WooCommerce compares dates to the second: one second of overlap rather than a missed order (a repeat is harmless). */
const OVERLAP_MS = 1000;

/**
 * Order changes for shops without webhooks (SHOPMATE_SHOP_POLL_SECONDS > 0): each round reads the orders modified
 * since the last successful round (`modified_after`, WooCommerce 5.8+) and emits them, new ones as created. The
 * catalog needs no poller here: the live catalog re-lists it on the same interval (src/shop/live-catalog.ts).
 */
export class WooOrderPoller {
  private since = new Date();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: { client: WooClient; orders: ChangeFeed<OrderChange>; logger: Logger; intervalMs: number; now?: () => Date },
  ) {}

  start(): void {
    this.since = this.now();
    this.timer = setInterval(() => void this.round(), this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round; a failing shop is logged and asked again next round, from the same point (no overlapping rounds). */
  round(): Promise<void> {
    this.running ??= (async () => {
      try {
        const next = this.now();
        await this.changedOrders(this.since);
        this.since = next;
      } catch (e) {
        this.deps.logger.warn('woocommerce order poll failed; trying again next round', { error: (e as Error).message });
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async changedOrders(from: Date): Promise<void> {
    const after = new Date(from.getTime() - OVERLAP_MS).toISOString();
    const { items, truncated } = await this.deps.client.all<WooOrder>('changed orders', 'orders', { modified_after: after.slice(0, 19), dates_are_gmt: 'true', orderby: 'date', order: 'asc' }, MAX_CHANGED_ORDER_PAGES);
    if (truncated) this.deps.logger.warn('woocommerce: more changed orders than one poll reads', { orders: items.length });
    for (const o of items) this.deps.orders.emit({ kind: gmtIso(o.date_created_gmt) >= after ? 'created' : 'updated', order: toOrder(o) });
  }
}
