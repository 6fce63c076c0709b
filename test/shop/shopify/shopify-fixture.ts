import { loadConfig } from '../../../src/config/config.ts';
import { memoryLogger } from '../../../src/core/logger.ts';
import { ShopifyShopPlatform, type ShopifyPlatformOptions } from '../../../src/shop/shopify/shopify-shop-platform.ts';
import { FAKE_SHOPIFY_TOKEN, FAKE_SHOPIFY_VERSION, FAKE_SHOPIFY_WEBHOOK_SECRET, FakeShopify } from './fake-shopify.ts';

/** Small timeouts and backoff so failure tests stay fast; the breaker opens after 3 failed calls. */
export const FAST_HTTP = { timeoutMs: 400, retries: 2, backoffMs: 10, breakerFailures: 3, breakerCooldownMs: 300 };

export interface ShopifyFixture {
  fake: FakeShopify;
  platform: ShopifyShopPlatform;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

type FixtureOptions = { http?: Partial<typeof FAST_HTTP>; token?: string; pollSeconds?: number; webhooks?: boolean } & Partial<ShopifyPlatformOptions>;

/** A started fake store and a started connector pointed at it, webhooks delivered straight to the connector. */
export async function startShopify(options: FixtureOptions = {}): Promise<ShopifyFixture> {
  const f = await createShopify(options);
  await f.platform.start();
  return f;
}

/** The same, the connector not started yet (the contract suite starts it). */
export async function createShopify(options: FixtureOptions = {}): Promise<ShopifyFixture> {
  const fake = await new FakeShopify().start();
  // Shopify Plus's restore rate (1,000 points a second) keeps long listings fast; throttle tests set their own.
  fake.bucket.restoreRate = 1000;
  const logger = memoryLogger();
  const config = loadConfig({
    env: {
      SHOPMATE_SHOP_PLATFORM: 'shopify',
      SHOPMATE_SHOPIFY_STORE_URL: fake.url,
      SHOPMATE_SHOPIFY_ACCESS_TOKEN: options.token ?? FAKE_SHOPIFY_TOKEN,
      SHOPMATE_SHOPIFY_API_VERSION: FAKE_SHOPIFY_VERSION,
      ...(options.webhooks === false ? {} : { SHOPMATE_SHOPIFY_WEBHOOK_SECRET: FAKE_SHOPIFY_WEBHOOK_SECRET }),
      SHOPMATE_SHOP_POLL_SECONDS: String(options.pollSeconds ?? 0),
    },
    overrides: { shop: { http: { ...FAST_HTTP, ...options.http } } as never },
  });
  const platform = new ShopifyShopPlatform({ shop: config.shop, logger, cancel: { pollMs: 20, confirmWithinMs: 1000 }, ...options });
  if (platform.webhooks) fake.webhookTarget = (d) => platform.webhooks!.receive(d);
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
