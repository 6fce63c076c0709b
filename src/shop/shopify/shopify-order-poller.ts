import type { Logger } from '../../core/logger.ts';
import type { ShopifyCatalog } from './shopify-catalog.ts';
import type { ShopifyOrders } from './shopify-orders.ts';

/**
 * The change feed for shops without webhooks (SHOPMATE_SHOP_POLL_SECONDS > 0): every interval the active products are
 * listed and compared with the last list (new or changed -> upsert, gone -> delete), and orders updated since the
 * last poll are read (an order first seen and placed after we started -> created, else updated). A poll that fails
 * is logged and tried again at the next interval.
 */
export class ShopifyPoller {
  private timer: NodeJS.Timeout | undefined;
  private products = new Map<string, string>();
  private readonly orders = new Map<string, string>();
  private since = new Date();
  private startedAt = new Date();
  private running = false;

  constructor(private readonly deps: { catalog: ShopifyCatalog; orders: ShopifyOrders; intervalMs: number; logger: Logger; now?: () => Date }) {}

  async start(): Promise<void> {
    const now = this.deps.now ?? (() => new Date());
    this.startedAt = this.since = now();
    try {
      this.products = new Map((await this.deps.catalog.list()).map((p) => [p.id, JSON.stringify(p)]));
    } catch (e) {
      this.deps.logger.warn('shopify poll: first catalog read failed; the next poll reports every product', { error: (e as Error).message });
    }
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
    try {
      await this.pollProducts();
      await this.pollOrders();
    } catch (e) {
      this.deps.logger.warn('shopify poll failed', { error: (e as Error).message });
    } finally {
      this.running = false;
    }
  }

  private async pollProducts(): Promise<void> {
    const next = new Map((await this.deps.catalog.list()).map((p) => [p.id, { p, json: JSON.stringify(p) }]));
    for (const [id, { p, json }] of next) if (this.products.get(id) !== json) this.deps.catalog.feed.emit({ kind: 'upsert', product: p });
    for (const id of this.products.keys()) if (!next.has(id)) this.deps.catalog.feed.emit({ kind: 'delete', productId: id });
    this.products = new Map([...next].map(([id, v]) => [id, v.json]));
  }

  private async pollOrders(): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))();
    // A minute of overlap: Shopify's updated_at and our clock may differ a little; unchanged orders are skipped below.
    const changed = await this.deps.orders.updatedSince(new Date(this.since.getTime() - 60_000));
    for (const order of changed) {
      const json = JSON.stringify(order);
      const before = this.orders.get(order.id);
      if (before === json) continue;
      this.orders.set(order.id, json);
      const created = before === undefined && Date.parse(order.placedAt) >= this.startedAt.getTime();
      this.deps.orders.feed.emit({ kind: created ? 'created' : 'updated', order });
    }
    this.since = now;
  }
}
