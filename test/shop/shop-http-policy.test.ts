import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/logger.ts';
import { ShopHttp } from '../../src/shop/shop-http.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** A server answering from `answer`; a falsy answer leaves the request hanging. */
async function answering(answer: (n: number) => { status: number; body: string } | undefined): Promise<{ url: string; calls: () => number }> {
  let n = 0;
  server = createServer((_req, res) => {
    const a = answer(++n);
    if (!a) return;
    res.writeHead(a.status, { 'content-type': 'application/json' });
    res.end(a.body);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, calls: () => n };
}

const settings = { timeoutMs: 150, retries: 1, backoffMs: 5, breakerFailures: 50, breakerCooldownMs: 60_000 };

describe('ShopHttp', () => {
  it('returns a response whose body can still be read after the call returned', async () => {
    const { url } = await answering(() => ({ status: 200, body: JSON.stringify({ ok: 'x'.repeat(100_000) }) }));
    const http = new ShopHttp({ platform: 'test', settings, logger: memoryLogger() });
    const res = await http.fetch('read', url);
    expect(((await res.json()) as { ok: string }).ok).toHaveLength(100_000);
  });

  it('passes a 204 without a body through', async () => {
    const { url } = await answering(() => ({ status: 204, body: '' }));
    const http = new ShopHttp({ platform: 'test', settings, logger: memoryLogger() });
    expect((await http.fetch('empty', url)).status).toBe(204);
  });

  it('retries a timeout and reports it as no answer within the timeout', async () => {
    const { url, calls } = await answering(() => undefined);
    const http = new ShopHttp({ platform: 'test', settings, logger: memoryLogger() });
    await expect(http.fetch('hang', url)).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE', message: expect.stringMatching(/no answer within 150 ms/) });
    expect(calls()).toBe(2);
  });

  it('counts timeouts towards the circuit breaker', async () => {
    const { url, calls } = await answering(() => undefined);
    const http = new ShopHttp({ platform: 'test', settings: { ...settings, retries: 0, breakerFailures: 2 }, logger: memoryLogger() });
    for (let i = 0; i < 2; i++) await expect(http.fetch('hang', url)).rejects.toThrow();
    await expect(http.fetch('hang', url)).rejects.toMatchObject({ message: expect.stringMatching(/not calling it/) });
    expect(calls()).toBe(2);
  });
});
