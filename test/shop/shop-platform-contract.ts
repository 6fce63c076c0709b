/**
 * The one contract every ShopPlatform passes (demo, Shopify against its fake, WooCommerce against its fake). Each
 * implementation's test calls `runShopPlatformContract` with a factory that seeds the platform and names the seeded
 * data in `known`; the suite mutates orders, so the factory must return a fresh shop every time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/errors.ts';
import { productSchema } from '../../src/knowledge/schemas.ts';
import type { CatalogChange, OrderChange, ShopPlatform } from '../../src/shop/shop-platform.ts';

export interface KnownOrder {
  id: string;
  email: string;
}

export interface ShopPlatformFixture {
  platform: ShopPlatform;
  known: {
    /** Every product the shop lists (the catalog spans several API pages for the connectors). */
    productCount: number;
    /** A product findable by the first word of its title. */
    product: { id: string; title: string };
    /** Two orders in a cancellable and changeable status. */
    openOrders: [KnownOrder, KnownOrder];
    /** An order that has shipped: not cancellable. */
    shippedOrder: KnownOrder;
    /** A delivered order with at least one item: a return can be opened. */
    deliveredOrder: KnownOrder & { productId: string };
    missingOrderId: string;
  };
  /** Changes a product's price in the shop the way the platform reports it (webhook delivery, edited file). */
  changeProduct(id: string, change: { price: number }): Promise<void>;
  /** Removes a product from the shop, reported the same way. */
  deleteProduct(id: string): Promise<void>;
  /** A new order placed in the shop, reported to the platform's order feed (absent: the shop takes no orders). */
  placeOrder?(): Promise<void>;
  /** From now on the platform does not answer (absent: the platform is local and cannot be unreachable). */
  breakPlatform?(): Promise<void>;
  close(): Promise<void>;
}

async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(p).rejects.toMatchObject({ name: 'ShopmateError', code });
}

function nextEvent<T>(subscribe: (listener: (c: T) => void) => () => void, matches: (c: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching change within 5 s')), 5000);
    const stop = subscribe((c) => {
      if (!matches(c)) return;
      clearTimeout(timer);
      stop();
      resolve(c);
    });
  });
}

export function runShopPlatformContract(name: string, factory: () => Promise<ShopPlatformFixture>): void {
  describe(`ShopPlatform contract: ${name}`, () => {
    let fixture: ShopPlatformFixture | undefined;
    const open = async () => {
      fixture = await factory();
      await fixture.platform.start();
      return fixture;
    };
    afterEach(async () => {
      await fixture?.platform.stop();
      await fixture?.close();
      fixture = undefined;
    });

    it('lists every product as valid catalog data, and gets and searches them', async () => {
      const { platform, known } = await open();
      const products = await platform.catalog.list();
      expect(products).toHaveLength(known.productCount);
      for (const p of products) expect(productSchema.safeParse(p).error?.issues ?? []).toEqual([]);
      expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
      const product = await platform.catalog.get(known.product.id);
      expect(product).toMatchObject({ id: known.product.id, title: known.product.title });
      expect(await platform.catalog.get('no-such-product-999')).toBeUndefined();
      const word = known.product.title.split(/\s+/)[0]!;
      expect((await platform.catalog.search(word)).map((p) => p.id)).toContain(known.product.id);
      expect(platform.productUrl(product!)).toMatch(/^https?:\/\//);
    });

    it('reads orders by the id a customer types, verifies the customer without saying which part failed', async () => {
      const { platform, known } = await open();
      const [order] = known.openOrders;
      const typed = platform.orderIds.find(`hi, where is my order ${platform.orderIds.display(order.id)}?`);
      expect(typed.map((m) => m.value)).toEqual([order.id]);
      expect(platform.orderIds.example).not.toBe('');
      const found = await platform.orders.get(order.id);
      expect(found).toMatchObject({ id: order.id, email: order.email });
      expect(found!.items.length).toBeGreaterThan(0);
      expect(platform.rules.cancellableStatuses).toContain(found!.status);
      expect(await platform.orders.get(known.missingOrderId)).toBeUndefined();
      expect(await platform.orders.verify(order.id, ` ${order.email.toUpperCase()} `)).toBe(true);
      expect(await platform.orders.verify(order.id, 'someone.else@example.com')).toBe(false);
      expect(await platform.orders.verify(known.missingOrderId, order.email)).toBe(false);
      expect((await platform.orders.byEmail(order.email)).map((o) => o.id)).toContain(order.id);
    });

    it('cancels an open order only after the platform did it, and refuses a shipped one', async () => {
      const { platform, known } = await open();
      const shipped = await platform.orders.get(known.shippedOrder.id);
      await expectCode(platform.orders.cancel(known.shippedOrder.id, new Date()), 'CONFLICT');
      expect((await platform.orders.get(known.shippedOrder.id))!.status).toBe(shipped!.status);
      const cancelled = await platform.orders.cancel(known.openOrders[0].id, new Date());
      expect(cancelled).toMatchObject({ id: known.openOrders[0].id, status: 'cancelled' });
      expect((await platform.orders.get(known.openOrders[0].id))!.status).toBe('cancelled');
      await expectCode(platform.orders.cancel(known.missingOrderId, new Date()), 'NOT_FOUND');
    });

    it('changes the shipping address, opens a return and leaves a note', async () => {
      const { platform, known } = await open();
      const id = known.openOrders[1].id;
      const changed = await platform.orders.changeAddress(id, 'Oudegracht 12, 3511 AB Utrecht, NL', new Date());
      expect(changed.shippingAddress).toContain('Oudegracht 12');
      expect((await platform.orders.get(id))!.shippingAddress).toContain('Oudegracht 12');
      const delivered = known.deliveredOrder;
      const rma = await platform.orders.createReturn({ orderId: delivered.id, productIds: [delivered.productId], reason: 'too small' }, new Date());
      expect(rma).toMatchObject({ orderId: delivered.id, productIds: [delivered.productId] });
      expect(rma.id).not.toBe('');
      expect((await platform.orders.returnsFor(delivered.id)).map((r) => r.id)).toContain(rma.id);
      await platform.orders.note(id, 'The customer asked for a call before delivery.', new Date());
      await expectCode(platform.orders.note(known.missingOrderId, 'x', new Date()), 'NOT_FOUND');
    });

    it('reports product changes and removals on the catalog feed', async () => {
      const f = await open();
      const { platform, known } = f;
      const updated = nextEvent<CatalogChange>((l) => platform.catalog.changes(l), (c) => c.kind === 'upsert' && c.product.id === known.product.id);
      await f.changeProduct(known.product.id, { price: 123.45 });
      expect(await updated).toMatchObject({ kind: 'upsert', product: { id: known.product.id, price: 123.45 } });
      const removed = nextEvent<CatalogChange>((l) => platform.catalog.changes(l), (c) => c.kind === 'delete');
      await f.deleteProduct(known.product.id);
      expect(await removed).toEqual({ kind: 'delete', productId: known.product.id });
    });

    it('reports new orders on the order feed (where the shop takes orders)', async (ctx) => {
      const f = await open();
      if (!f.placeOrder) return ctx.skip();
      const created = nextEvent<OrderChange>((l) => f.platform.orders.changes(l), (c) => c.kind === 'created');
      await f.placeOrder();
      const change = await created;
      expect(change.order.items.length).toBeGreaterThan(0);
    });

    it('says SHOP_UNAVAILABLE, never "not found", when the platform does not answer', async (ctx) => {
      const f = await open();
      if (!f.breakPlatform) return ctx.skip();
      await f.breakPlatform();
      await expectCode(f.platform.orders.get(f.known.openOrders[0].id), 'SHOP_UNAVAILABLE');
      await expectCode(f.platform.orders.cancel(f.known.openOrders[0].id, new Date()), 'SHOP_UNAVAILABLE');
      await expectCode(f.platform.catalog.list(), 'SHOP_UNAVAILABLE');
    });
  });
}
