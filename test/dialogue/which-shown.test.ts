import { describe, expect, it } from 'vitest';
import { WHICH_FOR } from '../../src/dialogue/handlers/which-shown.ts';

describe('WHICH_FOR', () => {
  it('reads the need in "which one for ..." questions about the products on show', () => {
    expect(WHICH_FOR.exec('which one for side sleepers')?.[1]).toBe('side sleepers');
    expect(WHICH_FOR.exec('ok which of them is best for a small balcony?')?.[1]).toBe('a small balcony');
    expect(WHICH_FOR.exec('what would you recommend for reading in bed')?.[1]).toBe('reading in bed');
  });

  it('leaves alone a question that names a kind of its own or asks no need', () => {
    for (const t of ['which sofa for a small flat', 'which one is cheaper', 'what is it for', 'which colour is best']) expect(WHICH_FOR.test(t), t).toBe(false);
  });
});
