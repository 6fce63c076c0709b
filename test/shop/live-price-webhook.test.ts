import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { serve, type RunningBot } from '../../src/serve.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';
import { FakeWooCommerce } from './woocommerce/fake-woocommerce.ts';
import { seedOrders, seedProducts } from './woocommerce/woo-seed.ts';
import { wooShopConfig } from './woocommerce/woo-test-setup.ts';

/**
 * The whole live-catalog path on a real server: a shop (the fake WooCommerce) changes a price, its signed webhook
 * reaches POST /shop/webhooks/woocommerce, and the customer's very next question gets the new price.
 */
let fake: FakeWooCommerce;
let bot: RunningBot;

beforeAll(async () => {
  fake = await new FakeWooCommerce().listen();
  fake.seed({ products: seedProducts(), orders: seedOrders() });
  const trained = await prepareTrainedModels();
  bot = await serve({
    config: { ...trained, server: { ...trained.server, port: 0, host: '127.0.0.1' }, store: { kind: 'memory', path: '' }, shop: wooShopConfig(fake) },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

let n = 0;
async function ask(text: string): Promise<string> {
  const res = await fetch(`${bot.http.url}/chat/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messageId: `price-msg-${++n}`, conversationId: 'price-conv', userId: 'visitor-price', text }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { replies: Array<{ text?: string; products?: Array<{ price: number }> }> };
  return JSON.stringify(body.replies);
}

it('answers with the price a webhook just changed, and never recommends a product the shop removed', async () => {
  expect(await ask('how much is the wool throw?')).toMatch(/79[.,]00/);
  fake.updateProduct(102, { price: '64.00' });
  const delivered = await fake.post(`${bot.http.url}/shop/webhooks/woocommerce`, fake.deliveryFor('product.updated', 102));
  expect(delivered.status).toBe(200);
  await bot.app.liveCatalog.settled();
  const after = await ask('and what does the wool throw cost now?');
  expect(after).toMatch(/64[.,]00/);
  expect(after).not.toMatch(/79[.,]00/);

  const removed = await fake.post(`${bot.http.url}/shop/webhooks/woocommerce`, fake.deliveryFor('product.deleted', 102));
  expect(removed.status).toBe(200);
  await bot.app.liveCatalog.settled();
  expect(bot.app.catalog.get('102')).toBeUndefined();
  const recs = await bot.app.recommender.recommend({ seedProductIds: [], query: 'wool throw blanket' }, 50);
  expect(recs.map((r) => r.productId)).not.toContain('102');
  const bad = await fake.post(`${bot.http.url}/shop/webhooks/woocommerce`, fake.deliveryFor('product.updated', 101, { secret: 'guessed' }));
  expect(bad.status).toBe(401);
});
