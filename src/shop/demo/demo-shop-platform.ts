import type { Logger } from '../../core/logger.ts';
import type { ShopContent } from '../../knowledge/load-shop.ts';
import type { Product } from '../../knowledge/types.ts';
import type { OrderChangeStore } from '../../store/store.ts';
import { productUrlFromPattern } from '../../shop-catalog.ts';
import { prefixedOrderIds } from '../order-id-format.ts';
import type { ShopPlatform } from '../shop-platform.ts';
import { DemoCatalog } from './demo-catalog.ts';
import { DemoOrders } from './demo-orders.ts';
import type { Sealer } from '../../privacy/data-vault.ts';
import { MemoryOrderBook } from './memory-order-book.ts';

export interface DemoShopOptions {
  knowledgeDir: string;
  shop: Pick<ShopContent, 'profile' | 'products' | 'orders'>;
  /** Where the bot's order changes are kept; without it (conversation tests) they live in memory only. */
  orderLog?: OrderChangeStore;
  sealer: Sealer;
  /** `{id}` and `{slug}` are filled in; a product's own `url` wins. */
  productUrlPattern: string;
  /** Re-read catalog.yaml this often; 0 = only when listed. */
  pollSeconds: number;
  logger: Logger;
}

/** Our demo shop (knowledge/): orders from orders.yaml with the bot's changes persisted, the catalog from catalog.yaml. */
export class DemoShopPlatform implements ShopPlatform {
  readonly name = 'demo' as const;
  readonly catalog: DemoCatalog;
  readonly orders: DemoOrders;
  readonly orderIds = prefixedOrderIds('SM', 6);
  readonly rules;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: DemoShopOptions) {
    const { profile } = options.shop;
    this.rules = { cancellableStatuses: profile.cancellableStatuses, changeableStatuses: profile.changeableStatuses };
    this.catalog = new DemoCatalog(options.knowledgeDir, options.shop.products, options.logger);
    const book = new MemoryOrderBook({ orders: options.shop.orders, ...this.rules });
    this.orders = new DemoOrders(book, { log: options.orderLog, sealer: options.sealer, logger: options.logger });
  }

  productUrl(p: Product): string {
    return productUrlFromPattern(this.options.productUrlPattern, p);
  }

  async start(): Promise<void> {
    await this.catalog.markLoaded();
    const replayed = await this.orders.replay();
    if (replayed > 0) this.options.logger.info('demo shop order changes restored', { changes: replayed });
    if (this.options.pollSeconds > 0) {
      this.timer = setInterval(() => void this.catalog.refresh(), this.options.pollSeconds * 1000);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }
}
