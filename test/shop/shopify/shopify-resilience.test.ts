import { afterEach, describe, expect, it } from 'vitest';
import { throttleDelayMs } from '../../../src/shop/shopify/shopify-graphql-client.ts';
import { startShopify, type ShopifyFixture } from './shopify-fixture.ts';

let f: ShopifyFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const failure = async (p: Promise<unknown>) => p.then(() => undefined, (e: Error & { code?: string }) => e);
const gap = (fx: ShopifyFixture, i: number) => fx.fake.requests[i + 1]!.at - fx.fake.requests[i]!.at;

describe('Shopify throttling', () => {
  it('computes the wait from the deficit and the restore rate', () => {
    expect(throttleDelayMs({ requestedQueryCost: 852, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 352, restoreRate: 100 } })).toBe(5000);
    expect(throttleDelayMs({ requestedQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 50, restoreRate: 100 } })).toBe(0);
    expect(throttleDelayMs(undefined)).toBeUndefined();
  });

  it('retries a THROTTLED answer after the time the bucket needs', async () => {
    f = await startShopify();
    f.fake.bucket.restoreRate = 100;
    f.fake.requests.length = 0;
    f.fake.throttleNext(1); // the bucket is left 5 points (50 ms at 100 a second) short
    expect((await f.platform.catalog.get('7001'))!.title).toBe('Oak Serving Board');
    expect(f.fake.requests.map((r) => r.operation)).toEqual(['Product', 'Product']);
    expect(gap(f, 0)).toBeGreaterThanOrEqual(45);
    expect(f.logger.lines.some((l) => l.msg === 'shopify: throttled')).toBe(true);
  });

  it('paces a listing larger than the bucket at the restore rate instead of running into THROTTLED', async () => {
    f = await startShopify();
    Object.assign(f.fake.bucket, { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 2000 });
    await f.platform.catalog.list(); // learns what a page costs (and may be throttled doing so)
    f.fake.requests.length = 0;
    expect(await f.platform.catalog.list()).toHaveLength(120);
    expect(f.fake.requests.map((r) => `${r.operation}${r.throttled ? ' THROTTLED' : ''}`)).toEqual(['Products', 'Products', 'Products']);
    expect(f.logger.lines.filter((l) => l.msg === 'shopify: pacing to the restore rate').length).toBeGreaterThanOrEqual(2);
  });

  it('honours HTTP 429 with Retry-After', async () => {
    f = await startShopify();
    f.fake.requests.length = 0;
    f.fake.failNext(1, 429, '0.2');
    expect(await f.platform.orders.get('1001')).toBeDefined();
    expect(f.fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(gap(f, 0)).toBeGreaterThanOrEqual(190);
  });
});

describe('Shopify failures', () => {
  it('retries 5xx and succeeds; gives up as SHOP_UNAVAILABLE after the retries', async () => {
    f = await startShopify();
    f.fake.requests.length = 0;
    f.fake.failNext(2, 502);
    expect(await f.platform.orders.get('1001')).toBeDefined();
    expect(f.fake.requests.map((r) => r.status)).toEqual([502, 502, 200]);
    f.fake.failNext(3, 500);
    expect((await failure(f.platform.orders.get('1001')))!.code).toBe('SHOP_UNAVAILABLE');
  });

  it('refused credentials are SHOP_UNAVAILABLE at once, not retried, and the bot still starts', async () => {
    f = await startShopify({ token: 'shpat_wrong' });
    expect(f.logger.lines.some((l) => l.msg === 'shopify: the store could not be reached at start')).toBe(true);
    f.fake.requests.length = 0;
    const e = (await failure(f.platform.catalog.list()))!;
    expect(e.code).toBe('SHOP_UNAVAILABLE');
    expect(e.message).toMatch(/HTTP 401.*access token/);
    expect(f.fake.requests).toHaveLength(1);
  });

  it('a query Shopify rejects (cost, unknown field) is SHOP_UNAVAILABLE with its reason, not retried', async () => {
    f = await startShopify();
    f.fake.requests.length = 0;
    const client = (f.platform as unknown as { client: { request(w: string, q: string, v?: object): Promise<unknown> } }).client;
    const e = (await failure(client.request('too big', 'query { products(first: 250) { nodes { id options(first: 10) { name } } } }')))!;
    expect(e.code).toBe('SHOP_UNAVAILABLE');
    expect((e as unknown as { details: { codes: string[] } }).details.codes).toEqual(['MAX_COST_EXCEEDED']);
    expect((await failure(client.request('typo', 'query { shop { currency } }')))!.message).toMatch(/Cannot query field "currency"/);
    expect(f.fake.requests).toHaveLength(1); // the invalid document is refused before it is costed
  });

  it('a request without an answer is retried; a store that keeps silent times out as SHOP_UNAVAILABLE', async () => {
    f = await startShopify({ http: { timeoutMs: 150, retries: 1, breakerFailures: 10 } });
    f.fake.hangNext(1);
    expect((await f.platform.orders.get('1001'))!.id).toBe('1001');
    f.fake.hangNext(2);
    const started = Date.now();
    const e = (await failure(f.platform.orders.get('1001')))!;
    expect(e.code).toBe('SHOP_UNAVAILABLE');
    expect(e.message).toMatch(/no answer within 150 ms/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('opens the circuit after repeated failures: calls fail fast without reaching Shopify, then recover', async () => {
    f = await startShopify({ http: { retries: 0, breakerFailures: 2, breakerCooldownMs: 200 } });
    f.fake.breakDown();
    await failure(f.platform.orders.get('1001'));
    await failure(f.platform.orders.get('1001'));
    const before = f.fake.requests.length;
    const e = (await failure(f.platform.orders.get('1001')))!;
    expect(e.code).toBe('SHOP_UNAVAILABLE');
    expect(e.message).toMatch(/not calling it/);
    expect(f.fake.requests.length).toBe(before);
    f.fake.repair();
    await new Promise((r) => setTimeout(r, 250));
    expect((await f.platform.orders.get('1001'))!.id).toBe('1001');
  });
});
