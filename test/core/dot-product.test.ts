import { describe, expect, it } from 'vitest';
import { dot } from '../../src/core/dot-product.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';

const naive = (a: Float32Array, b: Float32Array, offset: number) => a.reduce((s, x, i) => s + x * b[offset + i]!, 0);

describe('dot', () => {
  it('equals the plain sum for every length (tails of 0-3 after the 4-wide loop) and offset', () => {
    const random = seededRandom(7);
    for (const n of [0, 1, 3, 4, 5, 7, 512, 513]) {
      const a = Float32Array.from({ length: n }, () => random() * 2 - 1);
      const b = Float32Array.from({ length: n * 3 + 2 }, () => random() * 2 - 1);
      for (const offset of [0, 1, n + 2]) expect(dot(a, b, offset)).toBeCloseTo(naive(a, b, offset), 4);
    }
  });

  it('reads only its window of b', () => {
    const a = Float32Array.of(1, 2, 3, 4, 5);
    const b = Float32Array.of(100, 1, 1, 1, 1, 1, 100);
    expect(dot(a, b, 1)).toBe(15);
  });
});
