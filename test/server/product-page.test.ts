import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';
import { errorHandler } from '../../src/server/error-handler.ts';
import { staticRoutes } from '../../src/server/static-routes.ts';
import { ShopCatalog } from '../../src/shop-catalog.ts';

let url: string;
let catalog: ShopCatalog;
let close: () => void;

beforeAll(async () => {
  const shop = await loadShop(join(resolve(import.meta.dirname, '..', '..'), 'knowledge'));
  catalog = new ShopCatalog(shop.products, '/products/{id}');
  const app = express();
  app.use(staticRoutes({ demoPage: false, productPage: { lookup: (id) => catalog.get(id), shopName: shop.profile.name } }));
  app.use(errorHandler(silentLogger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('demo product pages', () => {
  it('serves a page for the link of every product card, with its title, price and stock', async () => {
    for (const p of catalog.list()) {
      const link = catalog.url(p);
      expect(link).toBe(`/products/${p.id}`);
      const res = await fetch(url + link);
      expect(res.status, link).toBe(200);
      const html = await res.text();
      expect(html).toContain(p.title.replace(/&/g, '&#38;').replace(/'/g, '&#39;'));
      expect(html).toMatch(p.stock > 0 ? /In stock/ : /out of stock/);
    }
  });

  it('answers 404 for an unknown product and uses the configured pattern or the product\'s own url', async () => {
    expect((await fetch(url + '/products/P-9999')).status).toBe(404);
    const p = catalog.get('P-1048')!;
    expect(new ShopCatalog([p], 'https://shop.example/p/{slug}?id={id}').url(p)).toBe('https://shop.example/p/lune-armchair-oat-boucle?id=P-1048');
    expect(new ShopCatalog([{ ...p, url: 'https://shop.example/lune' }], '/products/{id}').url({ ...p, url: 'https://shop.example/lune' })).toBe('https://shop.example/lune');
  });
});
