import { describe, expect, it } from 'vitest';
import { type ComponentScores, fuseScores } from '../../src/knowledge/score-fusion.ts';
import { evaluateFusion, type LabelledScores, rankOf, tuneSemanticWeight } from '../../src/knowledge/tune-fusion.ts';

const cands = (entries: Record<string, [number, number]>) =>
  new Map<string, ComponentScores>(Object.entries(entries).map(([id, [semantic, lexical]]) => [id, { semantic, lexical }]));

describe('fuseScores', () => {
  it('weights absolute scores', () => {
    const fused = fuseScores(cands({ a: [0.8, 0], b: [0.4, 0.9] }), { method: 'weighted', semanticWeight: 0.25, rrfK: 60 });
    expect(fused.get('a')).toBeCloseTo(0.2);
    expect(fused.get('b')).toBeCloseTo(0.1 + 0.675);
  });

  it('adds reciprocal ranks; documents without lexical signal get no lexical rank', () => {
    const fused = fuseScores(cands({ a: [0.9, 0], b: [0.5, 0.3], c: [0.1, 0.6] }), { method: 'rrf', semanticWeight: 0.5, rrfK: 10 });
    expect(fused.get('a')).toBeCloseTo(1 / 11);
    expect(fused.get('b')).toBeCloseTo(1 / 12 + 1 / 12);
    expect(fused.get('c')).toBeCloseTo(1 / 13 + 1 / 11);
  });
});

describe('tuneSemanticWeight', () => {
  // The first two queries only the semantic side gets right, the last three only the lexical side: only a blend of
  // both (semantic weight roughly between 0.15 and 0.85) gets all five.
  const runs: LabelledScores[] = [
    { gold: 'x', candidates: cands({ x: [0.9, 0.0], y: [0.2, 0.1] }) },
    { gold: 'x', candidates: cands({ x: [0.9, 0.1], y: [0.3, 0.2] }) },
    { gold: 'y', candidates: cands({ x: [0.5, 0.0], y: [0.4, 0.9] }) },
    { gold: 'y', candidates: cands({ x: [0.5, 0.0], y: [0.45, 0.8] }) },
    { gold: 'y', candidates: cands({ x: [0.6, 0.1], y: [0.5, 0.7] }) },
  ];

  it('finds a weight that beats both single signals on its dev runs', () => {
    const semanticOnly = evaluateFusion(runs, { method: 'weighted', semanticWeight: 1, rrfK: 60 });
    const lexicalOnly = evaluateFusion(runs, { method: 'weighted', semanticWeight: 0, rrfK: 60 });
    const tuned = tuneSemanticWeight(runs);
    expect(semanticOnly.top1).toBeCloseTo(0.4);
    expect(lexicalOnly.top1).toBeCloseTo(0.6);
    expect(tuned.dev.top1).toBe(1);
    expect(tuned.semanticWeight).toBeGreaterThan(0); // ties on top-1 and MRR prefer the weight nearest 0.5
    expect(tuned.semanticWeight).toBeLessThan(1);
  });

  it('ranks ties by semantic score, then id, like search()', () => {
    const c = cands({ a: [0.3, 0.5], b: [0.6, 0.5], c: [0.6, 0.5] });
    expect(rankOf('b', c, (id) => c.get(id)!.lexical)).toBe(1);
    expect(rankOf('c', c, (id) => c.get(id)!.lexical)).toBe(2);
    expect(rankOf('a', c, (id) => c.get(id)!.lexical)).toBe(3);
    expect(rankOf('zz', c, () => 0)).toBe(Infinity);
  });
});
