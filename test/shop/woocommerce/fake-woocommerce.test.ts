import { afterEach, describe, expect, it } from 'vitest';
import { FakeWooCommerce } from './fake-woocommerce.ts';
import { seedOrders, seedProducts } from './woo-seed.ts';

let fake: FakeWooCommerce;
afterEach(async () => fake?.close());

/** The fake answers as the documented REST API does, so the connector's tests mean something. */
describe('fake WooCommerce REST API', () => {
  const auth = () => ({ authorization: `Basic ${Buffer.from(`${fake.keys.consumerKey}:${fake.keys.consumerSecret}`).toString('base64')}` });

  it('paginates with X-WP-Total, X-WP-TotalPages and Link, refuses per_page above 100, wants the keys', async () => {
    fake = await new FakeWooCommerce().listen();
    fake.seed({ products: seedProducts(), orders: seedOrders() });
    const res = await fetch(`${fake.url}/wp-json/wc/v3/products?per_page=100&page=2`, { headers: auth() });
    expect([res.status, res.headers.get('x-wp-total'), res.headers.get('x-wp-totalpages')]).toEqual([200, '230', '3']);
    expect(res.headers.get('link')).toMatch(/page=1[^>]*>; rel="prev", <[^>]*page=3[^>]*>; rel="next"/);
    expect(((await res.json()) as unknown[]).length).toBe(100);
    const big = await fetch(`${fake.url}/wp-json/wc/v3/products?per_page=101`, { headers: auth() });
    expect([big.status, ((await big.json()) as { code: string }).code]).toEqual([400, 'rest_invalid_param']);
    const anon = await fetch(`${fake.url}/wp-json/wc/v3/orders/1201`);
    expect([anon.status, ((await anon.json()) as { code: string }).code]).toEqual([401, 'woocommerce_rest_cannot_view']);
    const missing = await fetch(`${fake.url}/wp-json/wc/v3/orders/5`, { headers: auth() });
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([404, 'woocommerce_rest_shop_order_invalid_id']);
    const route = await fetch(`${fake.url}/wp-json/wc/v3/refunds`, { headers: auth() });
    expect(((await route.json()) as { code: string }).code).toBe('rest_no_route');
  });

  it('refuses an unknown order status and records status changes as notes', async () => {
    fake = await new FakeWooCommerce().listen();
    fake.seed({ orders: seedOrders() });
    const put = (body: unknown) => fetch(`${fake.url}/wp-json/wc/v3/orders/1201`, { method: 'PUT', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ status: 'shipped' })).status).toBe(400);
    expect((await put({ status: 'on-hold' })).status).toBe(200);
    expect(fake.notes.get(1201)!.map((n) => n.note)).toEqual(['Order status changed from Processing to On hold.']);
  });
});
