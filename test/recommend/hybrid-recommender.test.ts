import { describe, expect, it } from 'vitest';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { HybridRecommender } from '../../src/recommend/hybrid-recommender.ts';
import { recordOrders } from '../../src/recommend/basket-from-order.ts';
import type { Order } from '../../src/knowledge/types.ts';
import { NOW, daysAgo, fixtureCatalog, product } from './fixtures.ts';

function setup(options = {}) {
  const catalog = fixtureCatalog();
  let now = NOW;
  const rec = new HybridRecommender({ catalog: () => catalog, clock: () => now, encoder: new HashingEncoder(), options });
  return { catalog, rec, setNow: (d: Date) => (now = d) };
}

const ids = (rs: Array<{ productId: string }>) => rs.map((r) => r.productId);

describe('HybridRecommender', () => {
  it('never returns out-of-stock products, and applies stock changes at once', async () => {
    const { catalog, rec } = setup();
    for (let i = 0; i < 5; i++) rec.recordBasket({ productIds: ['P-1', 'P-2'], at: daysAgo(1) });
    expect(ids(await rec.recommend({ seedProductIds: ['P-1'] }, 3))[0]).toBe('P-2');
    catalog.find((p) => p.id === 'P-2')!.stock = 0;
    const after = ids(await rec.recommend({ seedProductIds: ['P-1'] }, 10));
    expect(after).not.toContain('P-2');
    expect(after.length).toBeGreaterThan(0);
  });

  it('excludes seeds, explicit exclusions and what the customer just bought, but not older purchases', async () => {
    const { rec } = setup();
    rec.recordEvent({ userId: 'u1', productId: 'P-3', kind: 'purchase', at: daysAgo(1) });
    rec.recordEvent({ userId: 'u1', productId: 'P-5', kind: 'purchase', at: daysAgo(60) });
    for (let i = 0; i < 3; i++) rec.recordEvent({ userId: `x${i}`, productId: 'P-3', kind: 'purchase', at: daysAgo(2) });
    const got = ids(await rec.recommend({ userId: 'u1', seedProductIds: ['P-1'], exclude: ['P-6'] }, 10));
    expect(got).not.toContain('P-1');
    expect(got).not.toContain('P-3');
    expect(got).not.toContain('P-6');
    expect(ids(await rec.recommend({ userId: 'someone-else', seedProductIds: ['P-1'] }, 10))).toContain('P-3');
    expect(ids(await rec.recommend({ userId: 'u1', seedProductIds: [], query: 'bamboo cutting board' }, 10))).toContain('P-5');
  });

  it('boosts products listed within newProductDays', async () => {
    const { catalog, rec } = setup({ content: 0, coPurchase: 0, popularity: 1, newBoost: 0.5 });
    catalog.push(product('P-8', 'Linen napkins', { addedAt: daysAgo(3).toISOString() }));
    catalog.push(product('P-9', 'Old napkins', { addedAt: daysAgo(300).toISOString() }));
    for (let i = 0; i < 4; i++) rec.recordEvent({ productId: 'P-4', kind: 'purchase', at: daysAgo(1) });
    rec.recordEvent({ productId: 'P-7', kind: 'purchase', at: daysAgo(1) });
    const got = await rec.recommend({ seedProductIds: [] }, 3);
    expect(ids(got)).toEqual(['P-4', 'P-8', 'P-7']);
    expect(got[1].reasons).toEqual(['new']);
    expect(ids(got)).not.toContain('P-9');
  });

  it('ranks by query similarity through the injected encoder and names the reason', async () => {
    const { rec } = setup();
    const got = await rec.recommend({ seedProductIds: [], query: 'warm wool blanket' }, 2);
    expect(got[0]).toMatchObject({ productId: 'P-7', reasons: ['similar'] });
  });

  it('learns from recordEvent online: a new purchase pair changes the next answer', async () => {
    const { rec } = setup({ content: 0 });
    for (let i = 0; i < 3; i++) rec.recordBasket({ productIds: ['P-5', 'P-4'], at: daysAgo(5) });
    expect(ids(await rec.recommend({ seedProductIds: ['P-5'] }, 1))).toEqual(['P-4']);
    for (let i = 0; i < 6; i++) {
      rec.recordEvent({ userId: `c${i}`, productId: 'P-5', kind: 'purchase', at: daysAgo(1) });
      rec.recordEvent({ userId: `c${i}`, productId: 'P-6', kind: 'purchase', at: new Date(daysAgo(1).getTime() + 600_000) });
    }
    const got = await rec.recommend({ seedProductIds: ['P-5'] }, 1);
    expect(got[0]).toMatchObject({ productId: 'P-6' });
    expect(got[0].reasons).toContain('bought-together');
  });

  it('learns co-purchases from the order book, skipping cancelled orders', async () => {
    const { rec } = setup({ content: 0, popularity: 0 });
    const order = (id: string, items: string[], status: Order['status']): Order => ({
      id, email: 'A@x.test', customerName: 'A', status, placedAt: daysAgo(40).toISOString(), shippingAddress: '-',
      shippingMethod: 'standard', tracking: [], total: 0, currency: 'EUR',
      items: items.map((productId) => ({ productId, quantity: 1, unitPrice: 1 })),
    });
    expect(recordOrders(rec, [order('SM-1', ['P-1', 'P-3'], 'delivered'), order('SM-2', ['P-1', 'P-7'], 'cancelled')])).toBe(1);
    expect(ids(await rec.recommend({ seedProductIds: ['P-1'] }, 5))).toEqual(['P-3']);
  });

  it('returns nothing for k = 0 and an empty catalog', async () => {
    const rec = new HybridRecommender({ catalog: () => [], clock: () => NOW });
    expect(await rec.recommend({ seedProductIds: ['P-1'] }, 5)).toEqual([]);
    expect(await setup().rec.recommend({ seedProductIds: [], query: 'mug' }, 0)).toEqual([]);
  });
});
