import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/seeded-random.ts';
import { ExemplarIndex } from '../../../src/nlu/intent/exemplar-index.ts';

const random = seededRandom(3);
const vec = (d: number) => Float32Array.from({ length: d }, () => random() * 2 - 1);

describe('ExemplarIndex', () => {
  const dim = 16;
  const labels = Int32Array.from([2, 0, 1, 0, 2, 2, 1, 0, 1]);
  const exemplars = Array.from(labels, () => vec(dim));
  // Class 3 has no exemplar at all (an intent whose examples all went to the held-out part).
  const index = ExemplarIndex.build(exemplars, labels, 4);

  it('finds the nearest exemplar of a class by cosine, whatever the vector lengths', () => {
    const q = Float32Array.from(exemplars[4], (x) => 3 * x);
    expect(index.maxCosine(Float32Array.from(exemplars[4], (x) => x / Math.hypot(...exemplars[4])), 2)).toBeCloseTo(1, 5);
    expect(index.maxCosine(Float32Array.from(q, (x) => x / Math.hypot(...q)), 0)).toBeLessThan(1);
    expect(index.maxCosine(Float32Array.from(q, (x) => x / Math.hypot(...q)), 3)).toBe(-1);
  });

  it('computes the same table in one batch as class by class (queries in several chunks)', () => {
    const queries = Array.from({ length: 7 }, () => vec(dim));
    const table = index.maxCosineTable(queries, 3);
    expect(table).toHaveLength(7);
    queries.forEach((q, i) => {
      const u = Float32Array.from(q, (x) => x / Math.hypot(...q));
      for (let c = 0; c < 4; c++) expect(table[i][c]).toBeCloseTo(index.maxCosine(u, c), 5);
    });
  });
});
