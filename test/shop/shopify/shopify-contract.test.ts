import { runShopPlatformContract } from '../shop-platform-contract.ts';
import { createShopify } from './shopify-fixture.ts';

runShopPlatformContract('shopify (against the fake Admin GraphQL API)', async () => {
  const fixture = await createShopify();
  const { fake, platform } = fixture;
  const template = fake.store.orders.get(5_001_001)!;
  return {
    platform,
    known: {
      productCount: 120,
      product: { id: '7001', title: 'Oak Serving Board' },
      openOrders: [{ id: '1001', email: 'ada@example.com' }, { id: '1006', email: 'ada@example.com' }],
      shippedOrder: { id: '1003', email: 'ada@example.com' },
      deliveredOrder: { id: '1008', email: 'bo@example.com', productId: '7001' },
      missingOrderId: '999999',
    },
    changeProduct: async (id, { price }) => void (await fake.changeProduct(Number(id), { price: price.toFixed(2) })),
    deleteProduct: (id) => fake.deleteProduct(Number(id)),
    placeOrder: async () => {
      const now = new Date().toISOString();
      await fake.createOrder({ ...structuredClone(template), id: 5_004_000, number: 4000, createdAt: now, updatedAt: now });
    },
    breakPlatform: async () => fake.breakDown(),
    close: () => fixture.close(),
  };
});
