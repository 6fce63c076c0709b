import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detailAnswer } from '../../src/catalog/product-details.ts';
import { askedFacts, factSentence } from '../../src/catalog/product-facts.ts';
import { ProductIndex } from '../../src/catalog/product-index.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';
import type { Product } from '../../src/knowledge/types.ts';

let index: ProductIndex;
const search = (text: string) => index.search(index.parseQuery(text));
const ctx = { siblings: [] as Product[], money: (a: number, c: string) => `${a.toFixed(2)} ${c}`, deliveryTime: () => 'ships in 3 to 5 working days.' };

beforeAll(async () => {
  index = new ProductIndex((await loadShop(join(resolve(import.meta.dirname, '..', '..'), 'knowledge'))).products);
});

describe('searching the catalog by kind, room and colour', () => {
  it('reads the kind after a verb of seeking, and the room after it as the purpose', () => {
    for (const text of ['hiya, looking for a rug for my living room, something blue?', 'im lookin for a carpet for the living room, anything in grey', 'on the hunt for a rug for the lounge, green maybe']) {
      const q = index.parseQuery(text);
      expect(q.head, text).toBe('rug');
      // The one rug is not blue, green or grey: none exact, the rug itself the closest, never the kids' bedding.
      const found = search(text);
      expect(found.exact, text).toEqual([]);
      expect(found.nearest.map((p) => p.id), text).toEqual(['P-1109']);
    }
    expect(index.parseQuery('searching for a throw for the sofa').head).toBe('throw');
  });

  it('still reads "something for the table" as a purpose', () => {
    const q = index.parseQuery('something nice for the dining table');
    expect(q.head).toBeUndefined();
    expect(q.topics).toContain('table');
  });

  it('matches a room as the catalog\'s phrase: the living room is not the kids\' room', () => {
    const q = index.parseQuery('something blue for my living room');
    expect(q.topics).toEqual(['living room']);
    const found = search('something blue for my living room');
    expect(found.exact).toEqual([]);
    expect(found.nearest.length).toBeGreaterThan(0);
    for (const p of found.nearest) expect(p.tags).toContain('living room');
    expect(search('something for the kids room').exact.every((p) => p.tags.includes('kids room'))).toBe(true);
  });
});

describe('how many a customer can buy', () => {
  const get = (id: string) => index.get(id)!;

  it('is a quantity question, not a question about the box or the seats', () => {
    for (const text of ['how many can i get', 'hw many can i buy', 'how many do you have', 'how many are left?', 'can i order 10', 'do you have 6 in stock', 'is there a limit on how many i can buy']) {
      expect(askedFacts(text), text).toContain('quantity');
      expect(askedFacts(text), text).not.toContain('stock');
    }
    for (const text of ['how many pieces are in the box', 'how many people does it seat', 'can i order it in green', 'do you have 6 cm ones']) expect(askedFacts(text), text).not.toContain('quantity');
  });

  it('answers from the stock: up to what is there, a number asked for checked against it', () => {
    const armchair = get('P-1048');
    expect(factSentence(armchair, 'quantity', 'how many can i get', ctx)).toBe(`We have ${armchair.stock} of the ${armchair.title} in stock right now, so you can order up to ${armchair.stock}.`);
    expect(factSentence(armchair, 'quantity', `can i order ${armchair.stock + 2}`, ctx)).toMatch(new RegExp(`up to ${armchair.stock}, not ${armchair.stock + 2}`));
    expect(factSentence(armchair, 'quantity', 'can i get 2', ctx)).toMatch(/^Yes, .* 2 is no problem/);
    expect(factSentence(armchair, 'quantity', 'do you have 6 in stock', ctx)).toMatch(/^Yes, .* 6 is no problem/);
    const out = index.list().find((p) => p.stock <= 0)!;
    expect(factSentence(out, 'quantity', 'how many can i get', ctx)).toMatch(/out of stock/);
  });
});

describe('a detail asked with a word that also picks a product', () => {
  it('reads "how long do they last" as a battery question, "the last one" as a pick', () => {
    expect(detailAnswer(index.get('P-1132')!, 'how long do they last at night')).toMatch(/battery: up to 8 hours/);
    expect(detailAnswer(index.get('P-1132')!, 'and the last one?')).toBeUndefined();
  });
});
