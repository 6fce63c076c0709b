import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../src/core/logger.ts';
import type { CatalogChange, OrderChange } from '../../../src/shop/shop-platform.ts';
import { ChangeFeed } from '../../../src/shop/change-feed.ts';
import { WooCatalog } from '../../../src/shop/woocommerce/woo-catalog.ts';
import { WooClient } from '../../../src/shop/woocommerce/woo-client.ts';
import { WooPoller } from '../../../src/shop/woocommerce/woo-poller.ts';
import { FakeWooCommerce } from './fake-woocommerce.ts';
import { seedOrders, seedProducts, wooOrder, wooProduct } from './woo-seed.ts';
import { wooShopConfig } from './woo-test-setup.ts';

let fake: FakeWooCommerce;
let poller: WooPoller;
afterEach(async () => {
  await poller?.stop();
  await fake?.close();
});

async function setup() {
  fake = await new FakeWooCommerce().listen();
  fake.seed({ products: seedProducts().slice(0, 10), orders: seedOrders() });
  const logger = memoryLogger();
  const shop = wooShopConfig(fake, { pollSeconds: 3600 });
  const client = WooClient.create(shop.woocommerce, shop.http, logger);
  const products = new ChangeFeed<CatalogChange>('products', logger);
  const orders = new ChangeFeed<OrderChange>('orders', logger);
  const seen = { products: [] as CatalogChange[], orders: [] as OrderChange[] };
  products.subscribe((c) => seen.products.push(c));
  orders.subscribe((c) => seen.orders.push(c));
  poller = new WooPoller({ client, catalog: new WooCatalog(client, products, logger), products, orders, logger, intervalMs: 3_600_000 });
  await poller.start();
  return { seen, logger };
}

describe('WooCommerce polling (shops without webhooks)', () => {
  it('emits nothing for the first snapshot, then changed, new and removed products', async () => {
    const { seen } = await setup();
    expect(seen.products).toEqual([]);
    fake.updateProduct(101, { price: '39.00' });
    fake.seed({ products: [wooProduct(2000, { name: 'New Bench' })] });
    fake.deleteProduct(103);
    await poller.round();
    expect(seen.products).toEqual(
      expect.arrayContaining([
        { kind: 'upsert', product: expect.objectContaining({ id: '101', price: 39 }) },
        { kind: 'upsert', product: expect.objectContaining({ id: '2000', title: 'New Bench' }) },
        { kind: 'delete', productId: '103' },
      ]),
    );
    expect(seen.products).toHaveLength(3);
    await poller.round();
    expect(seen.products).toHaveLength(3); // nothing changed since
  });

  it('emits orders modified since the last round, new ones as created', async () => {
    const { seen } = await setup();
    const now = new Date().toISOString().slice(0, 19);
    fake.addOrder(wooOrder(1300, { date_created_gmt: now, date_modified_gmt: now }));
    Object.assign(fake.orders.get(1201)!, { status: 'completed', date_completed_gmt: now, date_modified_gmt: now });
    await poller.round();
    expect(fake.apiCalls('orders').at(-1)!.query.get('dates_are_gmt')).toBe('true');
    expect(seen.orders.map((c) => [c.kind, c.order.id, c.order.status]).sort()).toEqual([['created', '1300', 'processing'], ['updated', '1201', 'delivered']]);
  });

  it('a failing round is logged and the next round catches up', async () => {
    const { seen, logger } = await setup();
    fake.setDown(true);
    fake.updateProduct(101, { price: '1.00' });
    const now = new Date().toISOString().slice(0, 19);
    Object.assign(fake.orders.get(1202)!, { status: 'cancelled', date_modified_gmt: now });
    // The failing round comes more than a second later: had it moved `since`, the next round would miss order 1202.
    await new Promise((r) => setTimeout(r, 1100));
    await poller.round();
    expect(logger.lines.some((l) => l.msg === 'woocommerce poll failed; trying again next round')).toBe(true);
    fake.setDown(false);
    await poller.round();
    expect(seen.products).toEqual([{ kind: 'upsert', product: expect.objectContaining({ id: '101', price: 1 }) }]);
    expect(seen.orders.map((c) => [c.kind, c.order.id, c.order.status])).toEqual([['updated', '1202', 'cancelled']]);
  });
});
