import { describe, expect, it } from 'vitest';
import { needOf } from '../../src/dialogue/handlers/recommend-handler.ts';

describe('needOf', () => {
  it('keeps what the product is for and drops who it is for, the asking and the budget', () => {
    expect(needOf('my boyfriend got super into baking sourdough, what could i get him??')).toBe('baking sourdough');
    expect(needOf("he's into coffee under 50 pls")).not.toMatch(/50/);
    expect(needOf('something for tea lovers, budget around 40 euro')).not.toMatch(/40|euro/);
    expect(needOf('a vase between 20 and 35 eur for flowers')).not.toMatch(/20|35/);
  });
});
