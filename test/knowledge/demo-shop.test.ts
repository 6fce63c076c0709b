import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shopEntries } from '../../src/knowledge/kb-document.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'knowledge');
const complete = ['shop.yaml', 'catalog.yaml', 'faq.yaml', 'orders.yaml', 'policies'].every((f) => existsSync(join(DEMO, f)));

// The project's own demo shop (written by us, not ../shared/data) must always load cleanly.
describe('demo shop in knowledge/', () => {
  it.skipIf(!complete)('loads without problems and every FAQ, passage and product is searchable content', async () => {
    const shop = await loadShop(DEMO);
    expect(shop.products.length).toBeGreaterThan(0);
    expect(shop.faqs.length).toBeGreaterThan(0);
    expect(shop.passages.length).toBeGreaterThan(0);
    const entries = shopEntries(shop);
    expect(entries).toHaveLength(shop.faqs.length + shop.passages.length + shop.products.length);
  });
});
