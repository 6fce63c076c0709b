import { describe, expect, it } from 'vitest';
import { signTestP } from '../../src/core/sign-test.ts';

describe('signTestP', () => {
  it('is the upper binomial tail at one half', () => {
    expect(signTestP(2, 0)).toBeCloseTo(0.25, 10);
    expect(signTestP(5, 0)).toBeCloseTo(1 / 32, 10);
    expect(signTestP(3, 1)).toBeCloseTo(5 / 16, 10);
    expect(signTestP(0, 4)).toBe(1);
    expect(signTestP(0, 0)).toBe(1);
  });

  it('stays finite and ordered for thousands of disagreements', () => {
    const even = signTestP(1500, 1500);
    expect(even).toBeGreaterThan(0.5);
    expect(even).toBeLessThan(0.52);
    const lopsided = signTestP(1600, 1400);
    expect(Number.isFinite(lopsided)).toBe(true);
    expect(lopsided).toBeLessThan(0.001);
    expect(lopsided).toBeGreaterThan(0);
  });
});
