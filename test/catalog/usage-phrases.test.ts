import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { askedFacts, factSentence } from '../../src/catalog/product-facts.ts';
import { ProductIndex } from '../../src/catalog/product-index.ts';
import { unsoldAppliances, withoutUsagePhrases } from '../../src/catalog/usage-phrases.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';
import type { Product } from '../../src/knowledge/types.ts';

let index: ProductIndex;
const ids = (text: string) => index.resolve(text).map((m) => m.product.id);
const ctx = { siblings: [] as Product[], money: (a: number, c: string) => `${a.toFixed(2)} ${c}`, deliveryTime: () => '' };
const care = (id: string, question: string) => factSentence(index.get(id)!, 'care', question, ctx);

beforeAll(async () => {
  index = new ProductIndex((await loadShop(join(resolve(import.meta.dirname, '..', '..'), 'knowledge'))).products);
});

describe('the customer\'s own appliance in a care or usage question', () => {
  it('is blanked in place, keeping the verb, the product and every offset', () => {
    const text = 'ok and can it go in the washing machine';
    const blanked = withoutUsagePhrases(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked.trim()).toBe('ok and can it go');
    expect(withoutUsagePhrases('can i put the wool throw in the wasing machine?').replace(/\s+/g, ' ')).toBe('can i put the wool throw ?');
    expect(withoutUsagePhrases('is it machine washable').trim()).toBe('is it');
    expect(withoutUsagePhrases('will it survive the tumble dryer').trim()).toBe('will it survive');
    expect(withoutUsagePhrases('is the mug microwave-safe').trim()).toBe('is the mug');
  });

  it('names no product: "machine" in a washing question is not our espresso machine', () => {
    for (const text of ['ok and can it go in the washing machine', 'is it machine washable', 'can i wash it in the machine', 'can i put it in the wasing machine']) {
      expect(ids(text), text).toEqual([]);
      expect(index.mentions(text).filter((e) => e.type === 'product'), text).toEqual([]);
      expect(index.parseQuery(text).head, text).toBeUndefined();
    }
  });

  it('does not take the box a product comes in for our storage boxes', () => {
    expect(ids('how many pieces are in the box')).toEqual([]);
    expect(ids('but its still in the original box')).toEqual([]);
    expect(index.parseQuery('do you have storage boxes').head).toBe('box');
  });

  it('does not take the verb of "throw it in the machine" for a throw blanket', () => {
    expect(index.parseQuery('can i throw it in the machine at 60').head).toBeUndefined();
    expect(ids('can i throw the wool throw in the washing machine')).toEqual(['P-1068']);
  });

  it('keeps the product named beside it, and the appliance the customer asks us about', () => {
    expect(ids('can i put the wool throw in the washing machine')).toEqual(['P-1068']);
    expect(ids('do you have an espresso machine')).toEqual(['P-1142']);
    // A wish stated with the appliance still searches by it: pans that go in the oven.
    expect(index.parseQuery('pans that can go in the oven').needs).toEqual(['oven']);
  });

  it('still asks how to care for the product', () => {
    expect(askedFacts('ok and can it go in the washing machine')).toContain('care');
    expect(askedFacts('will it survive the tumble dryer')).toContain('care');
  });

  it('answers yes or no from the care note, never promising what the note does not say', () => {
    expect(care('P-1109', 'can it go in the washing machine')).toMatch(/^No, .*Rug.* should not go in the washing machine: vacuum without brush; spot clean\.$/);
    expect(care('P-1068', 'is it machine washable')).toMatch(/^No, .*: dry clean or hand wash cold\.$/);
    expect(care('P-1070', 'can i wash it in the machine')).toMatch(/^Yes, .*: machine wash 40 °C\.$/);
    expect(care('P-1070', 'will it survive the tumble dryer')).toMatch(/doesn't mention tumble drying, so I can't promise it/);
    expect(care('P-1068', 'and the dryer?')).toMatch(/^No, .* should not go in a dryer/);
    expect(care('P-1057', 'can i throw it in the machine at 60')).toMatch(/but at 40 °C at most, not 60 °C/);
    // Without a machine in the question: the care note as it is.
    expect(care('P-1109', 'how do i clean it')).toMatch(/^To look after .*: vacuum without brush; spot clean\.$/);
  });
});

describe('an appliance the shop does not sell, asked for', () => {
  it('is the kind wanted, so the search finds none rather than the espresso machine', () => {
    for (const text of ['do you sell washing machines', 'looking for a washing machine', 'do u have tumble dryers']) {
      expect(ids(text), text).toEqual([]);
      const q = index.parseQuery(text);
      expect(['washing machine', 'tumble dryer'], text).toContain(q.head);
      expect(index.search(q).exact, text).toEqual([]);
      expect(index.search(q).nearest, text).toEqual([]);
    }
  });

  it('is not one when it is where a product goes, or a kind the shop sells', () => {
    expect(unsoldAppliances('stackable bins for the fridge', index.vocabulary)).toEqual([]);
    expect(index.parseQuery('stackable bins for the fridge').head).toBe('bin');
    expect(unsoldAppliances('do you have an espresso machine', index.vocabulary)).toEqual([]);
    // "and the dishwasher?" asks whether the product in focus may go in it.
    expect(unsoldAppliances('and the dishwasher?', index.vocabulary)).toEqual([]);
    expect(unsoldAppliances('do you sell washing machines', index.vocabulary)).toEqual([{ name: 'washing machine', start: 12, end: 28 }]);
  });
});
