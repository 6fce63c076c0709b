import type { Product } from '../../src/knowledge/types.ts';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const daysAgo = (d: number, from = NOW) => new Date(from.getTime() - d * 86_400_000);

export function product(id: string, title: string, extra: Partial<Product> = {}): Product {
  return {
    id,
    title,
    category: 'kitchen',
    price: 10,
    currency: 'EUR',
    description: '',
    attributes: {},
    stock: 5,
    image: `/images/products/${id}.svg`,
    tags: [],
    addedAt: '2025-01-01',
    ...extra,
  };
}

/** A tiny shop written for these tests. */
export function fixtureCatalog(): Product[] {
  return [
    product('P-1', 'Ceramic coffee mug', { tags: ['coffee', 'mug'], description: 'A glazed stoneware mug for hot drinks.' }),
    product('P-2', 'Espresso cup set', { tags: ['coffee', 'cup'], description: 'Four small cups for espresso.' }),
    product('P-3', 'Coffee beans dark roast', { category: 'pantry', tags: ['coffee'], description: 'Whole beans, roasted dark.' }),
    product('P-4', 'Cotton bath towel', { category: 'bathroom', tags: ['towel'], description: 'Soft towel for the bath.' }),
    product('P-5', 'Bamboo cutting board', { tags: ['board'], description: 'A board for chopping vegetables.' }),
    product('P-6', 'Chef knife', { tags: ['knife'], description: 'A sharp steel kitchen knife.' }),
    product('P-7', 'Wool throw blanket', { category: 'living', tags: ['blanket'], description: 'A warm blanket for the sofa.' }),
  ];
}
