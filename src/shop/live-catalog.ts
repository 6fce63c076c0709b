import type { Logger } from '../core/logger.ts';
import type { Product } from '../knowledge/types.ts';
import { recordOrders } from '../recommend/basket-from-order.ts';
import type { Basket } from '../recommend/types.ts';
import { diffCatalog } from './catalog-diff.ts';
import type { CatalogChange, OrderChange, ShopPlatform, Unsubscribe } from './shop-platform.ts';

export interface LiveCatalogDeps {
  platform: ShopPlatform;
  /** The dialogue's catalog and entity index (ShopCatalog). */
  catalog: { replace(products: Product[]): void };
  /** The knowledge index's product entries. */
  knowledge: { syncProduct(change: { product: Product } | { removedId: string }): Promise<void> };
  /** Purchases feed popularity and co-purchase (with their time decay). */
  recommender: { recordBasket(basket: Basket): void };
  /** Re-list the whole catalog this often and apply the differences (shops without webhooks); 0 = off. */
  pollSeconds: number;
  logger: Logger;
}

/**
 * Keeps every product index in step with the shop while the bot runs: changes from the platform's feed (webhooks, a
 * re-read file) or from polling are applied in batches to the dialogue catalog, the entity index, the knowledge
 * index and the recommender's candidate list, so the next message already sees the new price and a removed product
 * is never recommended again. New orders feed the recommender.
 */
export class LiveCatalog {
  private products: Map<string, Product>;
  private pending: CatalogChange[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private unsubscribe: Unsubscribe[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deps: LiveCatalogDeps,
    initial: Product[],
  ) {
    this.products = new Map(initial.map((p) => [p.id, p]));
  }

  start(): void {
    const { platform, pollSeconds } = this.deps;
    this.unsubscribe = [platform.catalog.changes((c) => this.enqueue([c])), platform.orders.changes((c) => this.onOrder(c))];
    if (pollSeconds > 0) {
      this.timer = setInterval(() => void this.poll(), pollSeconds * 1000);
      this.timer.unref();
    }
  }

  stop(): void {
    for (const u of this.unsubscribe) u();
    clearInterval(this.timer);
  }

  list(): Product[] {
    return [...this.products.values()];
  }

  /** Re-lists the shop's catalog and applies what differs; a failing platform keeps the current catalog. */
  async poll(): Promise<number> {
    try {
      const changes = diffCatalog(this.list(), await this.deps.platform.catalog.list());
      this.enqueue(changes);
      await this.settled();
      return changes.length;
    } catch (e) {
      this.deps.logger.warn('catalog poll failed; keeping the current catalog', { error: (e as Error).message });
      return 0;
    }
  }

  /** Resolves once every change received so far is in every index. */
  settled(): Promise<void> {
    return this.flushing;
  }

  private enqueue(changes: CatalogChange[]): void {
    if (changes.length === 0) return;
    const first = this.pending.length === 0;
    this.pending.push(...changes);
    // Changes arriving together (a bulk edit sends one webhook per product) rebuild the indexes once.
    if (first) this.flushing = this.flushing.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    for (const c of batch) {
      if (c.kind === 'upsert') this.products.set(c.product.id, c.product);
      else this.products.delete(c.productId);
    }
    this.deps.catalog.replace(this.list());
    for (const c of batch) {
      try {
        await this.deps.knowledge.syncProduct(c.kind === 'upsert' ? { product: c.product } : { removedId: c.productId });
      } catch (e) {
        this.deps.logger.error('product could not be indexed', { productId: c.kind === 'upsert' ? c.product.id : c.productId, error: (e as Error).message });
      }
    }
    this.deps.logger.info('live catalog updated', { changes: batch.length, products: this.products.size });
  }

  private onOrder(change: OrderChange): void {
    if (change.kind === 'created') recordOrders(this.deps.recommender, [change.order]);
  }
}
