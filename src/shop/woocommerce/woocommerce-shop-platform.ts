import type { Config } from '../../config/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { Product } from '../../knowledge/types.ts';
import { numberedOrderIds } from '../order-id-format.ts';
import type { CatalogChange, OrderChange, ShopPlatform } from '../shop-platform.ts';
import { ChangeFeed } from '../change-feed.ts';
import { WooCatalog } from './woo-catalog.ts';
import { WooClient } from './woo-client.ts';
import { WooOrders } from './woo-orders.ts';
import { WooOrderPoller } from './woo-order-poller.ts';
import { WooWebhooks } from './woo-webhooks.ts';

/**
 * A WooCommerce shop through its REST API v3 (see README "Shop platform: WooCommerce"): published products as the
 * catalog, orders by their WooCommerce id ("#1234", "order 1234"), cancellations and address changes while an order
 * has not shipped, return requests and operator notes as private order notes, changes from webhooks (when a webhook
 * secret is set) and/or polling of orders (SHOPMATE_SHOP_POLL_SECONDS; the live catalog polls the products itself).
 */
export class WooCommerceShopPlatform implements ShopPlatform {
  readonly name = 'woocommerce' as const;
  readonly catalog: WooCatalog;
  readonly orders: WooOrders;
  readonly orderIds = numberedOrderIds();
  /** pending covers WooCommerce's pending, on-hold and failed; processing is paid and not yet shipped. */
  readonly rules = { cancellableStatuses: ['pending', 'processing'], changeableStatuses: ['pending', 'processing'] } satisfies ShopPlatform['rules'];
  readonly webhooks?: WooWebhooks;

  private readonly poller?: WooOrderPoller;
  private started = false;

  constructor(options: { shop: Config['shop']; logger: Logger; fetch?: typeof fetch }) {
    const { shop, logger } = options;
    const client = WooClient.create(shop.woocommerce, shop.http, logger, options.fetch);
    const products = new ChangeFeed<CatalogChange>('woocommerce products', logger);
    const orders = new ChangeFeed<OrderChange>('woocommerce orders', logger);
    this.catalog = new WooCatalog(client, products, logger);
    this.orders = new WooOrders(client, orders, logger);
    const secret = shop.woocommerce.webhookSecret;
    if (secret) this.webhooks = new WooWebhooks({ secret, catalog: this.catalog, products, orders, logger, started: () => this.started });
    if (shop.pollSeconds > 0) this.poller = new WooOrderPoller({ client, orders, logger, intervalMs: shop.pollSeconds * 1000 });
    if (!secret && !this.poller) logger.warn('woocommerce: no webhook secret and no polling; catalog and order changes reach the bot only after a restart');
  }

  productUrl(p: Product): string {
    return p.url ?? '';
  }

  /** Reads the store currency (proving URL and keys work) and starts polling orders when configured. */
  async start(): Promise<void> {
    await this.catalog.currency();
    this.poller?.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.poller?.stop();
  }
}
