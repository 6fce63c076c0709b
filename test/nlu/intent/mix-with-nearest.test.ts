import { describe, expect, it } from 'vitest';
import { KNN_CANDIDATES, mix, mixWithNearest, type MemberOutputs } from '../../../src/nlu/intent/intent-model.ts';

/** Log-probabilities that rank class 0 first, then 1, 2, ... (class c has log-score -c). */
function members(numClasses: number): MemberOutputs {
  const logits = Float32Array.from({ length: numClasses }, (_, c) => -c);
  return { joint: logits, head: logits.slice(), jointEnergy: 0, headEnergy: 0 };
}

const argmax = (p: Float32Array) => p.indexOf(Math.max(...p));

describe('mixWithNearest', () => {
  it('is the plain member mix when the nearest-exemplar weight is 0, and scans nothing', () => {
    const m = members(20);
    const scanned: number[] = [];
    const p = mixWithNearest(m, (c) => (scanned.push(c), 1), 0.6, 0);
    expect(Array.from(p)).toEqual(Array.from(mix(m.joint, m.head, 0.6)));
    expect(scanned).toEqual([]);
  });

  it('lets a candidate with a much closer exemplar overtake the leader', () => {
    const near = (c: number) => (c === 2 ? 0.95 : 0.5);
    const p = mixWithNearest(members(20), near, 0.5, 10);
    expect(argmax(p)).toBe(2);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('never lifts a class from outside the leading candidates, and scans only those', () => {
    const outsider = KNN_CANDIDATES + 3;
    const scanned = new Set<number>();
    const near = (c: number) => (scanned.add(c), c === outsider ? 1 : 0.2);
    const p = mixWithNearest(members(30), near, 0.5, 20);
    expect(argmax(p)).toBe(0);
    expect([...scanned].sort((a, b) => a - b)).toEqual(Array.from({ length: KNN_CANDIDATES }, (_, c) => c));
    expect(p[outsider]).toBeLessThan(p[KNN_CANDIDATES - 1]);
  });
});
