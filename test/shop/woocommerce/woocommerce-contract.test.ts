import { ShopmateError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { WooCommerceShopPlatform } from '../../../src/shop/woocommerce/woocommerce-shop-platform.ts';
import { runShopPlatformContract, type ShopPlatformFixture } from '../shop-platform-contract.ts';
import { FakeWooCommerce, type FakeDelivery } from './fake-woocommerce.ts';
import { SEEDED_FOR_SALE, seedOrders, seedProducts, wooOrder } from './woo-seed.ts';
import { wooShopConfig } from './woo-test-setup.ts';

/** The shared contract against the fake WooCommerce; changes reach the connector as signed webhook deliveries. */
runShopPlatformContract('woocommerce (fake REST API v3)', async (): Promise<ShopPlatformFixture> => {
  const fake = await new FakeWooCommerce().listen();
  fake.seed({ products: seedProducts(), orders: seedOrders() });
  const platform = new WooCommerceShopPlatform({ shop: wooShopConfig(fake), logger: silentLogger });
  const deliver = async (d: FakeDelivery) => {
    if (!platform.webhooks) throw new ShopmateError('INTERNAL', 'the fixture configures a webhook secret');
    await platform.webhooks.receive(d);
  };
  return {
    platform,
    known: {
      productCount: SEEDED_FOR_SALE,
      product: { id: '101', title: 'Desk Lamp & Shade' },
      openOrders: [
        { id: '1201', email: 'ada@example.org' },
        { id: '1202', email: 'bram@example.org' },
      ],
      shippedOrder: { id: '1203', email: 'ada@example.org' },
      deliveredOrder: { id: '1203', email: 'ada@example.org', productId: '101' },
      missingOrderId: '99999',
    },
    changeProduct: async (id, { price }) => {
      fake.updateProduct(Number(id), { price: price.toFixed(2) });
      await deliver(fake.deliveryFor('product.updated', Number(id)));
    },
    deleteProduct: async (id) => {
      fake.deleteProduct(Number(id));
      await deliver(fake.deliveryFor('product.deleted', Number(id)));
    },
    placeOrder: async () => {
      const now = new Date().toISOString().slice(0, 19);
      fake.addOrder(wooOrder(1300, { status: 'processing', date_created_gmt: now, date_modified_gmt: now }));
      await deliver(fake.deliveryFor('order.created', 1300));
    },
    breakPlatform: async () => fake.setDown(true),
    close: () => fake.close(),
  };
});
