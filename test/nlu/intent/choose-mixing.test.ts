import { describe, expect, it } from 'vitest';
import { chooseMixing, DEFAULT_MIXING, type Mixing } from '../../../src/nlu/intent/train-intent-classifier.ts';

const N = 200;
/** The default gets the first 150 held-out examples right; `better` gets `gain` more and loses `loss` of them. */
function outcomes(better: Mixing, gain: number, loss: number) {
  return (w: Mixing) =>
    Array.from({ length: N }, (_, i) => {
      const byDefault = i < 150;
      if (w.jointWeight !== better.jointWeight || w.knnWeight !== better.knnWeight) return byDefault;
      if (i >= 150 && i < 150 + gain) return true;
      if (i < loss) return false;
      return byDefault;
    });
}

describe('chooseMixing', () => {
  it('keeps the default mix when no candidate differs from it', () => {
    expect(chooseMixing(() => Array.from({ length: N }, (_, i) => i % 3 !== 0))).toEqual(DEFAULT_MIXING);
  });

  it('does not follow a held-out difference that noise explains', () => {
    // 3 won, 0 lost: p = 1/8, far from the 1 % needed.
    expect(chooseMixing(outcomes({ jointWeight: 0.5, knnWeight: 0 }, 3, 0))).toEqual(DEFAULT_MIXING);
    // 14 won, 6 lost: a 4 % lead on this held-out set, still p > 1 %.
    expect(chooseMixing(outcomes({ jointWeight: 0.5, knnWeight: 0 }, 14, 6))).toEqual(DEFAULT_MIXING);
  });

  it('switches to a mix that is clearly better on held-out data', () => {
    const head = { jointWeight: 0.3, knnWeight: 5 };
    expect(chooseMixing(outcomes(head, 20, 2))).toEqual(head);
  });

  it('prefers the strongest evidence among several better mixes', () => {
    const a = { jointWeight: 0.5, knnWeight: 0 };
    const b = { jointWeight: 0.2, knnWeight: 20 };
    const choose = (w: Mixing) => (w.jointWeight === b.jointWeight && w.knnWeight === b.knnWeight ? outcomes(b, 30, 0)(w) : outcomes(a, 15, 0)(w));
    expect(chooseMixing(choose)).toEqual(b);
  });
});
