import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { easeWeights } from '../../src/recommend/ease-weights.ts';
import { invertSpd } from '../../src/recommend/spd-inverse.ts';

const at = (m: Float64Array, n: number, i: number, j: number) => m[i * n + j];

function expectMatrixClose(actual: Float64Array, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

describe('invertSpd', () => {
  it('matches known inverses', () => {
    // [[4,2],[2,3]]^-1 = [[3,-2],[-2,4]] / 8
    expectMatrixClose(invertSpd(Float64Array.from([4, 2, 2, 3]), 2), [3 / 8, -2 / 8, -2 / 8, 4 / 8]);
    // The second-difference matrix: [[2,-1,0],[-1,2,-1],[0,-1,2]]^-1 = [[3,2,1],[2,4,2],[1,2,3]] / 4
    const a = Float64Array.from([2, -1, 0, -1, 2, -1, 0, -1, 2]);
    expectMatrixClose(invertSpd(a, 3), [3, 2, 1, 2, 4, 2, 1, 2, 3].map((x) => x / 4));
    expect([...a]).toEqual([2, -1, 0, -1, 2, -1, 0, -1, 2]); // the input is kept
  });

  it('gives A * inverse = I on a random symmetric positive definite 40 x 40 matrix', () => {
    const n = 40;
    const rand = seededRandom(7);
    const x = Array.from({ length: n * n }, () => rand() - 0.5);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
      a[i * n + j] = s;
    }
    const inv = invertSpd(a, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += at(a, n, i, k) * at(inv, n, k, j);
      expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
    }
  });

  it('refuses a matrix that is not positive definite instead of returning garbage', () => {
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
    expect(() => invertSpd(new Float64Array(3), 2)).toThrow(/expected 4 entries/);
  });
});

describe('easeWeights', () => {
  it('reproduces the hand-computed two-item model: B[s][j] = C(s,j) / (N(s) + lambda)', () => {
    // Item 0 bought 4 times, item 1 twice, both together twice; lambda 1.
    // P = (G + I)^-1 = [[3,-2],[-2,5]] / 11, so B[0][1] = -P01 / P11 = 2/5 and B[1][0] = -P10 / P00 = 2/3.
    const b = easeWeights(Float64Array.from([4, 2, 2, 2]), 2, 1);
    expectMatrixClose(b, [0, 2 / 5, 2 / 3, 0]);
  });

  it('has a zero diagonal, no weight between items never bought together, and mirrors interchangeable items', () => {
    // Items 1 and 2 are interchangeable (same counts, same pairs with item 0); item 3 is bought alone.
    const g = Float64Array.from([
      10, 4, 4, 0,
      4, 6, 1, 0,
      4, 1, 6, 0,
      0, 0, 0, 5,
    ]);
    const b = easeWeights(g, 4, 2);
    for (let i = 0; i < 4; i++) expect(at(b, 4, i, i)).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect(at(b, 4, i, 3)).toBeCloseTo(0, 14);
      expect(at(b, 4, 3, i)).toBeCloseTo(0, 14);
    }
    expect(at(b, 4, 0, 1)).toBeCloseTo(at(b, 4, 0, 2), 12);
    expect(at(b, 4, 1, 0)).toBeCloseTo(at(b, 4, 2, 0), 12);
    expect(at(b, 4, 1, 2)).toBeCloseTo(at(b, 4, 2, 1), 12);
    // Partners of item 0 get positive weight; 1 and 2 compete for the same baskets, so their mutual weight is lower
    // than their plain co-occurrence suggests (EASE explains it by item 0).
    expect(at(b, 4, 0, 1)).toBeGreaterThan(0);
    expect(at(b, 4, 1, 2)).toBeLessThan(at(b, 4, 1, 0));
  });

  it('is symmetric when all items play the same role (a circulant co-occurrence)', () => {
    // Four items on a ring: neighbours bought together 3 times, opposite items once, each item 6 times.
    const g = Float64Array.from([6, 3, 1, 3, 3, 6, 3, 1, 1, 3, 6, 3, 3, 1, 3, 6]);
    const b = easeWeights(g, 4, 0.5);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(at(b, 4, i, j)).toBeCloseTo(at(b, 4, j, i), 12);
    // Every neighbour pair gets the same weight, and a neighbour more than the opposite item.
    for (let i = 0; i < 4; i++) expect(at(b, 4, i, (i + 1) % 4)).toBeCloseTo(at(b, 4, 0, 1), 12);
    expect(at(b, 4, 0, 1)).toBeGreaterThan(at(b, 4, 0, 2));
  });

  it('shrinks weights as lambda grows, towards co-occurrence / lambda', () => {
    const g = Float64Array.from([10, 4, 1, 4, 6, 2, 1, 2, 3]);
    const largest = (lambda: number) => Math.max(...easeWeights(g, 3, lambda).map(Math.abs));
    const sizes = [0.1, 1, 10, 100].map(largest);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]);
    const lambda = 1e6;
    const b = easeWeights(g, 3, lambda);
    for (const [i, j] of [[0, 1], [0, 2], [1, 2], [2, 0]]) expect(at(b, 3, i, j) * lambda).toBeCloseTo(at(g, 3, i, j), 3);
    expect(() => easeWeights(g, 3, 0)).toThrow(/lambda/);
  });
});
