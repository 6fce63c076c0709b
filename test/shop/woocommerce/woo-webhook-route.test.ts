import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../../../src/server/error-handler.ts';
import { shopWebhookRouter } from '../../../src/server/shop-webhook-router.ts';
import type { CatalogChange } from '../../../src/shop/shop-platform.ts';
import { startWoo } from './woo-test-setup.ts';

let env: Awaited<ReturnType<typeof startWoo>>;
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await env?.close();
});

/** The bot's webhook route as serve mounts it, with the fake WooCommerce delivering over HTTP. */
async function route() {
  env = await startWoo();
  const app = express();
  app.use('/shop/webhooks', shopWebhookRouter({ platform: env.platform, logger: env.logger }));
  app.use(errorHandler(env.logger));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server!.once('listening', r));
  const changes: CatalogChange[] = [];
  env.platform.catalog.changes((c) => changes.push(c));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/shop/webhooks/woocommerce`, changes };
}

describe('POST /shop/webhooks/woocommerce', () => {
  it('answers the ping 200, applies a signed product update, refuses a bad signature with 401', async () => {
    const { url, changes } = await route();
    expect((await env.fake.post(url, env.fake.ping(3))).status).toBe(200);
    env.fake.updateProduct(101, { price: '45.50' });
    const ok = await env.fake.post(url, env.fake.deliveryFor('product.updated', 101));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, topic: 'product.updated', applied: true });
    const bad = await env.fake.post(url, env.fake.deliveryFor('product.updated', 101, { secret: 'guessed' }));
    expect(bad.status).toBe(401);
    expect(changes).toEqual([{ kind: 'upsert', product: expect.objectContaining({ id: '101', price: 45.5 }) }]);
  });
});
