import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../src/core/logger.ts';
import { ChangeFeed } from '../../../src/shop/change-feed.ts';
import type { OrderChange } from '../../../src/shop/shop-platform.ts';
import { WooClient } from '../../../src/shop/woocommerce/woo-client.ts';
import { WooOrderPoller } from '../../../src/shop/woocommerce/woo-order-poller.ts';
import { FakeWooCommerce } from './fake-woocommerce.ts';
import { seedOrders, wooOrder } from './woo-seed.ts';
import { wooShopConfig } from './woo-test-setup.ts';

let fake: FakeWooCommerce;
let poller: WooOrderPoller;
afterEach(async () => {
  await poller?.stop();
  await fake?.close();
});

const gmtNow = () => new Date().toISOString().slice(0, 19);

async function setup() {
  fake = await new FakeWooCommerce().listen();
  fake.seed({ orders: seedOrders() });
  const logger = memoryLogger();
  const shop = wooShopConfig(fake, { pollSeconds: 3600 });
  const orders = new ChangeFeed<OrderChange>('orders', logger);
  const seen: OrderChange[] = [];
  orders.subscribe((c) => seen.push(c));
  poller = new WooOrderPoller({ client: WooClient.create(shop.woocommerce, shop.http, logger), orders, logger, intervalMs: 3_600_000 });
  poller.start();
  return { seen, logger };
}

describe('WooCommerce order polling (shops without webhooks)', () => {
  it('emits orders modified since the last round, new ones as created, not again once past the overlap', async () => {
    const { seen } = await setup();
    await poller.round();
    expect(seen).toEqual([]); // the seeded orders were modified before start
    const now = gmtNow();
    fake.addOrder(wooOrder(1300, { date_created_gmt: now, date_modified_gmt: now }));
    Object.assign(fake.orders.get(1201)!, { status: 'completed', date_completed_gmt: now, date_modified_gmt: now });
    await poller.round();
    const call = fake.apiCalls('orders').at(-1)!;
    expect([call.query.get('dates_are_gmt'), call.query.get('modified_after')?.length]).toEqual(['true', 19]);
    expect(seen.map((c) => [c.kind, c.order.id, c.order.status]).sort()).toEqual([['created', '1300', 'processing'], ['updated', '1201', 'delivered']]);
    // A round within a second may repeat them (the overlap); once past it, nothing is emitted again.
    await new Promise((r) => setTimeout(r, 1100));
    await poller.round();
    seen.length = 0;
    await poller.round();
    expect(seen).toEqual([]);
  });

  it('a failing round is logged, and the next round still reads what changed before it', async () => {
    const { seen, logger } = await setup();
    Object.assign(fake.orders.get(1202)!, { status: 'cancelled', date_modified_gmt: gmtNow() });
    // The failing round comes more than a second later: had it moved `since`, the next round would miss order 1202.
    await new Promise((r) => setTimeout(r, 1100));
    fake.setDown(true);
    await poller.round();
    expect(logger.lines.some((l) => l.msg === 'woocommerce order poll failed; trying again next round')).toBe(true);
    fake.setDown(false);
    await poller.round();
    expect(seen.map((c) => [c.kind, c.order.id, c.order.status])).toEqual([['updated', '1202', 'cancelled']]);
  });
});
