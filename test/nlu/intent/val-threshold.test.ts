import { describe, expect, it } from 'vitest';
import { chooseValThreshold } from '../../../bench/intent/val-threshold.ts';

describe('chooseValThreshold', () => {
  // 10 in-scope examples, all correct, scores 0.1 .. 1.0; out-of-scope scores 0.05, 0.15, 0.25.
  const inScope = Array.from({ length: 10 }, (_, k) => ({ score: (k + 1) / 10, correct: true }));
  const oos = [0.05, 0.15, 0.25];

  it('takes the best accuracy + recall among thresholds that keep in-scope accuracy at the floor', () => {
    // Flagging below 0.2 keeps 9/10 in scope and catches 2/3; below 0.3 would keep only 8/10.
    expect(chooseValThreshold(inScope, oos, 0.9)).toBe(0.2);
  });

  it('falls back to the best accuracy + recall when no threshold reaches the floor', () => {
    const wrong = inScope.map((e) => ({ ...e, correct: false }));
    const t = chooseValThreshold(wrong, oos, 0.9);
    expect(oos.filter((s) => s < t)).toHaveLength(3);
  });
});
