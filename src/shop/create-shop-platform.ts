import type { Config } from '../config/config.ts';
import { ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { ShopContent } from '../knowledge/load-shop.ts';
import type { Store } from '../store/store.ts';
import { DemoShopPlatform } from './demo/demo-shop-platform.ts';
import type { Sealer } from '../privacy/data-vault.ts';
import type { ShopPlatform } from './shop-platform.ts';
import { ShopifyShopPlatform } from './shopify/shopify-shop-platform.ts';
import { WooCommerceShopPlatform } from './woocommerce/woocommerce-shop-platform.ts';

export interface ShopPlatformDeps {
  config: Config;
  logger: Logger;
  /** The demo shop's content (knowledge/): its catalog and orders are the demo platform's data. */
  shop: ShopContent;
  store: Store;
  sealer: Sealer;
  /** Tests point connectors at their fake servers through this. */
  fetch?: typeof fetch;
}

/** SHOPMATE_SHOP_PLATFORM picks the shop the bot reads and acts on; each platform is one folder under src/shop/. */
export function createShopPlatform(deps: ShopPlatformDeps): ShopPlatform {
  const { config } = deps;
  switch (config.shop.platform) {
    case 'demo':
      return new DemoShopPlatform({
        knowledgeDir: config.knowledgeDir,
        shop: deps.shop,
        orderLog: deps.store.orderChanges,
        sealer: deps.sealer,
        productUrlPattern: config.server.productUrlPattern,
        pollSeconds: config.shop.pollSeconds,
        logger: deps.logger,
      });
    case 'shopify': return new ShopifyShopPlatform({ shop: config.shop, logger: deps.logger, fetch: deps.fetch });
    case 'woocommerce': return new WooCommerceShopPlatform({ shop: config.shop, logger: deps.logger, fetch: deps.fetch });
    default:
      // Every name the config accepts has its case; this guards a config built around the schema.
      throw new ShopmateError('CONFIG_INVALID', `shop platform "${config.shop.platform as string}" is not available in this build`);
  }
}
