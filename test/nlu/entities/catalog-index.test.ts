import { describe, expect, it } from 'vitest';
import { CatalogIndex } from '../../../src/nlu/entities/catalog-index.ts';
import { extractEntities } from '../../../src/nlu/entities/extract-entities.ts';
import { fixtureCatalog, product } from '../../recommend/fixtures.ts';

const catalog = new CatalogIndex([
  ...fixtureCatalog(),
  product('P-11', 'Glass coffee mug', { tags: ['mug'] }),
  product('P-12', 'Linen table cloth', { category: 'home-textiles' }),
]);
const now = new Date('2026-03-04T10:00:00Z');
const products = (text: string) =>
  extractEntities(text, { catalog, now }).flatMap((e) => (e.type === 'product' ? [{ id: e.value.productId, raw: e.raw, all: e.value.candidates.map((c) => c.productId), confidence: e.confidence }] : []));
const categories = (text: string) => extractEntities(text, { catalog, now }).flatMap((e) => (e.type === 'category' ? [e.value] : []));

describe('CatalogIndex product matching', () => {
  it('finds an exact title with full confidence', () => {
    expect(products('is the Ceramic Coffee Mug dishwasher safe?')).toEqual([{ id: 'P-1', raw: 'Ceramic Coffee Mug', all: ['P-1'], confidence: 1 }]);
  });

  it.each([
    ['my ceramik mug arrived broken', 'P-1'],
    ['the chef knfe is blunt', 'P-6'],
    ['do you sell bambo cutting boards', 'P-5'],
    ['two cotton towels please', 'P-4'],
    ['the wool blanket', 'P-7'],
    ['linen table cloths', 'P-12'],
  ])('tolerates typos and plurals: %s', (text, id) => expect(products(text).map((p) => p.id)).toEqual([id]));

  it('reports every equally good product for an ambiguous mention, with lower confidence', () => {
    const [m] = products('my coffee mug is chipped');
    expect(m.all.sort()).toEqual(['P-1', 'P-11']);
    expect(m.confidence).toBeLessThan(0.7);
    expect(products('the glass coffee mug')[0]).toMatchObject({ id: 'P-11', all: ['P-11'] });
  });

  it('does not match unrelated words or weak partial words', () => {
    expect(products('where is my parcel, it is late')).toEqual([]);
    expect(products('I need help with my set up')).toEqual([]);
    expect(products('my mum says hello')).toEqual([]);
  });

  it('finds categories, including multi-word slugs and typos', () => {
    expect(categories('anything for the bathroom?')).toEqual(['bathroom']);
    expect(categories('show me home textiles')).toEqual(['home-textiles']);
    expect(categories('kitchn stuff')).toEqual(['kitchen']);
  });

  it('keeps products apart from quantities and order ids in the same message', () => {
    const types = extractEntities('2x chef knife for order SM-123456', { catalog, now }).map((e) => e.type);
    expect(types).toEqual(['quantity', 'product', 'order_id']);
  });
});
