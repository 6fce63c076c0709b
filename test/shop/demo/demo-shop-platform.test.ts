import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ShopmateError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { loadShop } from '../../../src/knowledge/load-shop.ts';
import { DataVault } from '../../../src/privacy/data-vault.ts';
import { DemoShopPlatform } from '../../../src/shop/demo/demo-shop-platform.ts';
import { createMemoryStore, openSqliteStore, type Store } from '../../../src/store/index.ts';
import { runShopPlatformContract, type ShopPlatformFixture } from '../shop-platform-contract.ts';

const KNOWLEDGE = join(import.meta.dirname, '../../../knowledge');

async function demoShop(options: { store: Store; knowledgeDir?: string; vault?: DataVault }) {
  const knowledgeDir = options.knowledgeDir ?? KNOWLEDGE;
  const shop = await loadShop(knowledgeDir, { now: new Date('2026-03-10T10:00:00Z') });
  return new DemoShopPlatform({
    knowledgeDir,
    shop,
    orderLog: options.store.orderChanges,
    sealer: options.vault ?? new DataVault(randomBytes(32)),
    productUrlPattern: 'https://shop.example/products/{slug}',
    pollSeconds: 0,
    logger: silentLogger,
  });
}

/** Rewrites catalog.yaml (mtime moved on, so a re-read notices even within the same millisecond tick). */
async function editCatalog(dir: string, edit: (products: Array<Record<string, unknown>>) => Array<Record<string, unknown>>): Promise<void> {
  const path = join(dir, 'catalog.yaml');
  const data = parse(await readFile(path, 'utf8')) as { products: Array<Record<string, unknown>> };
  data.products = edit(data.products);
  await writeFile(path, stringify(data));
  const later = new Date(Date.now() + 5000);
  await utimes(path, later, later);
}

async function demoFixture(): Promise<ShopPlatformFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'shopmate-demo-shop-'));
  await cp(KNOWLEDGE, dir, { recursive: true });
  const store = createMemoryStore();
  const platform = await demoShop({ store, knowledgeDir: dir });
  return {
    platform,
    known: {
      productCount: 163,
      product: { id: 'P-1001', title: 'Walnut End-Grain Chopping Board, Large' },
      openOrders: [
        { id: 'SM-100815', email: 'lukas.schneider@example.org' },
        { id: 'SM-100822', email: 'tom.verbeek@example.com' },
      ],
      shippedOrder: { id: 'SM-100648', email: 'marco.bianchi@example.org' },
      deliveredOrder: { id: 'SM-100201', email: 'emma.devries@example.com', productId: 'P-1084' },
      missingOrderId: 'SM-999999',
    },
    async changeProduct(id, change) {
      await editCatalog(dir, (ps) => ps.map((p) => (p.id === id ? { ...p, price: change.price } : p)));
      await platform.catalog.refresh();
    },
    async deleteProduct(id) {
      await editCatalog(dir, (ps) => ps.filter((p) => p.id !== id));
      await platform.catalog.refresh();
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

runShopPlatformContract('demo', demoFixture);

describe('demo shop orders', () => {
  it('keep a cancellation, an address change and a return across a restart, with the address sealed in the store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shopmate-demo-orders-'));
    const vault = new DataVault(randomBytes(32));
    try {
      const path = join(dir, 'shop.db');
      let store = await openSqliteStore({ path });
      let shop = await demoShop({ store, vault });
      await shop.start();
      await shop.orders.cancel('sm-100815', new Date('2026-03-10T11:00:00Z'));
      await shop.orders.changeAddress('SM-100822', 'Keizersgracht 99, 1015 CJ Amsterdam', new Date('2026-03-10T11:01:00Z'));
      const rma = await shop.orders.createReturn({ orderId: 'SM-100201', productIds: ['P-1084'], reason: 'too small' }, new Date('2026-03-10T11:02:00Z'));
      await shop.stop();
      await store.close();
      expect((await readFile(path)).includes('Keizersgracht')).toBe(false);

      store = await openSqliteStore({ path });
      shop = await demoShop({ store, vault });
      await shop.start();
      expect((await shop.orders.get('SM-100815'))!.status).toBe('cancelled');
      expect((await shop.orders.get('SM-100815'))!.tracking.at(-1)).toEqual({ at: '2026-03-10T11:00:00.000Z', status: 'cancelled by customer' });
      expect((await shop.orders.get('SM-100822'))!.shippingAddress).toBe('Keizersgracht 99, 1015 CJ Amsterdam');
      expect(await shop.orders.returnsFor('SM-100201')).toEqual([rma]);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sees the changes another process made on the same store before answering', async () => {
    const store = createMemoryStore();
    const a = await demoShop({ store, vault: new DataVault(Buffer.alloc(32, 7)) });
    const b = await demoShop({ store, vault: new DataVault(Buffer.alloc(32, 7)) });
    await a.start();
    await b.start();
    await a.orders.cancel('SM-100815', new Date());
    expect((await b.orders.get('SM-100815'))!.status).toBe('cancelled');
    await expect(b.orders.cancel('SM-100815', new Date())).rejects.toMatchObject({ code: 'CONFLICT' });
    // ...and a's own change is not applied twice when a reads the log again.
    await a.orders.note('SM-100815', 'called the customer', new Date());
    expect((await a.orders.get('SM-100815'))!.tracking.filter((t) => t.status === 'cancelled by customer')).toHaveLength(1);
  });

  it('does not confirm a change the store could not keep', async () => {
    const store = createMemoryStore();
    const failing = { ...store, orderChanges: { list: (o?: { platform?: string; afterSeq?: number }) => store.orderChanges.list(o), append: () => Promise.reject(new ShopmateError('INTERNAL', 'disk full')) } };
    const shop = await demoShop({ store: failing });
    await shop.start();
    await expect(shop.orders.cancel('SM-100815', new Date())).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(shop.orders.createReturn({ orderId: 'SM-100201', productIds: ['P-1084'], reason: 'x' }, new Date())).rejects.toMatchObject({ code: 'INTERNAL' });
    expect((await shop.orders.get('SM-100815'))!.status).toBe('pending');
    expect(await shop.orders.returnsFor('SM-100201')).toEqual([]);
  });
});
