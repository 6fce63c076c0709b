import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { DEFAULT_RECOMMENDER_OPTIONS } from '../../src/recommend/recommender-options.ts';

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const c = loadConfig({ env: {}, cwd: '/srv/shop' });
    expect(c.dataDir).toBe('/srv/shop/data');
    expect(c.nlu.backend).toBe('auto');
    expect(c.intent.oosThreshold).toBeNull();
  });

  it('reads overrides from the environment', () => {
    const c = loadConfig({ env: { SHOPMATE_TF_BACKEND: 'cpu', SHOPMATE_OOS_THRESHOLD: '0.4', SHOPMATE_DATA_DIR: '/tmp/x' } });
    expect(c.nlu.backend).toBe('cpu');
    expect(c.intent.oosThreshold).toBe(0.4);
    expect(c.dataDir).toBe('/tmp/x');
  });

  it('rejects invalid values with a message naming the setting', () => {
    expect(() => loadConfig({ env: { SHOPMATE_TF_BACKEND: 'gpu' } })).toThrow(/nlu\.backend/);
    expect(() => loadConfig({ env: { SHOPMATE_OOS_THRESHOLD: 'high' } })).toThrow(/SHOPMATE_OOS_THRESHOLD must be a number/);
    expect(() => loadConfig({ env: { SHOPMATE_OOS_THRESHOLD: '1.5' } })).toThrow(/intent\.oosThreshold/);
    expect(() => loadConfig({ env: { SHOPMATE_MAX_INPUT_CHARS: '3' } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('reads the encoder pool settings: one worker per core by default, 0 = the main thread', () => {
    expect(loadConfig({ env: {} }).nlu).toMatchObject({ encoderWorkers: availableParallelism(), batchWaitMs: 2 });
    expect(loadConfig({ env: { SHOPMATE_ENCODER_WORKERS: '0', SHOPMATE_EMBED_BATCH_WAIT_MS: '5' } }).nlu).toMatchObject({ encoderWorkers: 0, batchWaitMs: 5 });
    expect(() => loadConfig({ env: { SHOPMATE_ENCODER_WORKERS: '-1' } })).toThrow(/nlu\.encoderWorkers/);
    expect(() => loadConfig({ env: { SHOPMATE_ENCODER_WORKERS: '1.5' } })).toThrow(/nlu\.encoderWorkers/);
    expect(() => loadConfig({ env: { SHOPMATE_EMBED_BATCH_WAIT_MS: 'soon' } })).toThrow(/SHOPMATE_EMBED_BATCH_WAIT_MS must be a number/);
  });

  it('selects PostgreSQL with SHOPMATE_STORE=postgres and requires SHOPMATE_DATABASE_URL, never echoing it', () => {
    const url = 'postgres://shop:s3cret-pw@db.internal:5432/shopmate';
    expect(loadConfig({ env: { SHOPMATE_STORE: 'postgres', SHOPMATE_DATABASE_URL: url } }).store).toMatchObject({ kind: 'postgres', databaseUrl: url });
    expect(loadConfig({ env: {} }).store).toMatchObject({ kind: 'sqlite' });
    const failure = (env: Record<string, string>) => {
      try {
        loadConfig({ env });
      } catch (e) {
        return e as Error & { code: string };
      }
      throw new Error('expected a configuration error');
    };
    const missing = failure({ SHOPMATE_STORE: 'postgres' });
    expect(missing.code).toBe('CONFIG_INVALID');
    expect(missing.message).toMatch(/SHOPMATE_DATABASE_URL is required with SHOPMATE_STORE=postgres/);
    expect(failure({ SHOPMATE_STORE: 'postgres', SHOPMATE_DATABASE_URL: 'mysql://shop:s3cret-pw@db/x' }).message).toMatch(/must be a postgres:\/\/ or postgresql:\/\/ URL/);
    const stray = failure({ SHOPMATE_DATABASE_URL: url });
    expect(stray.message).toMatch(/the store is not PostgreSQL/);
    for (const e of [stray, failure({ SHOPMATE_STORE: 'postgres', SHOPMATE_DATABASE_URL: 'mysql://shop:s3cret-pw@db/x' })]) {
      expect(JSON.stringify({ message: e.message, details: (e as { details?: unknown }).details })).not.toContain('s3cret-pw');
    }
    expect(failure({ SHOPMATE_STORE: 'mongo' }).message).toMatch(/SHOPMATE_STORE must be sqlite, memory or postgres/);
  });

  it('reads which proxies to trust for client addresses (SHOPMATE_TRUST_PROXY)', () => {
    expect(loadConfig({ env: {} }).server.trustProxy).toBe(false);
    expect(loadConfig({ env: { SHOPMATE_TRUST_PROXY: 'true' } }).server.trustProxy).toBe(true);
    expect(loadConfig({ env: { SHOPMATE_TRUST_PROXY: '1' } }).server.trustProxy).toBe(1);
    expect(loadConfig({ env: { SHOPMATE_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' } }).server.trustProxy).toBe('loopback, 10.0.0.0/8, fd00::1');
    expect(() => loadConfig({ env: { SHOPMATE_TRUST_PROXY: 'nginx' } })).toThrow(/server\.trustProxy/);
  });

  it('reads the EASE settings of the recommender, with the tuned defaults of recommender-options.ts', () => {
    const d = loadConfig({ env: {} }).recommend;
    expect(d).toMatchObject({ easeLambda: DEFAULT_RECOMMENDER_OPTIONS.easeLambda, easeMaxProducts: 2000, easeRefitSeconds: 300 });
    expect(d.coPurchase).toBe(DEFAULT_RECOMMENDER_OPTIONS.coPurchase);
    const c = loadConfig({ env: { SHOPMATE_RECOMMEND_EASE_LAMBDA: '50', SHOPMATE_RECOMMEND_EASE_MAX_PRODUCTS: '0', SHOPMATE_RECOMMEND_EASE_REFIT_SECONDS: '30' } });
    expect(c.recommend).toMatchObject({ easeLambda: 50, easeMaxProducts: 0, easeRefitSeconds: 30 });
    expect(() => loadConfig({ env: { SHOPMATE_RECOMMEND_EASE_LAMBDA: '0' } })).toThrow(/recommend\.easeLambda/);
    expect(() => loadConfig({ env: { SHOPMATE_RECOMMEND_EASE_MAX_PRODUCTS: '2.5' } })).toThrow(/recommend\.easeMaxProducts/);
  });

  it('reads the shop platform: demo by default, each connector\'s credentials required, https only off this machine', () => {
    const shop = (env: Record<string, string>) => loadConfig({ env }).shop;
    expect(shop({})).toMatchObject({ platform: 'demo', pollSeconds: 0, http: { timeoutMs: 8000, retries: 2, breakerFailures: 5, breakerCooldownMs: 30_000 } });
    expect(() => shop({ SHOPMATE_SHOP_PLATFORM: 'magento' })).toThrow(/shop\.platform/);
    expect(() => shop({ SHOPMATE_SHOP_PLATFORM: 'shopify', SHOPMATE_SHOPIFY_STORE_URL: 'https://x.myshopify.com' })).toThrow(/SHOPMATE_SHOPIFY_ACCESS_TOKEN/);
    expect(() => shop({ SHOPMATE_SHOP_PLATFORM: 'woocommerce', SHOPMATE_WOOCOMMERCE_URL: 'https://shop.example' })).toThrow(/SHOPMATE_WOOCOMMERCE_CONSUMER_KEY/);
    expect(() => shop({ SHOPMATE_WOOCOMMERCE_URL: 'http://shop.example' })).toThrow(/https/);
    expect(shop({ SHOPMATE_WOOCOMMERCE_URL: 'http://127.0.0.1:8080' }).woocommerce.url).toBe('http://127.0.0.1:8080');
    expect(() => shop({ SHOPMATE_SHOPIFY_API_VERSION: '2025-13' })).toThrow(/API version/);
    expect(() => shop({ SHOPMATE_SHOP_TIMEOUT_MS: 'soon' })).toThrow(/SHOPMATE_SHOP_TIMEOUT_MS must be a number/);
    expect(shop({ SHOPMATE_SHOP_PLATFORM: 'shopify', SHOPMATE_SHOPIFY_STORE_URL: 'https://x.myshopify.com', SHOPMATE_SHOPIFY_ACCESS_TOKEN: 'shpat_x', SHOPMATE_SHOP_BREAKER_COOLDOWN_SECONDS: '5' }))
      .toMatchObject({ platform: 'shopify', shopify: { apiVersion: '2025-07', accessToken: 'shpat_x' }, http: { breakerCooldownMs: 5000 } });
  });
});
