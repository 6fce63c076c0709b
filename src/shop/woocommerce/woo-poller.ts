import type { Logger } from '../../core/logger.ts';
import type { Product } from '../../knowledge/types.ts';
import { diffCatalog } from '../catalog-diff.ts';
import type { CatalogChange, OrderChange } from '../shop-platform.ts';
import type { ChangeFeed } from '../change-feed.ts';
import type { WooCatalog } from './woo-catalog.ts';
import type { WooClient } from './woo-client.ts';
import { toOrder } from './woo-order.ts';
import { gmtIso } from './woo-product.ts';
import type { WooOrder } from './woo-types.ts';

const MAX_CHANGED_ORDER_PAGES = 10;

/**
 * For shops without webhooks (SHOPMATE_SHOP_POLL_SECONDS > 0): each round re-reads the catalog and emits what changed
 * since the last round (new or modified products, and removed ones, which webhooks would report as deleted), and
 * reads the orders modified since the last round (WooCommerce 5.8+ `modified_after`).
 */
export class WooPoller {
  private known: Product[] = [];
  private since = new Date();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      client: WooClient;
      catalog: WooCatalog;
      products: ChangeFeed<CatalogChange>;
      orders: ChangeFeed<OrderChange>;
      logger: Logger;
      intervalMs: number;
      now?: () => Date;
    },
  ) {}

  /** Takes the first snapshot (nothing is emitted for it), then polls on the interval. */
  async start(): Promise<void> {
    this.since = this.now();
    await this.snapshotProducts(false);
    this.timer = setInterval(() => void this.round(), this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round; a failing shop is logged and asked again next round (no overlap with a round still running). */
  round(): Promise<void> {
    this.running ??= (async () => {
      try {
        // `since` moves only after a round succeeded, so orders changed during an outage are read when it ends.
        const next = this.now();
        await this.snapshotProducts(true);
        await this.changedOrders(this.since);
        this.since = next;
      } catch (e) {
        this.deps.logger.warn('woocommerce poll failed; trying again next round', { error: (e as Error).message });
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async snapshotProducts(emit: boolean): Promise<void> {
    const products = await this.deps.catalog.list();
    if (emit) for (const change of diffCatalog(this.known, products)) this.deps.products.emit(change);
    this.known = products;
  }

  private async changedOrders(from: Date): Promise<void> {
    // WooCommerce compares to the second; one second of overlap rather than a missed order (re-emitting is harmless).
    const after = new Date(from.getTime() - 1000).toISOString().slice(0, 19);
    const { items } = await this.deps.client.all<WooOrder>('changed orders', 'orders', { modified_after: after, dates_are_gmt: 'true' }, MAX_CHANGED_ORDER_PAGES);
    for (const o of items) {
      const created = gmtIso(o.date_created_gmt) >= new Date(from.getTime() - 1000).toISOString();
      this.deps.orders.emit({ kind: created ? 'created' : 'updated', order: toOrder(o) });
    }
  }
}
