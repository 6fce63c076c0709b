import { loadConfig, type Config } from '../../../src/config/config.ts';
import { memoryLogger } from '../../../src/core/logger.ts';
import { WooCommerceShopPlatform } from '../../../src/shop/woocommerce/woocommerce-shop-platform.ts';
import { FakeWooCommerce } from './fake-woocommerce.ts';
import { seedOrders, seedProducts } from './woo-seed.ts';

/** Small timeouts and backoff so failure paths take milliseconds, not the production seconds. */
export const FAST_HTTP: Config['shop']['http'] = { timeoutMs: 300, retries: 2, backoffMs: 10, breakerFailures: 50, breakerCooldownMs: 60_000 };

export function wooShopConfig(fake: FakeWooCommerce, over: { http?: Partial<Config['shop']['http']>; pollSeconds?: number; webhookSecret?: string | null; keys?: { consumerKey: string; consumerSecret: string }; path?: string } = {}): Config['shop'] {
  const keys = over.keys ?? fake.keys;
  return loadConfig({
    env: {
      SHOPMATE_SHOP_PLATFORM: 'woocommerce',
      SHOPMATE_WOOCOMMERCE_URL: `${fake.url}${over.path ?? ''}`,
      SHOPMATE_WOOCOMMERCE_CONSUMER_KEY: keys.consumerKey,
      SHOPMATE_WOOCOMMERCE_CONSUMER_SECRET: keys.consumerSecret,
      ...(over.webhookSecret === null ? {} : { SHOPMATE_WOOCOMMERCE_WEBHOOK_SECRET: over.webhookSecret ?? fake.webhookSecret }),
      SHOPMATE_SHOP_POLL_SECONDS: String(over.pollSeconds ?? 0),
    },
    overrides: { shop: { http: { ...FAST_HTTP, ...over.http } } },
  }).shop;
}

/** A seeded fake WooCommerce and a started connector talking to it. */
export async function startWoo(over: Parameters<typeof wooShopConfig>[1] & { start?: boolean } = {}) {
  const fake = await new FakeWooCommerce().listen();
  fake.seed({ products: seedProducts(), orders: seedOrders() });
  const logger = memoryLogger();
  const platform = new WooCommerceShopPlatform({ shop: wooShopConfig(fake, over), logger });
  if (over.start !== false) await platform.start();
  fake.requests.length = 0;
  return {
    fake,
    platform,
    logger,
    close: async () => {
      await platform.stop();
      await fake.close();
    },
  };
}
