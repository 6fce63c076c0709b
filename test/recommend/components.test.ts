import { describe, expect, it } from 'vitest';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { CoPurchaseRecommender } from '../../src/recommend/co-purchase-recommender.ts';
import { ContentRecommender } from '../../src/recommend/content-recommender.ts';
import { DecayedCounter } from '../../src/recommend/decayed-counter.ts';
import { PopularityRecommender } from '../../src/recommend/popularity-recommender.ts';
import { NOW, daysAgo, fixtureCatalog, product } from './fixtures.ts';

const ids = (rs: Array<{ productId: string }>) => rs.map((r) => r.productId);

describe('DecayedCounter', () => {
  it('halves an event weight every half-life and survives rebasing far in the future', () => {
    const c = new DecayedCounter(10);
    c.add('a', 0);
    expect(c.get('a', 10)).toBeCloseTo(0.5);
    expect(c.get('a', 30)).toBeCloseTo(0.125);
    c.add('b', 20_000); // 2000 half-lives later: forces a rebase
    expect(c.get('b', 20_010)).toBeCloseTo(0.5);
    expect(Number.isFinite(c.get('a', 20_010))).toBe(true);
  });

  it('does not decay with an infinite half-life', () => {
    const c = new DecayedCounter(Infinity);
    c.add('a', 0);
    c.add('a', 1e12);
    expect(c.get('a', 5e12)).toBe(2);
  });
});

describe('PopularityRecommender', () => {
  it('lets a recent trend beat an older, bigger one', async () => {
    const catalog = fixtureCatalog();
    const pop = new PopularityRecommender({ catalog: () => catalog, clock: () => NOW, options: { halfLifeDays: 7 } });
    for (let i = 0; i < 20; i++) pop.recordEvent({ productId: 'P-4', kind: 'purchase', at: daysAgo(60) });
    for (let i = 0; i < 5; i++) pop.recordEvent({ productId: 'P-7', kind: 'purchase', at: daysAgo(2) });
    expect(ids(await pop.recommend({ seedProductIds: [] }, 2))).toEqual(['P-7', 'P-4']);
    // Without decay the larger old trend still wins: the order above comes from the decay, not from the fixture.
    const flat = new PopularityRecommender({ catalog: () => catalog, clock: () => NOW, options: { halfLifeDays: Infinity } });
    for (let i = 0; i < 20; i++) flat.recordEvent({ productId: 'P-4', kind: 'purchase', at: daysAgo(60) });
    for (let i = 0; i < 5; i++) flat.recordEvent({ productId: 'P-7', kind: 'purchase', at: daysAgo(2) });
    expect(ids(await flat.recommend({ seedProductIds: [] }, 1))).toEqual(['P-4']);
  });

  it('reads the injected clock at recommend time, so a trend fades as time passes', async () => {
    const catalog = fixtureCatalog();
    let now = NOW;
    const pop = new PopularityRecommender({ catalog: () => catalog, clock: () => now, options: { halfLifeDays: 7 } });
    for (let i = 0; i < 10; i++) pop.recordEvent({ productId: 'P-4', kind: 'purchase', at: daysAgo(1) });
    const before = (await pop.recommend({ seedProductIds: [] }, 1))[0].score;
    now = new Date(NOW.getTime() + 7 * 86_400_000);
    expect((await pop.recommend({ seedProductIds: [] }, 1))[0].score).toBeCloseTo(before / 2);
  });

  it('weights clicks below purchases and ignores views by default', async () => {
    const catalog = fixtureCatalog();
    const pop = new PopularityRecommender({ catalog: () => catalog, clock: () => NOW });
    pop.recordEvent({ productId: 'P-1', kind: 'purchase', at: daysAgo(1) });
    pop.recordEvent({ productId: 'P-2', kind: 'click', at: daysAgo(1) });
    pop.recordEvent({ productId: 'P-2', kind: 'click', at: daysAgo(1) });
    for (let i = 0; i < 50; i++) pop.recordEvent({ productId: 'P-3', kind: 'view', at: daysAgo(1) });
    expect(ids(await pop.recommend({ seedProductIds: [] }, 5))).toEqual(['P-1', 'P-2']);
  });
});

describe('CoPurchaseRecommender', () => {
  it('ranks the partner item first even against a more popular item', async () => {
    const catalog = fixtureCatalog();
    const co = new CoPurchaseRecommender({ catalog: () => catalog, clock: () => NOW });
    for (let i = 0; i < 6; i++) co.recordBasket({ productIds: ['P-5', 'P-6'], at: daysAgo(3) });
    for (let i = 0; i < 30; i++) co.recordBasket({ productIds: ['P-4', 'P-1'], at: daysAgo(3) });
    co.recordBasket({ productIds: ['P-5', 'P-4'], at: daysAgo(3) });
    const got = await co.recommend({ seedProductIds: ['P-5'] }, 3);
    expect(ids(got)).toEqual(['P-6', 'P-4']);
    expect(got[0].reasons).toEqual(['bought-together']);
  });

  it('pairs a logged purchase with the same customer\'s purchases within the basket window only', async () => {
    const catalog = fixtureCatalog();
    const co = new CoPurchaseRecommender({ catalog: () => catalog, clock: () => NOW, options: { basketWindowHours: 24 } });
    co.recordEvent({ userId: 'u', productId: 'P-1', kind: 'purchase', at: daysAgo(10) });
    co.recordEvent({ userId: 'u', productId: 'P-2', kind: 'purchase', at: daysAgo(3) });
    co.recordEvent({ userId: 'u', productId: 'P-3', kind: 'purchase', at: new Date(daysAgo(3).getTime() + 3_600_000) });
    co.recordEvent({ userId: 'v', productId: 'P-7', kind: 'click', at: daysAgo(3) });
    expect(ids(await co.recommend({ seedProductIds: ['P-2'] }, 5))).toEqual(['P-3']);
    expect(await co.recommend({ seedProductIds: ['P-1'] }, 5)).toEqual([]);
  });
});

describe('ContentRecommender', () => {
  it('embeds the catalog once and only new or edited products afterwards', async () => {
    const catalog = fixtureCatalog();
    const encoder = new HashingEncoder();
    const content = new ContentRecommender(encoder, { catalog: () => catalog, clock: () => NOW });
    expect(await content.recommend({ seedProductIds: ['P-1'] }, 2)).toHaveLength(2);
    const calls = encoder.calls;
    await content.recommend({ seedProductIds: ['P-1'] }, 2);
    expect(encoder.calls).toBe(calls);
    catalog.push(product('P-10', 'Stoneware coffee mug', { tags: ['coffee', 'mug'] }));
    expect(ids(await content.recommend({ seedProductIds: ['P-1'] }, 1))).toEqual(['P-10']);
    expect(encoder.calls).toBe(calls + 1);
    expect(content.embeddedCount).toBe(8);
  });

  it('has no opinion without a query or known seeds', async () => {
    const catalog = fixtureCatalog();
    const content = new ContentRecommender(new HashingEncoder(), { catalog: () => catalog });
    expect(await content.recommend({ seedProductIds: ['unknown'] }, 3)).toEqual([]);
  });
});
