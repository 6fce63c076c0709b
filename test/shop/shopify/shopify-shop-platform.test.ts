import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNLIMITED_STOCK } from '../../../src/shop/shopify/shopify-product-mapper.ts';
import { startShopify, type ShopifyFixture } from './shopify-fixture.ts';

let f: ShopifyFixture;
beforeAll(async () => {
  f = await startShopify();
});
afterAll(async () => f.close());
afterEach(() => {
  f.fake.requests.length = 0;
});

const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string; details?: { reason?: string } }) => `${e.code}${e.details?.reason ? `:${e.details.reason}` : ''}`);

describe('Shopify catalog', () => {
  it('lists every active product across cursor pages, drafts and archived ones left out', async () => {
    const products = await f.platform.catalog.list();
    expect(products).toHaveLength(120);
    expect(new Set(products.map((p) => p.id)).size).toBe(120);
    expect(products.map((p) => p.id)).not.toContain('7901');
    expect(products.map((p) => p.id)).not.toContain('7902');
    expect(f.fake.requests.filter((r) => r.operation === 'Products' && !r.throttled)).toHaveLength(3);
  });

  it('maps a product with options, variants, inventory, media and its page', async () => {
    expect(await f.platform.catalog.get('7001')).toEqual({
      id: '7001',
      title: 'Oak Serving Board',
      category: 'kitchen',
      price: 34,
      currency: 'EUR',
      description: 'Oak Serving Board, made in small batches.',
      attributes: { size: 'Small, Large', finish: 'Oiled', vendor: 'Fake Workshop' },
      stock: 6,
      image: 'https://cdn.example.test/files/oak-serving-board.jpg',
      url: 'https://fake-homewares.example.test/products/oak-serving-board',
      tags: ['kitchen', 'oak', 'gift'],
      addedAt: f.fake.store.products.get(7001)!.createdAt,
    });
    expect((await f.platform.catalog.get('7002'))!.stock).toBe(UNLIMITED_STOCK);
    expect((await f.platform.catalog.get('7003'))!.stock).toBe(0);
    expect((await f.platform.catalog.get('7004'))!.image).toBe('/images/products/7004.svg');
  });

  it('answers undefined for unknown, malformed and unpublished products', async () => {
    expect(await f.platform.catalog.get('123456')).toBeUndefined();
    expect(await f.platform.catalog.get('P-1001')).toBeUndefined();
    expect(await f.platform.catalog.get('7901')).toBeUndefined();
  });

  it("searches with the platform's ranking: products matching more words first", async () => {
    const found = await f.platform.catalog.search('walnut lamp', 4);
    expect(found.map((p) => p.title)).toEqual(['Walnut Table Lamp', 'Walnut Table Lamp No. 2', 'Walnut Table Lamp No. 3', 'Oak Table Lamp']);
    expect(await f.platform.catalog.search('?!', 4)).toEqual([]);
  });
});

describe('Shopify orders: reading', () => {
  it('maps each Shopify order state onto our statuses', async () => {
    const status = async (id: string) => (await f.platform.orders.get(id))?.status;
    expect(await status('1001')).toBe('processing'); // paid, unfulfilled
    expect(await status('1002')).toBe('pending'); // payment pending
    expect(await status('1003')).toBe('shipped'); // fulfilled, in transit
    expect(await status('1004')).toBe('delivered');
    expect(await status('1005')).toBe('cancelled');
    expect(await status('1006')).toBe('processing'); // in progress at the warehouse
    expect(await status('1009')).toBe('shipped'); // partially fulfilled
  });

  it('maps customer, address, items, method and tracking from fulfillments', async () => {
    const o = (await f.platform.orders.get('1004'))!;
    expect(o).toMatchObject({
      id: '1004',
      email: 'ada@example.com',
      customerName: 'Ada Lindqvist',
      items: [{ productId: '7006', quantity: 1, unitPrice: 40.5 }],
      shippingAddress: 'Prinsengracht 100, 1015 EA Amsterdam, Netherlands',
      shippingMethod: 'standard',
      carrier: 'DHL Express',
      trackingNumber: 'JJD0001004',
      deliveredAt: '2026-11-07T11:00:00Z',
      total: 40.5,
      currency: 'EUR',
    });
    expect(o.tracking.map((e) => e.status)).toEqual(['order placed', 'shipped with DHL Express (track at https://tracking.example.test/JJD0001004)', 'in transit', 'delivered']);
    expect((await f.platform.orders.get('1006'))!.shippingMethod).toBe('express');
    expect((await f.platform.orders.get('1007'))!.shippingMethod).toBe('pickup');
    // A custom line item (gift wrapping, no product) is counted in the total but is no product.
    const bo = (await f.platform.orders.get('1008'))!;
    expect(bo.items.map((i) => i.productId)).toEqual(['7001', '7011']);
    expect(bo.total).toBe(131.5);
  });

  it('finds an order by its number only: #1001 is not #10011', async () => {
    expect((await f.platform.orders.get('1001'))!.email).toBe('ada@example.com');
    expect((await f.platform.orders.get('10011'))!.email).toBe('dan@example.com');
    expect(await f.platform.orders.get('100')).toBeUndefined();
    expect(await f.platform.orders.get('999999')).toBeUndefined();
    expect(await f.platform.orders.get('#1001')).toBeUndefined(); // canonical ids only; the OrderIdFormat strips "#"
  });

  it('reads order ids as customers write them', () => {
    const ids = f.platform.orderIds;
    expect(ids.find('where is #1001?').map((m) => m.value)).toEqual(['1001']);
    expect(ids.find('my order number 1003 is late').map((m) => m.value)).toEqual(['1003']);
    expect(ids.find('1001')).toEqual([]);
    expect(ids.find('1001', { bare: true }).map((m) => m.value)).toEqual(['1001']);
    expect(ids.display('1001')).toBe('#1001');
  });

  it('verifies the customer without telling which part failed', async () => {
    expect(await f.platform.orders.verify('1001', ' ADA@example.com ')).toBe(true);
    expect(await f.platform.orders.verify('1001', 'bo@example.com')).toBe(false);
    expect(await f.platform.orders.verify('999999', 'ada@example.com')).toBe(false);
  });

  it('looks customers up by email across pages, whatever the case', async () => {
    const ada = await f.platform.orders.byEmail('Ada@Example.com');
    expect(ada.map((o) => o.id)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007']);
    expect(f.fake.requests.filter((r) => r.operation === 'Orders' && !r.throttled)).toHaveLength(2); // 6 a page
    expect((await f.platform.orders.byEmail('carla.ruiz@example.com')).map((o) => o.id)).toEqual(['1010']);
    expect(await f.platform.orders.byEmail('nobody@example.com')).toEqual([]);
    expect(await f.platform.orders.byEmail('" OR x')).toEqual([]);
  });

  it('all() reads the orders of the last 180 days, not the whole history', async () => {
    const old = { ...structuredClone(f.fake.store.orders.get(5_001_001)!), id: 5_009_000, number: 9000, createdAt: '2020-01-01T00:00:00Z' };
    f.fake.store.orders.set(old.id, old);
    const recent = [...f.fake.store.orders.values()].filter((o) => Date.parse(o.createdAt) > Date.now() - 180 * 86_400_000).map((o) => String(o.number));
    const all = (await f.platform.orders.all()).map((o) => o.id);
    expect(all.sort()).toEqual(recent.sort());
    expect(all).not.toContain('9000');
    f.fake.store.orders.delete(old.id);
  });
});

describe('Shopify orders: actions', () => {
  it('cancels through the asynchronous job and resolves only once the order shows it', async () => {
    f.fake.store.cancelDelayMs = 80;
    const o = await f.platform.orders.cancel('1002', new Date('2026-12-01T10:00:00Z'));
    expect(o.status).toBe('cancelled');
    expect(f.fake.store.orders.get(5_001_002)!.cancelledAt).not.toBeNull();
    expect(f.fake.requests.filter((r) => r.operation === 'CancelProgress').length).toBeGreaterThanOrEqual(2);
    expect(f.fake.store.orders.get(5_001_002)!.note).toMatch(/customer's request/);
  });

  it('refuses what the order state forbids, before asking Shopify', async () => {
    expect(await code(f.platform.orders.cancel('1003', new Date()))).toBe('CONFLICT');
    expect(await code(f.platform.orders.cancel('1005', new Date()))).toBe('CONFLICT');
    expect(await code(f.platform.orders.cancel('999999', new Date()))).toBe('NOT_FOUND');
    expect(f.fake.requests.some((r) => r.operation === 'OrderCancel')).toBe(false);
  });

  it('does not confirm a cancellation whose job fails or never finishes', async () => {
    f.fake.store.cancelDelayMs = 10;
    f.fake.store.cancelOutcome = 'fail';
    expect(await code(f.platform.orders.cancel('1001', new Date()))).toBe('SHOP_UNAVAILABLE:cancel-not-applied');
    f.fake.store.cancelOutcome = 'never';
    expect(await code(f.platform.orders.cancel('1001', new Date()))).toBe('SHOP_UNAVAILABLE:cancel-unconfirmed');
    expect(f.fake.store.orders.get(5_001_001)!.cancelledAt).toBeNull();
    f.fake.store.cancelOutcome = 'apply';
  });

  it('changes the shipping address (name kept, parts parsed) and refuses an unreadable one', async () => {
    const o = await f.platform.orders.changeAddress('1006', 'Keizersgracht 12, 2nd floor, 1015 CS Amsterdam, Netherlands', new Date());
    expect(o.shippingAddress).toBe('Keizersgracht 12, 2nd floor, 1015 CS Amsterdam, Netherlands');
    expect(f.fake.store.orders.get(5_001_006)!.shippingAddress).toMatchObject({
      firstName: 'Ada', lastName: 'Lindqvist', address1: 'Keizersgracht 12', address2: '2nd floor', zip: '1015 CS', city: 'Amsterdam', countryCode: 'NL',
    });
    expect(await code(f.platform.orders.changeAddress('1006', 'somewhere nice', new Date()))).toBe('CONFLICT:address-unreadable');
    expect(await code(f.platform.orders.changeAddress('1003', 'Hauptstrasse 1, 10115 Berlin', new Date()))).toBe('CONFLICT');
  });

  it('leaves the shipping method to a person', async () => {
    expect(await code(f.platform.orders.changeShippingMethod('1001', 'express', new Date()))).toBe('CONFLICT:unsupported');
  });

  it('adds notes for staff without losing earlier ones', async () => {
    await f.platform.orders.note('1007', 'asked for a call back', new Date('2026-12-01T10:00:00Z'));
    await f.platform.orders.note('1007', 'second request', new Date('2026-12-01T11:00:00Z'));
    expect(f.fake.store.orders.get(5_001_007)!.note).toBe('[shopmate 2026-12-01T10:00:00.000Z] asked for a call back\n[shopmate 2026-12-01T11:00:00.000Z] second request');
    expect(await code(f.platform.orders.note('999999', 'x', new Date()))).toBe('NOT_FOUND');
  });

  it('requests a return of shipped items, lists it, and refuses what cannot be returned', async () => {
    const ret = await f.platform.orders.createReturn({ orderId: '1008', productIds: ['7001'], reason: 'one arrived damaged' }, new Date());
    expect(ret).toMatchObject({ id: '#1008-R1', orderId: '1008', productIds: ['7001'], reason: 'one arrived damaged' });
    const stored = f.fake.store.orders.get(5_001_008)!.returns[0]!;
    expect(stored).toMatchObject({ status: 'REQUESTED', lines: [{ quantity: 2, reason: 'DEFECTIVE', note: 'one arrived damaged' }] });
    expect(await f.platform.orders.returnsFor('1008')).toEqual([ret]);
    expect(await code(f.platform.orders.createReturn({ orderId: '1008', productIds: ['7001'], reason: 'again' }, new Date()))).toBe('CONFLICT');
    expect(await code(f.platform.orders.createReturn({ orderId: '1001', productIds: ['7006'], reason: 'x' }, new Date()))).toBe('CONFLICT');
    expect(await code(f.platform.orders.createReturn({ orderId: '999999', productIds: ['7006'], reason: 'x' }, new Date()))).toBe('NOT_FOUND');
    expect(await f.platform.orders.returnsFor('1001')).toEqual([]);
  });
});
