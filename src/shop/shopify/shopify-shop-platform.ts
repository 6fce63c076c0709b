import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Config } from '../../config/config.ts';
import type { Product } from '../../knowledge/types.ts';
import { numberedOrderIds } from '../order-id-format.ts';
import type { ShopPlatform } from '../shop-platform.ts';
import type { CancelOptions } from './shopify-cancel.ts';
import { ShopifyCatalog } from './shopify-catalog.ts';
import { ShopifyGraphqlClient } from './shopify-graphql-client.ts';
import { ShopifyOrders, type OrderRules } from './shopify-orders.ts';
import { ShopifyOrderPoller } from './shopify-order-poller.ts';
import { SHOP_QUERY } from './shopify-queries.ts';
import { ShopifyWebhookReceiver, type ShopInfo } from './shopify-webhooks.ts';

export interface ShopifyPlatformOptions {
  shop: Config['shop'];
  logger: Logger;
  /** Tests pass their own; production uses the global fetch. */
  fetch?: typeof fetch;
  /** Cancellation confirmation polling; by default every 500 ms for up to twice the call timeout. */
  cancel?: Partial<CancelOptions>;
  /** Bound of every cursor loop (pages of 50 products or 10 orders). */
  maxPages?: number;
}

/**
 * Shopify only cancels or edits an order before it ships; the same rules go to the dialogue, which explains them.
 * What Shopify calls a pending payment is "pending", paid and not yet shipped is "processing" (shopify-order-mapper).
 */
const RULES: OrderRules = { cancellableStatuses: ['pending', 'processing'], changeableStatuses: ['pending', 'processing'] };

/**
 * A Shopify store through the Admin GraphQL API (version pinned by SHOPMATE_SHOPIFY_API_VERSION), with webhooks when
 * SHOPMATE_SHOPIFY_WEBHOOK_SECRET is set and an order poller when SHOPMATE_SHOP_POLL_SECONDS > 0 (the live catalog
 * polls the product list itself).
 */
export class ShopifyShopPlatform implements ShopPlatform {
  readonly name = 'shopify' as const;
  readonly orderIds = numberedOrderIds();
  readonly rules = RULES;
  readonly catalog: ShopifyCatalog;
  readonly orders: ShopifyOrders;
  readonly webhooks?: ShopifyWebhookReceiver;
  private readonly client: ShopifyGraphqlClient;
  private readonly storeUrl: string;
  private readonly poller?: ShopifyOrderPoller;
  private shop?: Promise<ShopInfo>;

  constructor(private readonly options: ShopifyPlatformOptions) {
    const { shopify, http } = options.shop;
    if (!shopify.storeUrl || !shopify.accessToken) {
      throw new ShopmateError('CONFIG_INVALID', 'shopify needs SHOPMATE_SHOPIFY_STORE_URL and SHOPMATE_SHOPIFY_ACCESS_TOKEN');
    }
    this.storeUrl = shopify.storeUrl.replace(/\/+$/, '');
    const connection = { storeUrl: this.storeUrl, accessToken: shopify.accessToken, apiVersion: shopify.apiVersion };
    this.client = new ShopifyGraphqlClient({ connection, settings: http, logger: options.logger, fetch: options.fetch });
    const maxPages = options.maxPages ?? 400;
    const cancel = { pollMs: 500, confirmWithinMs: 2 * http.timeoutMs, ...options.cancel };
    this.catalog = new ShopifyCatalog({ client: this.client, storeUrl: this.storeUrl, logger: options.logger, maxPages });
    this.orders = new ShopifyOrders({ client: this.client, rules: RULES, cancel, logger: options.logger, maxPages });
    if (shopify.webhookSecret) {
      this.webhooks = new ShopifyWebhookReceiver({
        secret: shopify.webhookSecret,
        shop: () => this.shopInfo(),
        catalog: this.catalog.feed,
        orders: this.orders.feed,
        logger: options.logger,
      });
    }
    if (options.shop.pollSeconds > 0) {
      this.poller = new ShopifyOrderPoller({ orders: this.orders, intervalMs: options.shop.pollSeconds * 1000, logger: options.logger });
    }
  }

  /** Every product we map has its page; one from elsewhere gets the store's search for its title (a page that works). */
  productUrl(p: Product): string {
    return p.url ?? `${this.storeUrl}/search?q=${encodeURIComponent(p.title)}`;
  }

  async start(): Promise<void> {
    try {
      // Read once at start: it checks the token early, and webhook payloads need the currency and storefront address.
      const shop = await this.shopInfo();
      this.options.logger.info('shopify connected', { store: this.storeUrl, apiVersion: this.options.shop.shopify.apiVersion, ...shop });
    } catch (e) {
      // The bot still starts: each call says the shop is unreachable until it is back.
      this.options.logger.error('shopify: the store could not be reached at start', { error: (e as Error).message });
    }
    if (!this.webhooks && !this.poller) this.options.logger.warn('shopify: neither webhooks (SHOPMATE_SHOPIFY_WEBHOOK_SECRET) nor polling (SHOPMATE_SHOP_POLL_SECONDS) is set: the catalog is read once');
    this.poller?.start();
  }

  async stop(): Promise<void> {
    this.poller?.stop();
  }

  private shopInfo(): Promise<ShopInfo> {
    this.shop ??= this.client.request<{ shop: { currencyCode: string; primaryDomain: { url: string } } }>('read shop', SHOP_QUERY)
      .then((d) => ({ currency: d.shop.currencyCode, storefrontUrl: d.shop.primaryDomain.url }));
    // A failed read is not kept: the next webhook asks again.
    this.shop.catch(() => (this.shop = undefined));
    return this.shop;
  }
}
