import { afterEach, describe, expect, it } from 'vitest';
import { UNCOUNTED_STOCK } from '../../../src/shop/woocommerce/woo-product.ts';
import { SEEDED_FOR_SALE } from './woo-seed.ts';
import { startWoo } from './woo-test-setup.ts';

let env: Awaited<ReturnType<typeof startWoo>>;
afterEach(async () => env?.close());

describe('WooCommerce catalog', () => {
  it('lists every published product with a price across all pages of 100', async () => {
    env = await startWoo();
    const products = await env.platform.catalog.list();
    expect(products).toHaveLength(SEEDED_FOR_SALE);
    const pages = env.fake.apiCalls('products').map((r) => [r.query.get('page'), r.query.get('per_page'), r.query.get('status')]);
    expect(pages).toEqual([['1', '100', 'publish'], ['2', '100', 'publish'], ['3', '100', 'publish']]);
    const ids = products.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('105'); // draft
    expect(ids).not.toContain('106'); // no price
  });

  it('maps a product faithfully: plain text, store currency, absolute image, permalink, attributes, stock', async () => {
    env = await startWoo();
    env.fake.currency = 'SEK';
    const lamp = await env.platform.catalog.get('101');
    expect(lamp).toEqual({
      id: '101',
      title: 'Desk Lamp & Shade',
      category: 'lighting',
      price: 49.95,
      currency: 'EUR', // read once at start, before the change above
      description: 'A brass desk lamp with a linen shade.',
      attributes: { colour: 'Brass, Black', sku: 'SKU-101' },
      stock: 3,
      image: 'https://shop.example.test/wp-content/uploads/2026/01/p101.jpg',
      url: 'https://shop.example.test/product/desk-lamp/',
      tags: ['brass'],
      addedAt: '2026-01-18T09:00:00.000Z',
    });
    expect(env.platform.productUrl(lamp!)).toBe('https://shop.example.test/product/desk-lamp/');
    expect((await env.platform.catalog.get('102'))!.stock).toBe(UNCOUNTED_STOCK); // stock not managed, in stock
    expect((await env.platform.catalog.get('103'))!.stock).toBe(0); // out of stock
    expect((await env.platform.catalog.get('107'))!.stock).toBe(0); // only on backorder
    expect((await env.platform.catalog.get('104'))!.attributes.size).toBe('Small, Large');
  });

  it('answers undefined for unknown, unpublished and malformed ids (the last without a call)', async () => {
    env = await startWoo();
    expect(await env.platform.catalog.get('999999')).toBeUndefined();
    expect(await env.platform.catalog.get('105')).toBeUndefined();
    const before = env.fake.requests.length;
    expect(await env.platform.catalog.get('../orders/1201')).toBeUndefined();
    expect(env.fake.requests.length).toBe(before);
  });

  it("searches with WooCommerce's own search, published products only", async () => {
    env = await startWoo();
    expect((await env.platform.catalog.search('lamp')).map((p) => p.id)).toEqual(['101']);
    expect(await env.platform.catalog.search('draft chair')).toEqual([]);
    expect((await env.platform.catalog.search('filler', 5)).length).toBe(5);
    expect(env.fake.apiCalls('products').at(-1)!.query.get('per_page')).toBe('5');
  });

  it('start() fails as SHOP_UNAVAILABLE with wrong keys, without retrying a 401', async () => {
    env = await startWoo({ start: false, keys: { consumerKey: 'ck_wrong', consumerSecret: 'cs_wrong' } });
    await expect(env.platform.start()).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE', message: expect.stringMatching(/HTTP 401/) });
    expect(env.fake.requests).toHaveLength(1);
  });

  it('a URL where the REST API has no route is SHOP_UNAVAILABLE, not an unknown product', async () => {
    env = await startWoo({ start: false, path: '/blog' });
    await expect(env.platform.catalog.get('101')).rejects.toMatchObject({ code: 'SHOP_UNAVAILABLE' });
  });
});
