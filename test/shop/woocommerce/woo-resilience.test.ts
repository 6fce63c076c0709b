import { afterEach, describe, expect, it } from 'vitest';
import { startWoo } from './woo-test-setup.ts';

let env: Awaited<ReturnType<typeof startWoo>>;
afterEach(async () => env?.close());

describe('WooCommerce connector under throttling and failures', () => {
  it("honours 429 Retry-After: the retry waits the platform's seconds, not our short backoff", async () => {
    env = await startWoo({ http: { timeoutMs: 2000 } });
    env.fake.throttle(1, 0.4);
    const order = await env.platform.orders.get('1201');
    expect(order?.id).toBe('1201');
    const calls = env.fake.apiCalls('orders/1201');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(380);
    expect(env.logger.lines.some((l) => l.msg === 'shop call retried')).toBe(true);
  });

  it('retries 5xx and succeeds when the platform recovers within the retries', async () => {
    env = await startWoo();
    env.fake.fail(2);
    expect((await env.platform.orders.get('1201'))?.status).toBe('processing');
    expect(env.fake.apiCalls('orders/1201')).toHaveLength(3);
  });

  it('5xx after every retry is SHOP_UNAVAILABLE', async () => {
    env = await startWoo();
    env.fake.fail(3);
    await expect(env.platform.orders.cancel('1201', new Date())).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE', message: expect.stringMatching(/HTTP 500/) });
    expect(env.fake.orders.get(1201)!.status).toBe('processing');
  });

  it('a platform that never answers times out as SHOP_UNAVAILABLE', async () => {
    env = await startWoo({ http: { timeoutMs: 150, retries: 1 } });
    env.fake.hang(2);
    const started = Date.now();
    await expect(env.platform.orders.get('1201')).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE', message: expect.stringMatching(/no answer within 150 ms/) });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(env.fake.apiCalls('orders/1201')).toHaveLength(2);
  });

  it('an HTML error page with 200 is SHOP_UNAVAILABLE, not an empty answer', async () => {
    env = await startWoo({ http: { retries: 0 } });
    env.fake.setDown(true);
    await expect(env.platform.catalog.list()).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE' });
  });

  it('opens the circuit after consecutive failures: later calls fail at once without reaching the platform', async () => {
    env = await startWoo({ http: { retries: 0, breakerFailures: 3, breakerCooldownMs: 60_000 } });
    env.fake.setDown(true);
    for (let i = 0; i < 3; i++) await expect(env.platform.orders.get('1201')).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE' });
    expect(env.fake.requests).toHaveLength(3);
    env.fake.setDown(false);
    await expect(env.platform.orders.get('1201')).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE', message: expect.stringMatching(/not calling it/) });
    expect(env.fake.requests).toHaveLength(3);
    expect(env.logger.lines.some((l) => l.msg === 'shop platform unreachable: circuit open')).toBe(true);
  });

  it('the circuit closes again after the cooldown', async () => {
    env = await startWoo({ http: { retries: 0, breakerFailures: 2, breakerCooldownMs: 200 } });
    env.fake.setDown(true);
    for (let i = 0; i < 2; i++) await expect(env.platform.orders.get('1201')).rejects.toThrow();
    env.fake.setDown(false);
    await new Promise((r) => setTimeout(r, 250));
    expect((await env.platform.orders.get('1201'))?.id).toBe('1201');
  });
});
