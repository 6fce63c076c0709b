import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { complementsOf } from '../../src/catalog/complements.ts';
import { askedFacts, factSentence, quantityIn } from '../../src/catalog/product-facts.ts';
import { ProductIndex } from '../../src/catalog/product-index.ts';
import { loadShop } from '../../src/knowledge/load-shop.ts';
import type { Product } from '../../src/knowledge/types.ts';

let index: ProductIndex;
let products: Product[];
const ids = (text: string) => index.resolve(text).map((m) => m.product.id);
const search = (text: string) => index.search(index.parseQuery(text));
const ctx = { siblings: [] as Product[], money: (a: number, c: string) => `${a.toFixed(2)} ${c}`, deliveryTime: () => 'ships in 3 to 5 working days.' };

beforeAll(async () => {
  products = (await loadShop(join(resolve(import.meta.dirname, '..', '..'), 'knowledge'))).products;
  index = new ProductIndex(products);
});

describe('finding the product a customer names', () => {
  it('resolves full and partial names, typos and product numbers to the one product meant', () => {
    expect(ids('Is the Alder Oak dining table solid wood? Will it seat 6 people?')).toEqual(['P-1043']);
    expect(ids('what is the large walnut chopping board made of?')).toEqual(['P-1001']);
    expect(ids('walnut board large')).toEqual(['P-1001']);
    expect(ids('tell me about the Lune footstool')).toEqual(['P-1050']);
    expect(ids('the lune armchiar')).toEqual(['P-1048']);
    expect(ids('the 28 cm terra pan')).toEqual(['P-1025']);
    expect(ids('product 1048 please')).toEqual(['P-1048']);
    expect(ids('how much is the armchair')).toEqual(['P-1048']);
  });

  it('returns every product that fits a partial name equally, so the dialogue can ask which one', () => {
    expect(ids('the alder table').sort()).toEqual(['P-1043', 'P-1047']);
    expect(ids('walnut chopping board').sort()).toEqual(['P-1001', 'P-1002']);
    expect(ids('my Ironside casserole arrived with a chipped lid').sort()).toEqual(['P-1017', 'P-1018']);
  });

  it('does not read question words or look-alike words as product names', () => {
    expect(ids('how much does it weigh')).toEqual([]);
    expect(ids('whats the weather like in utrecht today')).toEqual([]);
    expect(ids('how big is the walnut board?').sort()).toEqual(['P-1001', 'P-1002']);
  });
});

describe('product search from a message', () => {
  it('filters by kind, colour and price, and offers the nearest when nothing matches', () => {
    const sofa = search('do you have a grey sofa under 800');
    expect(sofa.exact).toEqual([]);
    expect(sofa.nearest.map((p) => p.id)).toContain('P-1049');
    expect(sofa.unmet).toEqual(expect.arrayContaining(['grey', 'under 800']));
    expect(search('any table lamps under 70 euros?').exact.map((p) => p.id).sort()).toEqual(['P-1085', 'P-1091', 'P-1095']);
    expect(search('cheap rugs').exact.map((p) => p.id)).toEqual(['P-1109']);
  });

  it('reads materials, categories, sizes and properties as wishes', () => {
    const oak = search('oak furniture').exact;
    expect(oak.length).toBeGreaterThan(3);
    expect(oak.every((p) => p.category === 'furniture' && /oak/i.test(`${p.title} ${p.attributes.material}`))).toBe(true);
    // Only the kids' duvet sets (cover included) come in 140 x 200; the 200 x 200 covers must not be offered.
    expect(search('a duvet cover for a single bed, 140x200').exact.map((p) => p.id).sort()).toEqual(['P-1151', 'P-1152']);
    const oven = search('which pans can go in the oven').exact;
    expect(oven.length).toBeGreaterThan(0);
    expect(oven.every((p) => /oven safe/i.test(`${p.attributes.hob} ${p.tags.join()}`))).toBe(true);
  });

  it('reads "about 2.3m" as a size, not a price', () => {
    const q = index.parseQuery('how wide is the lune sofa exactly? the wall is about 2.3m');
    expect(q.priceMin).toBeUndefined();
    expect(q.priceMax).toBeUndefined();
  });
});

describe('product facts', () => {
  const product = (id: string) => index.get(id)!;

  it('finds what a question asks about', () => {
    expect(askedFacts('is it dishwasher safe?')).toEqual(['dishwasher']);
    expect(askedFacts('and how much is it?')).toEqual(['price']);
    expect(askedFacts('Is the Alder Oak dining table solid wood? Will it seat 6 people?')).toEqual(['material', 'seats']);
    expect(askedFacts('does the morning toaster do bagels')).toEqual(['detail']);
  });

  it('answers in one sentence from the catalog, yes or no where asked', () => {
    const table = product('P-1043');
    expect(factSentence(table, 'material', 'is it solid wood?', ctx)).toMatch(/^Yes: .*solid FSC-certified oak/);
    expect(factSentence(table, 'seats', 'will it seat 6 people?', ctx)).toBe('Yes, Alder Oak Dining Table 180 x 90 cm seats 6 people.');
    expect(factSentence(table, 'seats', 'does it seat 8?', ctx)).toMatch(/^No, .* seats 6 people, not 8/);
    expect(factSentence(product('P-1001'), 'dishwasher', 'dishwasher safe?', ctx)).toMatch(/^No, .*not dishwasher safe: hand wash only/);
    expect(factSentence(product('P-1046'), 'dimensions', 'will it fit an alcove of 150 cm?', ctx)).toMatch(/^No, .*160 cm wide/);
    // Through a door it can be turned: its smallest side must pass (the sofa is 76 cm deep at its smallest).
    expect(factSentence(product('P-1049'), 'dimensions', 'does it fit through a 75cm door', ctx)).toMatch(/^No, .*76 cm .*1 cm more than the 75 cm opening/);
    expect(factSentence(product('P-1048'), 'dimensions', 'will it fit through an 80 cm doorway', ctx)).toMatch(/^Yes, it should go through/);
    // A word of its tags answers yes ("scented candle"); a word the catalog never uses is said to be unknown.
    expect(factSentence(product('P-1103'), 'detail', 'is the fig and cedar candle scented', ctx)).toBe('Yes, Soy Wax Candle, Fig & Cedar, 200 g is scented.');
    expect(factSentence(product('P-1103'), 'detail', 'is the fig candle vegan', ctx)).toMatch(/doesn't say anything about "vegan"/);
    expect(factSentence(product('P-1033'), 'price', 'how much would 4 be', ctx)).toBe('Harbour Stoneware Mug 350 ml costs 9.90 EUR each, so 4 would be 39.60 EUR.');
    // "do you do it in green?": yes or no for that colour, then the colours there are.
    expect(askedFacts('do you do it in green')).toEqual(['colour']);
    // "how much can it carry?" is the load it takes, not its price; "any idea when it's back?" a restock question.
    expect(askedFacts('how much can it carry?')).toEqual(['detail']);
    expect(factSentence(product('P-1117'), 'detail', 'how much can it carry? I own way too many coats', ctx)).toMatch(/max load: 30 kg/);
    expect(askedFacts("any idea when it's back?")).toEqual(['restock']);
    // "plates for a toddler that don't break when she throws them": the kids' set, and no wool throw.
    expect(search('need plates for toddler that dont break when she throws them').exact.map((p) => p.id)).toEqual(['P-1160']);
    expect(askedFacts('is that one available in grey?')).toEqual(['colour']);
    expect(factSentence(product('P-1048'), 'colour', 'do you do it in green', ctx)).toBe('No, not in green: Lune Armchair comes only in oat.');
    const kettles = ['P-1137', 'P-1138', 'P-1139'].map(product).filter(Boolean);
    expect(factSentence(kettles[0], 'colour', 'is it available in sage?', { ...ctx, siblings: kettles.slice(1) })).toMatch(/^Yes: the sage one is Morning Electric Kettle 1\.7 L, Sage \(P-1139\)/);
    expect(quantityIn('what would six of them cost me')).toBe(6);
  });

  it('says the catalog does not know rather than guessing', () => {
    expect(factSentence(product('P-1025'), 'oven', 'is it oven safe?', ctx)).toMatch(/doesn't say whether .* oven safe/);
    expect(factSentence(product('P-1142'), 'detail', 'how many bar does it have', ctx)).toMatch(/pressure: 15 bar/);
    expect(factSentence(product('P-1142'), 'detail', 'does it come with a unicorn', ctx)).toMatch(/doesn't say anything about "unicorn"/);
  });
});

describe('reading a wish in a messy message', () => {
  const q = (text: string) => index.parseQuery(text);

  it('reads a list of kinds as alternatives, not one kind with modifiers', () => {
    expect(q('coffee stuff: machines, grinders, that kind of thing?')).toMatchObject({ head: 'machine', otherHeads: ['grinder'] });
    expect(search('coffee stuff: machines, grinders, that kind of thing?').exact.map((p) => p.id)).toEqual(expect.arrayContaining(['P-1141', 'P-1142']));
  });

  it('keeps what a product is for out of the kind wanted ("for under the dining table")', () => {
    expect(q('I need a big rug, like 200x300, for under the dining table')).toMatchObject({ head: 'rug', otherHeads: [], specs: ['200', '300'] });
    expect(search('I need a big rug, like 200x300, for under the dining table').nearest.map((p) => p.id)).toEqual(['P-1109']);
  });

  it('takes the wish from the sentence that asks, not the one that sets the scene', () => {
    expect(q('my back is killing me from working at the kitchen table. what would you recommend for a proper home office corner?').head).toBeUndefined();
    expect(q('do you have anything in a rust colour? want to jazz up a boring beige couch').colours).toEqual(['rust']);
  });

  it('does not take a drink for a colour or a product ("6 cups of green tea")', () => {
    expect(q('my sister drinks like 6 cups of green tea a day, what could i get her')).toMatchObject({ colours: [] });
    expect(q('my sister drinks like 6 cups of green tea a day, what could i get her').head).toBeUndefined();
  });

  it('reaches products tagged with a category, narrowed by the other words', () => {
    expect(search('solar powered lights for the garden?').exact.map((p) => p.id)).toEqual(['P-1132']);
  });

  it('never fuzzy-matches an everyday word to a product ("cooler" is not the rice cooker)', () => {
    expect(ids('and can i make the light warmer or cooler')).toEqual([]);
    expect(ids('the rice coker')).toEqual(['P-1147']);
  });
});

describe('what completes a product', () => {
  const titles = (id: string) => complementsOf(index.get(id)!, products).map((p) => p.id);

  it('names what its description says is sold separately, the same range, and products made for it', () => {
    expect(titles('P-1099')).toContain('P-1102'); // velvet cover -> feather cushion inner
    expect(titles('P-1004')).toEqual(expect.arrayContaining(['P-1005', 'P-1007'])); // chef's knife -> paring knife, knife strip
    expect(titles('P-1142')).toEqual(expect.arrayContaining(['P-1141', 'P-1042'])); // espresso machine -> grinder, cups
  });

  it('never offers things from another part of the home or the same product in another colour', () => {
    expect(titles('P-1004')).not.toContain('P-1154'); // no kids' play food for a chef's knife
    expect(titles('P-1099')).not.toContain('P-1100'); // not the moss cover for the rust one
  });
});

describe('product facts asked in everyday words', () => {
  const product = (id: string) => index.get(id)!;

  it('reads which fact is asked, not a word that looks like another', () => {
    expect(askedFacts('and how long is the warranty on it')).toEqual(['warranty']);
    expect(askedFacts('can you guarantee the lune sofa arrives before christmas')).toEqual(['delivery']);
    expect(askedFacts('the small one holds how much')).toEqual(['capacity']);
    expect(askedFacts('can it go in the microwave?')).toEqual(['microwave']);
    expect(askedFacts('do I need to buy the filling separately?')).toEqual(['contents']);
    expect(askedFacts('and can i make the light warmer or cooler')).toEqual(['detail']);
  });

  it('answers what is included from the title or the description, and microwave use from the care note', () => {
    expect(factSentence(product('P-1020'), 'contents', 'does it come with a lid?', ctx)).toBe('Yes, Everyday Steel Saucepan 20 cm with Lid comes with a lid.');
    expect(factSentence(product('P-1099'), 'contents', 'does the filling come with it', ctx)).toMatch(/Cushion inner sold separately\.$/);
    expect(factSentence(product('P-1160'), 'microwave', 'can it go in the microwave', ctx)).toMatch(/^No, .* should not go in the microwave/);
  });
});
