import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/knowledge/bm25-index.ts';
import { TextAnalyzer } from '../../src/knowledge/text-analyzer.ts';

const DOCS: Record<string, string> = {
  a: 'free shipping on orders above fifty euros',
  b: 'returns are accepted within thirty days',
  c: 'shipping to islands takes an extra day of shipping',
  d: 'refunds are paid to the original card',
};

describe('TextAnalyzer', () => {
  it('lower-cases, drops stopwords and possessives, stems with Porter, keeps negations', () => {
    const a = new TextAnalyzer();
    expect(a.analyze("What's the Shop’s REFUNDS policy? I haven't been refunded, not yet!")).toEqual([
      'shop', 'refund', 'polici', "haven't", 'refund', 'not', 'yet',
    ]);
    expect(a.analyze('the of and')).toEqual([]);
  });
});

describe('Bm25Index', () => {
  const analyzer = new TextAnalyzer();
  const build = (ids: string[]) => {
    const index = new Bm25Index();
    for (const id of ids) index.set(id, analyzer.analyze(DOCS[id]));
    return index;
  };

  it('ranks documents by term weight and saturates repeated terms', () => {
    const index = build(['a', 'b', 'c', 'd']);
    const scores = index.scores(analyzer.analyze('shipping'));
    expect([...scores.keys()].sort()).toEqual(['a', 'c']);
    expect(scores.get('c')!).toBeGreaterThan(scores.get('a')!);
    const bound = index.upperBound(analyzer.analyze('shipping'));
    for (const s of scores.values()) expect(s).toBeLessThan(bound);
  });

  it('updates statistics incrementally: edits equal a rebuild from scratch', () => {
    const incremental = build(['a', 'b', 'c']);
    incremental.set('d', analyzer.analyze(DOCS.d));
    incremental.set('b', analyzer.analyze('returns of shipping boxes are free'));
    incremental.delete('a');
    const rebuilt = new Bm25Index();
    rebuilt.set('c', analyzer.analyze(DOCS.c));
    rebuilt.set('d', analyzer.analyze(DOCS.d));
    rebuilt.set('b', analyzer.analyze('returns of shipping boxes are free'));
    const q = analyzer.analyze('free shipping returns');
    expect(incremental.size).toBe(3);
    expect(incremental.documentFrequency('ship')).toBe(2);
    expect(incremental.documentFrequency('fifti')).toBe(0);
    const a = incremental.scores(q);
    const b = rebuilt.scores(q);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [id, s] of a) expect(s).toBeCloseTo(b.get(id)!, 10);
  });

  it('returns nothing from an empty index or for unknown terms', () => {
    expect(new Bm25Index().scores(['ship']).size).toBe(0);
    expect(build(['a']).scores(['zzz']).size).toBe(0);
  });
});
