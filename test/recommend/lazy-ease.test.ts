import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/logger.ts';
import type { Product } from '../../src/knowledge/types.ts';
import { CoPurchaseRecommender } from '../../src/recommend/co-purchase-recommender.ts';
import { inProcessEaseFitter, threadedEaseFitter, type EaseFitter } from '../../src/recommend/ease-fitter.ts';
import { easeWeights } from '../../src/recommend/ease-weights.ts';
import { HybridRecommender } from '../../src/recommend/hybrid-recommender.ts';
import type { RecommenderOptionsInput } from '../../src/recommend/recommender-options.ts';
import { NOW, daysAgo, fixtureCatalog } from './fixtures.ts';

const ids = (rs: Array<{ productId: string }>) => rs.map((r) => r.productId);

/** A fitter that counts its fits (the real EASE math underneath). */
function countingFitter(): EaseFitter & { fits: number } {
  const f = (async (input) => {
    f.fits += 1;
    return inProcessEaseFitter(input);
  }) as EaseFitter & { fits: number };
  f.fits = 0;
  return f;
}

function setup(options: RecommenderOptionsInput = {}, fitter: EaseFitter = countingFitter()) {
  let catalog: Product[] = fixtureCatalog();
  let now = NOW;
  const co = new CoPurchaseRecommender({
    catalog: () => catalog, clock: () => now, easeFitter: fitter,
    options: { halfLifeDays: Infinity, easeLambda: 1, easeRefitSeconds: 60, ...options },
  });
  const scores = async (seeds: string[]) => co.scores({ seedProductIds: seeds }, catalog, now.getTime());
  return {
    co, scores,
    advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
    setCatalog: (c: Product[]) => (catalog = c),
  };
}

/** P-1 bought 4 times, twice with P-2: EASE with lambda 1 gives B[P-1][P-2] = 2 / (4 + 1) = 0.4. */
function recordMugsAndCups(co: CoPurchaseRecommender, at = daysAgo(3)): void {
  for (let i = 0; i < 2; i++) co.recordBasket({ productIds: ['P-1', 'P-2'], at });
  for (let i = 0; i < 2; i++) co.recordBasket({ productIds: ['P-1'], at });
}

describe('CoPurchaseRecommender with lazily refitted EASE', () => {
  it('answers the first query from co-occurrence, fits in the background, then scores with EASE', async () => {
    const fitter = countingFitter();
    const { co, scores } = setup({}, fitter);
    recordMugsAndCups(co);
    const plain = setup({ easeMaxProducts: 0 });
    recordMugsAndCups(plain.co);
    const coOccurrence = await plain.scores(['P-1']);
    expect(await scores(['P-1'])).toEqual(coOccurrence);
    await co.settleEase();
    expect(fitter.fits).toBe(1);
    const ease = await scores(['P-1']);
    expect(ease.get('P-2')).toBeCloseTo(0.4, 12);
    expect(ease.get('P-2')).not.toBeCloseTo(coOccurrence.get('P-2')!, 3);
  });

  it('does not refit per request, refits after purchases at most once per easeRefitSeconds', async () => {
    const fitter = countingFitter();
    const { co, scores, advance } = setup({}, fitter);
    recordMugsAndCups(co);
    await scores(['P-1']);
    await co.settleEase();
    for (let i = 0; i < 5; i++) await scores(['P-1']);
    await co.settleEase();
    expect(fitter.fits).toBe(1);

    // New purchases only mark the model dirty; within the interval queries keep the fitted model.
    for (let i = 0; i < 3; i++) co.recordBasket({ productIds: ['P-1', 'P-3'], at: daysAgo(1) });
    advance(30);
    expect((await scores(['P-1'])).has('P-3')).toBe(false);
    await co.settleEase();
    expect(fitter.fits).toBe(1);

    // Once the interval has passed, the next query starts one refit and later queries see the new purchases.
    advance(31);
    await scores(['P-1']);
    await scores(['P-1']);
    await co.settleEase();
    expect(fitter.fits).toBe(2);
    expect((await scores(['P-1'])).get('P-3')).toBeGreaterThan(0);
    await co.settleEase();
    expect(fitter.fits).toBe(2);
  });

  it('fits on the decayed co-occurrence (time decay kept)', async () => {
    const { co, scores } = setup({ halfLifeDays: 1 });
    co.recordBasket({ productIds: ['P-1', 'P-2'], at: daysAgo(1) });
    co.recordBasket({ productIds: ['P-1'], at: NOW });
    await scores(['P-1']);
    await co.settleEase();
    // Decayed counts now: N(P-1) = 0.5 + 1, C(P-1, P-2) = 0.5, so B = 0.5 / (1.5 + 1) = 0.2 (undecayed: 1 / 3).
    expect((await scores(['P-1'])).get('P-2')).toBeCloseTo(0.2, 12);
  });

  it('falls back to co-occurrence for a seed beyond the cap of most purchased products', async () => {
    const { co, scores } = setup({ easeMaxProducts: 2 });
    const plain = setup({ easeMaxProducts: 0 });
    for (const rec of [co, plain.co]) {
      recordMugsAndCups(rec);
      rec.recordBasket({ productIds: ['P-7', 'P-1'], at: daysAgo(2) }); // P-7 is the least purchased: beyond the cap
    }
    await scores(['P-1']);
    await co.settleEase();
    const beyondCap = await scores(['P-7']);
    expect(beyondCap.size).toBeGreaterThan(0);
    expect(beyondCap).toEqual(await plain.scores(['P-7']));
    expect(await scores(['P-1', 'P-7'])).toEqual(await plain.scores(['P-1', 'P-7']));
    // Seeds inside the cap use EASE: 2 / (5 + 1) with P-1 now bought 5 times.
    expect((await scores(['P-2'])).get('P-1')).toBeCloseTo(2 / 3, 12);
    expect((await scores(['P-1'])).get('P-2')).toBeCloseTo(2 / 6, 12);
  });

  it('never recommends a product removed from the catalog, although the model still has weights for it', async () => {
    const { co, scores, setCatalog } = setup();
    recordMugsAndCups(co);
    await scores(['P-1']);
    await co.settleEase();
    expect(ids(await co.recommend({ seedProductIds: ['P-1'] }, 5))).toEqual(['P-2']);
    setCatalog(fixtureCatalog().filter((p) => p.id !== 'P-2'));
    expect(await co.recommend({ seedProductIds: ['P-1'] }, 5)).toEqual([]);
  });

  it('keeps answering from co-occurrence when a refit fails, logs it and retries at the next due query', async () => {
    let fail = true;
    const fitter: EaseFitter = async (input) => {
      if (fail) throw new Error('worker crashed');
      return inProcessEaseFitter(input);
    };
    const logger = memoryLogger();
    let now = NOW;
    const catalog = fixtureCatalog();
    const co = new CoPurchaseRecommender({
      catalog: () => catalog, clock: () => now, easeFitter: fitter, logger, options: { easeLambda: 1, halfLifeDays: Infinity },
    });
    recordMugsAndCups(co);
    const first = await co.recommend({ seedProductIds: ['P-1'] }, 3);
    await co.settleEase();
    expect(logger.lines.some((l) => String(l.msg).includes('EASE refit failed'))).toBe(true);
    expect(await co.recommend({ seedProductIds: ['P-1'] }, 3)).toEqual(first);
    fail = false;
    now = new Date(now.getTime() + 3_600_000);
    await co.recommend({ seedProductIds: ['P-1'] }, 3);
    await co.settleEase();
    expect((await co.recommend({ seedProductIds: ['P-1'] }, 3))[0].score).toBeCloseTo(0.4, 12);
  });

  it('the hybrid names bought-together for an EASE partner and passes the fitter through', async () => {
    const fitter = countingFitter();
    const catalog = fixtureCatalog();
    const rec = new HybridRecommender({ catalog: () => catalog, clock: () => NOW, easeFitter: fitter, options: { content: 0 } });
    for (let i = 0; i < 3; i++) rec.recordBasket({ productIds: ['P-5', 'P-6'], at: daysAgo(2) });
    await rec.recommend({ seedProductIds: ['P-5'] }, 1);
    await rec.coPurchase.settleEase();
    const got = await rec.recommend({ seedProductIds: ['P-5'] }, 1);
    expect(fitter.fits).toBe(1);
    expect(got[0]).toMatchObject({ productId: 'P-6' });
    expect(got[0].reasons).toContain('bought-together');
  });
});

describe('threadedEaseFitter', () => {
  it('fits a model above the in-process size in a worker thread with the same result', async () => {
    const n = 310;
    const gram = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      gram[i * n + i] = 10 + (i % 7);
      const j = (i + 1) % n;
      gram[i * n + j] = gram[j * n + i] = 1 + (i % 3);
    }
    const expected = easeWeights(gram, n, 5);
    const got = await threadedEaseFitter({ gram: Float64Array.from(gram), n, lambda: 5 });
    expect(got.length).toBe(n * n);
    let maxDiff = 0;
    for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
    expect(maxDiff).toBe(0);
  }, 30_000);
});
