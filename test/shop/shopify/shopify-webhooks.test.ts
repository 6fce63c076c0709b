import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor, type ShopmateError } from '../../../src/core/errors.ts';
import { shopWebhookRouter } from '../../../src/server/shop-webhook-router.ts';
import type { Order } from '../../../src/knowledge/types.ts';
import type { CatalogChange, OrderChange } from '../../../src/shop/shop-platform.ts';
import { mapRestOrder } from '../../../src/shop/shopify/shopify-order-mapper.ts';
import { ShopifyOrderPoller } from '../../../src/shop/shopify/shopify-order-poller.ts';
import { mapRestProduct } from '../../../src/shop/shopify/shopify-product-mapper.ts';
import { restOrder, restProduct } from './fake-shopify-rest.ts';
import { startShopify, type ShopifyFixture } from './shopify-fixture.ts';

let f: ShopifyFixture;
const catalog: CatalogChange[] = [];
const orders: OrderChange[] = [];
beforeAll(async () => {
  f = await startShopify();
  f.platform.catalog.changes((c) => catalog.push(c));
  f.platform.orders.changes((c) => orders.push(c));
});
afterAll(async () => f.close());

const failure = async (p: Promise<unknown>) => p.then(() => undefined, (e: Error & { code?: string }) => e.code);

describe('Shopify webhooks', () => {
  it('a signed products/update becomes an upsert with the new price', async () => {
    catalog.length = 0;
    await f.fake.changeProduct(7006, { price: '44.90', stock: 3 });
    expect(catalog).toHaveLength(1);
    expect(catalog[0]).toMatchObject({ kind: 'upsert', product: { id: '7006', price: 44.9, currency: 'EUR', stock: 3 } });
  });

  it('rejects a bad, a missing or a reused-for-another-body signature, and changes nothing', async () => {
    catalog.length = 0;
    const payload = restProduct(f.fake.store.products.get(7007)!);
    const receiver = f.platform.webhooks!;
    expect(await failure(receiver.receive(f.fake.webhookDelivery('products/update', payload, { badSignature: true })))).toBe('UNAUTHORIZED');
    const unsigned = f.fake.webhookDelivery('products/update', payload);
    delete unsigned.headers['x-shopify-hmac-sha256'];
    expect(await failure(receiver.receive(unsigned))).toBe('UNAUTHORIZED');
    const good = f.fake.webhookDelivery('products/update', payload);
    expect(await failure(receiver.receive({ ...good, rawBody: Buffer.from(good.rawBody.toString().replace('7007', '7008')) }))).toBe('UNAUTHORIZED');
    expect(catalog).toEqual([]);
  });

  it('a signed body that is not JSON, or has no id, is a bad request', async () => {
    const d = f.fake.webhookDelivery('products/update', {});
    expect(await failure(f.platform.webhooks!.receive(d))).toBe('BAD_REQUEST');
    const notJson = f.fake.webhookDelivery('products/update', 'x');
    const raw = Buffer.from('{not json');
    const signed = { ...notJson, rawBody: raw, headers: { ...notJson.headers, 'x-shopify-hmac-sha256': (await import('../../../src/shop/shopify/shopify-webhooks.ts')).shopifyHmac('fake-shopify-app-secret', raw) } };
    expect(await failure(f.platform.webhooks!.receive(signed))).toBe('BAD_REQUEST');
  });

  it('a repeated delivery (same X-Shopify-Webhook-Id) is acknowledged once', async () => {
    catalog.length = 0;
    const d = f.fake.webhookDelivery('products/update', restProduct(f.fake.store.products.get(7008)!), { webhookId: 'delivery-1' });
    expect(await f.platform.webhooks!.receive(d)).toEqual({ topic: 'products/update', applied: true });
    expect(await f.platform.webhooks!.receive(d)).toEqual({ topic: 'products/update', applied: false });
    expect(catalog).toHaveLength(1);
  });

  it('a deleted or unpublished product leaves the catalog', async () => {
    catalog.length = 0;
    await f.fake.deleteProduct(7009);
    await f.fake.changeProduct(7010, { status: 'DRAFT' });
    expect(catalog).toEqual([{ kind: 'delete', productId: '7009' }, { kind: 'delete', productId: '7010' }]);
  });

  it('orders/create and orders/updated carry the order as the API reads it', async () => {
    orders.length = 0;
    const seeded = f.fake.store.orders.get(5_001_001)!;
    await f.fake.createOrder({ ...structuredClone(seeded), id: 5_002_000, number: 2000, email: 'new@example.com', createdAt: new Date().toISOString() });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.kind).toBe('created');
    expect(orders[0]!.order).toEqual(await f.platform.orders.get('2000'));
    // A cancellation job finishing makes Shopify send orders/updated.
    await f.platform.orders.cancel('2000', new Date());
    expect(orders.at(-1)).toMatchObject({ kind: 'updated', order: { id: '2000', status: 'cancelled' } });
  });

  it('topics we do not use are acknowledged and ignored', async () => {
    expect(await f.platform.webhooks!.receive(f.fake.webhookDelivery('customers/update', { id: 1 }))).toEqual({ topic: 'customers/update', applied: false });
  });

  it('without SHOPMATE_SHOPIFY_WEBHOOK_SECRET there is no webhook receiver', async () => {
    const g = await startShopify({ webhooks: false });
    expect(g.platform.webhooks).toBeUndefined();
    expect(g.logger.lines.some((l) => String(l.msg).includes('neither webhooks'))).toBe(true);
    await g.close();
  });
});

describe('Shopify webhooks over HTTP (POST /shop/webhooks/shopify)', () => {
  it('takes a signed delivery from the raw body and refuses a bad signature with 401', async () => {
    const app = express();
    app.use('/shop/webhooks', shopWebhookRouter({ platform: f.platform, logger: f.logger }));
    app.use((e: ShopmateError, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(httpStatusFor(e.code)).json({ error: e.code }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    f.fake.postWebhooksTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}/shop/webhooks/shopify`);
    catalog.length = 0;
    try {
      const product = restProduct({ ...f.fake.store.products.get(7012)!, title: 'Brass Cushion Cover, renamed' });
      expect(await f.fake.sendWebhook('products/update', product)).toEqual({ status: 200, body: { ok: true, topic: 'products/update', applied: true } });
      expect(await f.fake.sendWebhook('products/update', product, { badSignature: true })).toEqual({ status: 401, body: { error: 'UNAUTHORIZED' } });
      expect(catalog).toMatchObject([{ kind: 'upsert', product: { id: '7012', title: 'Brass Cushion Cover, renamed' } }]);
    } finally {
      f.fake.webhookTarget = (d) => f.platform.webhooks!.receive(d);
      await new Promise((r) => server.close(r));
    }
  });
});

describe('REST payloads and GraphQL answers map alike', () => {
  it('every seeded order and active product', async () => {
    const shop = { storefrontUrl: f.fake.store.shop.storefrontUrl, currency: 'EUR' };
    // A REST payload carries only a fulfillment's latest shipment status, so a delivered parcel's transit is not in it.
    const delivered = (o: Order | undefined) => o && { ...o, tracking: o.status === 'delivered' ? o.tracking.filter((e) => e.status !== 'in transit') : o.tracking };
    for (const o of f.fake.store.orders.values()) expect(delivered(mapRestOrder(restOrder(o, 'EUR')))).toEqual(delivered(await f.platform.orders.get(String(o.number))));
    for (const id of [7001, 7002, 7003, 7004, 7050]) {
      expect(mapRestProduct(restProduct(f.fake.store.products.get(id)!), shop)).toEqual(await f.platform.catalog.get(String(id)));
    }
  });
});

describe('Shopify order polling (no webhooks)', () => {
  it('reports orders changed since the last poll, each change once', async () => {
    const g = await startShopify({ webhooks: false });
    const seen: OrderChange[] = [];
    g.platform.orders.changes((c) => seen.push(c));
    const poller = new ShopifyOrderPoller({ orders: g.platform.orders, intervalMs: 60_000, logger: g.logger });
    poller.start();
    await poller.poll();
    expect(seen).toEqual([]); // nothing in the seed changed in the last minute
    const o = g.fake.store.orders.get(5_001_007)!;
    o.note = 'changed in the admin';
    o.updatedAt = new Date().toISOString();
    const placed = structuredClone(g.fake.store.orders.get(5_001_001)!);
    g.fake.store.orders.set(5_003_000, { ...placed, id: 5_003_000, number: 3000, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
    await poller.poll();
    await poller.poll();
    poller.stop();
    expect(seen).toEqual([
      { kind: 'updated', order: await g.platform.orders.get('1007') },
      { kind: 'created', order: await g.platform.orders.get('3000') },
    ]);
    await g.close();
  });
});
