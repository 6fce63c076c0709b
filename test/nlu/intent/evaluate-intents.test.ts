import { describe, expect, it } from 'vitest';
import { HashingEncoder } from '../../../src/nlu/hashing-encoder.ts';
import { evaluateIntents, scoreResults } from '../../../src/nlu/intent/evaluate-intents.ts';
import type { IntentClassifier, IntentResult } from '../../../src/nlu/intent/intent-classifier.ts';

const result = (top: string, other: string, outOfScope = false): IntentResult => ({
  ranking: [
    { intent: top, score: 0.7 },
    { intent: other, score: 0.3 },
  ],
  outOfScope,
  inScopeScore: outOfScope ? 0.1 : 0.9,
});

describe('scoreResults (hand-computed case)', () => {
  // expected: a a b b oos oos ; predicted: a b(flag→oos) b a oos a
  const expected = ['a', 'a', 'b', 'b', 'oos', 'oos'];
  const results = [result('a', 'b'), result('b', 'a', true), result('b', 'a'), result('a', 'b'), result('a', 'b', true), result('a', 'b')];
  const m = scoreResults(expected, results, ['a', 'b']);

  it('computes in-scope, forced and out-of-scope figures', () => {
    expect(m.n).toBe(6);
    expect(m.accuracy).toBeCloseTo(2 / 4); // #0 and #2 right and kept
    expect(m.forcedAccuracy).toBeCloseTo(2 / 4); // argmax: a, b, b, a -> #0 and #2
    expect(m.oosRecall).toBeCloseTo(1 / 2);
    expect(m.oosPrecision).toBeCloseTo(1 / 2); // flagged #1 (wrong) and #4 (right)
  });

  it('computes per-label precision/recall/F1 and macro-F1 over a, b and oos', () => {
    // a: predicted at #0, #3, #5 -> tp 1; support 2 => P 1/3, R 1/2, F1 0.4
    expect(m.perIntent.a).toEqual({ precision: 1 / 3, recall: 1 / 2, f1: expect.closeTo(0.4, 10), support: 2 });
    // b: predicted at #2 -> P 1, R 1/2, F1 2/3 ; oos: P 1/2, R 1/2, F1 1/2
    expect(m.perIntent.b.f1).toBeCloseTo(2 / 3);
    expect(m.perIntent.oos.f1).toBeCloseTo(1 / 2);
    expect(m.macroF1).toBeCloseTo((0.4 + 2 / 3 + 0.5) / 3);
  });

  it('lists the most frequent confusions, oos included', () => {
    expect(m.confusions).toHaveLength(3);
    expect(m.confusions).toContainEqual({ expected: 'a', predicted: 'oos', count: 1 });
    expect(m.confusions).toContainEqual({ expected: 'oos', predicted: 'a', count: 1 });
    const twice = scoreResults(['a', 'a', 'b'], [result('b', 'a'), result('b', 'a'), result('a', 'b')], ['a', 'b']);
    expect(twice.confusions[0]).toEqual({ expected: 'a', predicted: 'b', count: 2 });
    expect(twice.oosRecall).toBeNull();
  });
});

describe('evaluateIntents', () => {
  const fixed: IntentClassifier = {
    version: 'test',
    encoderId: 'hashing-64',
    intents: ['a', 'b'],
    classify: (_v, text) => (text.includes('alpha') ? result('a', 'b') : result('b', 'a')),
  };

  it('embeds, classifies and scores the test set', async () => {
    const m = await evaluateIntents({
      classifier: fixed,
      encoder: new HashingEncoder(64),
      test: [
        { text: 'alpha one', label: 'a' },
        { text: 'beta two', label: 'a' },
      ],
    });
    expect(m.accuracy).toBe(0.5);
  });

  it('lists test labels the model does not know', async () => {
    await expect(
      evaluateIntents({ classifier: fixed, encoder: new HashingEncoder(64), test: [{ text: 'x', label: 'zeta' }, { text: 'y', label: 'oos' }] }),
    ).rejects.toMatchObject({ code: 'EVAL_INPUT_INVALID', message: expect.stringContaining('zeta') });
  });
});
