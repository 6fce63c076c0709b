import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogChange, OrderChange } from '../../../src/shop/shop-platform.ts';
import { wooSignature } from '../../../src/shop/woocommerce/woo-webhooks.ts';
import { wooProduct } from './woo-seed.ts';
import { startWoo } from './woo-test-setup.ts';

let env: Awaited<ReturnType<typeof startWoo>>;
afterEach(async () => env?.close());

async function listening(over: Parameters<typeof startWoo>[0] = {}) {
  env = await startWoo(over);
  const products: CatalogChange[] = [];
  const orders: OrderChange[] = [];
  env.platform.catalog.changes((c) => products.push(c));
  env.platform.orders.changes((c) => orders.push(c));
  return { products, orders, receive: env.platform.webhooks!.receive.bind(env.platform.webhooks) };
}

describe('WooCommerce webhooks', () => {
  it('signs as WooCommerce does: base64 HMAC-SHA256 of the raw body', () => {
    // Reference value computed independently: printf %s '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(wooSignature('{"id":1}', 'secret')).toBe('A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=');
  });

  it('product.updated with a good signature emits the product with its new price', async () => {
    const { products, receive } = await listening();
    env.fake.updateProduct(101, { price: '44.00' });
    const delivery = env.fake.deliveryFor('product.updated', 101);
    expect(delivery.rawBody.toString()).toContain('https:\\/\\/shop.example.test'); // wp_json_encode escapes slashes
    expect(await receive(delivery)).toEqual({ topic: 'product.updated', applied: true });
    expect(products).toEqual([{ kind: 'upsert', product: expect.objectContaining({ id: '101', price: 44, currency: 'EUR', url: 'https://shop.example.test/product/desk-lamp/' }) }]);
  });

  it('rejects a bad, a missing, or a signature over another body (UNAUTHORIZED) and emits nothing', async () => {
    const { products, receive } = await listening();
    const bad = env.fake.deliveryFor('product.updated', 101, { secret: 'not-the-secret' });
    await expect(receive(bad)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const good = env.fake.deliveryFor('product.updated', 101);
    const { ['x-wc-webhook-signature']: _, ...unsigned } = good.headers;
    await expect(receive({ headers: unsigned, rawBody: good.rawBody })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const tampered = Buffer.from(good.rawBody.toString().replace('"price":"49.95"', '"price":"0.01"'));
    await expect(receive({ headers: good.headers, rawBody: tampered })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(products).toEqual([]);
  });

  it('acknowledges the unsigned ping WooCommerce sends when a webhook is created, and applies nothing', async () => {
    const { products, orders, receive } = await listening();
    expect(await receive(env.fake.ping(7))).toEqual({ topic: 'ping', applied: false });
    expect([...products, ...orders]).toEqual([]);
  });

  it('a signed body that is not JSON is BAD_REQUEST', async () => {
    const { receive } = await listening();
    const rawBody = Buffer.from('{"id": 101, "name": ');
    const headers = { ...env.fake.delivery('product.updated', {}).headers, 'x-wc-webhook-signature': wooSignature(rawBody, env.fake.webhookSecret) };
    await expect(receive({ headers, rawBody })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('product.deleted removes the product; a product no longer published is removed too', async () => {
    const { products, receive } = await listening();
    env.fake.deleteProduct(103);
    await receive(env.fake.deliveryFor('product.deleted', 103));
    env.fake.updateProduct(102, { status: 'draft' });
    await receive(env.fake.deliveryFor('product.updated', 102));
    expect(products).toEqual([{ kind: 'delete', productId: '103' }, { kind: 'delete', productId: '102' }]);
  });

  it("a variation's update re-reads and emits its parent product", async () => {
    const { products, receive } = await listening();
    env.fake.updateProduct(104, { price: '99.00' });
    await receive(env.fake.delivery('product.updated', wooProduct(4401, { type: 'variation', parent_id: 104, price: '99.00' })));
    expect(products).toEqual([{ kind: 'upsert', product: expect.objectContaining({ id: '104', price: 99 }) }]);
  });

  it('order.created and order.updated emit the mapped order', async () => {
    const { orders, receive } = await listening();
    await receive(env.fake.deliveryFor('order.created', 1202));
    await receive(env.fake.deliveryFor('order.updated', 1203));
    expect(orders.map((c) => [c.kind, c.order.id, c.order.status])).toEqual([['created', '1202', 'pending'], ['updated', '1203', 'delivered']]);
  });

  it('acknowledges topics it does not use, and applies nothing before start()', async () => {
    const { products, receive } = await listening({ start: false });
    expect(await receive(env.fake.delivery('coupon.updated', { id: 5 }))).toEqual({ topic: 'coupon.updated', applied: false });
    expect(await receive(env.fake.delivery('action.woocommerce_add_to_cart', { action: 'woocommerce_add_to_cart', arg: 'abc' }))).toMatchObject({ applied: false });
    expect(await receive(env.fake.deliveryFor('product.updated', 101))).toEqual({ topic: 'product.updated', applied: false });
    expect(products).toEqual([]);
  });

  it('has no webhook receiver without a webhook secret', async () => {
    env = await startWoo({ webhookSecret: null });
    expect(env.platform.webhooks).toBeUndefined();
    expect(env.logger.lines.some((l) => /no webhook secret and no polling/.test(String(l.msg)))).toBe(true);
  });
});

describe('WooCommerce order ids', () => {
  it('finds "#1201" and "order 1201", a bare number only when asked for, and displays "#1201"', async () => {
    env = await startWoo({ start: false });
    const ids = env.platform.orderIds;
    expect(ids.find('where is #1201?').map((m) => m.value)).toEqual(['1201']);
    expect(ids.find('my order 1201 has not arrived').map((m) => m.value)).toEqual(['1201']);
    expect(ids.find('I want 1201 of them')).toEqual([]);
    expect(ids.find('1201', { bare: true }).map((m) => m.value)).toEqual(['1201']);
    expect(ids.display('1201')).toBe('#1201');
    expect((await env.platform.orders.get(ids.find('order #1203')[0]!.value))?.id).toBe('1203');
  });
});
