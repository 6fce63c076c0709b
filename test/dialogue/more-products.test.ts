import { describe, expect, it } from 'vitest';
import { MORE_PRODUCTS } from '../../src/dialogue/handlers/more-products.ts';

describe('MORE_PRODUCTS', () => {
  it('hears a request for more of the products just shown', () => {
    for (const t of ['something else?', 'anything else?', 'any other options?', 'show me more', 'more please', 'hmm any others?', 'nah, something different', 'got anything else', 'what else do you have?', 'ok more ideas pls', 'alternatives?']) {
      expect(MORE_PRODUCTS.test(t), t).toBe(true);
    }
  });

  it('leaves alone what asks for something in particular, accessories, or ends the chat', () => {
    for (const t of ['what else do I need for it', 'something else in green?', 'anything else I should buy with the sofa', 'no thanks, that is all', 'more expensive ones?', 'nothing else, bye', 'is there anything else I can return?']) {
      expect(MORE_PRODUCTS.test(t), t).toBe(false);
    }
  });
});
