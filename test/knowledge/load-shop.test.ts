import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadShop } from '../../src/knowledge/load-shop.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'shop');
const NOW = new Date('2025-06-11T09:00:00Z'); // ten days after the fixture's asOf

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the fixture shop (folder named "knowledge", as in production) with one file edited. */
function shopWith(file: string, edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'shopmate-kb-'));
  temps.push(root);
  const dir = join(root, 'knowledge');
  cpSync(FIXTURE, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

async function loadError(dir: string): Promise<{ code: string; message: string }> {
  try {
    await loadShop(dir, { now: NOW });
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected loadShop to fail');
}

describe('loadShop', () => {
  it('loads every file of a valid shop', async () => {
    const shop = await loadShop(FIXTURE, { now: NOW });
    expect(shop.profile.name).toBe('Fixture Home Goods');
    expect(shop.products.map((p) => p.id)).toEqual(['P-1001', 'P-1002', 'P-1003']);
    expect(shop.products[0].attributes).toEqual({ colour: 'slate blue', material: 'stoneware', capacity_ml: 350 });
    expect(shop.faqs).toHaveLength(3);
    expect(shop.orders.map((o) => o.id)).toEqual(['SM-100001', 'SM-100002']);
  });

  it('turns each policy section into a passage with a <policy>#<slug> id', async () => {
    const { passages } = await loadShop(FIXTURE, { now: NOW });
    expect(passages.map((p) => p.id)).toEqual([
      'returns#return-window',
      'returns#how-to-return-an-item',
      'shipping#overview',
      'shipping#delivery-times',
      'shipping#shipping-costs',
    ]);
    const costs = passages.find((p) => p.id === 'shipping#shipping-costs')!;
    expect(costs).toMatchObject({ policy: 'shipping', title: 'Shipping costs' });
    // Deeper headings stay inside their section.
    expect(costs.text).toContain('### Islands');
    expect(costs.text).toContain('Wadden');
  });

  it('shifts every order date by (now - asOf), keeping each date format', async () => {
    const [shipped, delivered] = (await loadShop(FIXTURE, { now: NOW })).orders;
    expect(shipped.placedAt).toBe('2025-06-08T10:15:00Z');
    expect(shipped.tracking.map((t) => t.at)).toEqual(['2025-06-09T08:00:00Z', '2025-06-10T12:30:00Z']);
    expect(delivered.deliveredAt).toBe('2025-06-01T15:45:00Z');
    const unshifted = (await loadShop(FIXTURE, { now: new Date('2025-06-01T23:00:00Z') })).orders[0];
    expect(unshifted.placedAt).toBe('2025-05-29T10:15:00Z');
  });

  it('names file, entry (index and id) and field of a broken product', async () => {
    const dir = shopWith('catalog.yaml', (t) => t.replace('price: 24', 'price: "24 EUR"'));
    const err = await loadError(dir);
    expect(err.code).toBe('KNOWLEDGE_INVALID');
    expect(err.message).toContain('knowledge/catalog.yaml: products[1] (P-1002).price: expected number');
  });

  it('reports nested fields, unknown fields and several problems at once', async () => {
    const dir = shopWith('catalog.yaml', (t) =>
      t
        .replace('tags: [pan, cooking]', 'tags: [pan, 7]')
        .replace('stock: 40', 'stock: 40\n    pirce: 3')
        .replace('addedAt: 2025-02-01', 'addedAt: soon'),
    );
    const { message } = await loadError(dir);
    expect(message).toContain('knowledge/catalog.yaml: products[1] (P-1002).addedAt: expected ISO date or timestamp');
    expect(message).toContain('knowledge/catalog.yaml: products[2] (P-1003).tags[1]: expected string');
    expect(message).toContain('knowledge/catalog.yaml: products[0] (P-1001): unknown field(s) "pirce"');
  });

  it('refuses duplicate ids and FAQ entries with fewer than 3 phrasings', async () => {
    const dup = shopWith('catalog.yaml', (t) => t.replace('id: P-1003', 'id: P-1001'));
    expect((await loadError(dup)).message).toContain('products[2] (P-1001).id: duplicate id, first used by products[0]');
    const few = shopWith('faq.yaml', (t) => t.replace('      - Is there free shipping?\n', ''));
    expect((await loadError(few)).message).toContain('knowledge/faq.yaml: faqs[0] (faq-shipping-cost).questions: expected at least 3');
  });

  it('checks that ordered products exist in the catalog', async () => {
    const dir = shopWith('orders.yaml', (t) => t.replace('productId: P-1003', 'productId: P-9999'));
    expect((await loadError(dir)).message).toContain(
      'knowledge/orders.yaml: orders[1] (SM-100002).items[0].productId: unknown product "P-9999"',
    );
  });

  it('requires asOf in orders.yaml and valid order timestamps', async () => {
    const noAsOf = shopWith('orders.yaml', (t) => t.replace('asOf: 2025-06-01\n', ''));
    expect((await loadError(noAsOf)).message).toContain('knowledge/orders.yaml: asOf: expected the ISO date');
    const badDate = shopWith('orders.yaml', (t) => t.replace('placedAt: 2025-05-20T09:00:00Z', 'placedAt: yesterday'));
    expect((await loadError(badDate)).message).toContain('orders[1] (SM-100002).placedAt: expected ISO timestamp');
  });

  it('reports missing files, YAML syntax errors and bad policy files by name', async () => {
    const missing = shopWith('faq.yaml', (t) => t);
    unlinkSync(join(missing, 'faq.yaml'));
    expect((await loadError(missing)).message).toContain('knowledge/faq.yaml: file not found');
    const syntax = shopWith('shop.yaml', (t) => t + 'hours: [unclosed\n');
    expect((await loadError(syntax)).message).toMatch(/knowledge\/shop\.yaml: YAML syntax/);
    const emptySection = shopWith('policies/returns.md', (t) => t + '\n## Exchanges\n');
    expect((await loadError(emptySection)).message).toContain('knowledge/policies/returns.md: line 11 (returns#exchanges).text: section is empty');
    const noTitle = shopWith('policies/returns.md', (t) => t.replace('# Returns policy\n', ''));
    expect((await loadError(noTitle)).message).toContain('knowledge/policies/returns.md: expected a "# Title" line');
  });

  it('refuses a policy file outside the known policies', async () => {
    const dir = shopWith('policies/returns.md', (t) => t);
    writeFileSync(join(dir, 'policies', 'loyalty.md'), '# Loyalty\n\n## Points\n\nOne point per euro.\n');
    expect((await loadError(dir)).message).toContain('knowledge/policies/loyalty.md: unknown policy "loyalty"');
  });
});
