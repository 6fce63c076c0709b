import { describe, expect, it } from 'vitest';
import { chooseThreshold, type ScoredExample } from '../../../src/nlu/intent/oos-detector.ts';

/** n in-scope examples, all predicted right, with scores spread evenly over [lo, hi]. */
const spread = (n: number, lo: number, hi: number): ScoredExample[] =>
  Array.from({ length: n }, (_, i) => ({ score: lo + ((hi - lo) * i) / (n - 1), correct: true }));

describe('chooseThreshold', () => {
  it('separates cleanly separated in-scope and out-of-scope scores', () => {
    const t = chooseThreshold(spread(100, 0.6, 1), [0.1, 0.2, 0.3, 0.35]);
    expect(t).toBeGreaterThan(0.35);
    expect(t).toBeLessThanOrEqual(0.6);
  });

  it('never flags more than 3 % of the correctly answered in-scope messages, even to catch more negatives', () => {
    const inScope = spread(1000, 0, 1);
    // Negatives overlap the lower half: without the cap the sum of rates would put the threshold near 0.5.
    const negatives = Array.from({ length: 50 }, (_, i) => 0.01 * i);
    const t = chooseThreshold(inScope, negatives);
    const flagged = inScope.filter((e) => e.score < t).length / inScope.length;
    expect(flagged).toBeLessThanOrEqual(0.03);
    expect(t).toBeGreaterThan(0.02);
  });

  it('keeps 97 % of the correct held-out examples when there are no negatives', () => {
    const inScope = [...spread(100, 0.5, 1), { score: 0.1, correct: false }];
    const t = chooseThreshold(inScope, []);
    expect(inScope.filter((e) => e.correct && e.score >= t).length).toBe(97);
  });

  it('is 0 without any held-out example', () => {
    expect(chooseThreshold([], [0.2])).toBe(0);
  });
});
