import { normTokens, type NormToken } from './catalog-text.ts';
import type { ProductVocabulary } from './product-vocabulary.ts';
import { unsoldAppliances, withoutAppliances, withoutUsagePhrases } from './usage-phrases.ts';

/** What a customer asks for when looking for products: "grey sofa under 800", "cheap rugs", "oak furniture". */
export interface ProductQuery {
  /** The kind of product: the last word of the first noun phrase ("table lamps" -> lamp) and words before it. */
  head?: string;
  modifiers: string[];
  /** Further kinds in the same wish ("machines, grinders"): a product of any of them fits. */
  otherHeads: string[];
  /** Sizes written as numbers ("140x200", "24 cm"): the title must carry them. */
  specs: string[];
  /** Properties the product must have ("pans that can go in the oven"). */
  needs: Array<'dishwasher' | 'oven' | 'induction' | 'outdoor'>;
  /** Other catalog words (rooms, uses: "hallway", "coffee", "solar"): matched against titles and tags. */
  topics: string[];
  category?: string;
  colours: string[];
  materials: string[];
  sizes: string[];
  priceMin?: number;
  priceMax?: number;
  sort?: 'cheap' | 'expensive';
  inStockOnly: boolean;
}

const NUM = String.raw`(\d+(?:[.,]\d{1,2})?)\s*(?:k\b)?`;
const CUR = String.raw`(?:\s*(?:€|eur|euros?|bucks|quid|\$|dollars?))?`;
const PRICE_RULES: Array<{ re: RegExp; apply: (q: ProductQuery, a: number, b?: number) => void }> = [
  { re: new RegExp(String.raw`between\s*(?:€|eur\s*)?${NUM}${CUR}\s*(?:and|-|to)\s*(?:€|eur\s*)?${NUM}`, 'i'), apply: (q, a, b) => ((q.priceMin = Math.min(a, b!)), (q.priceMax = Math.max(a, b!))) },
  { re: new RegExp(String.raw`(?:€|eur\s*)?${NUM}${CUR}\s*(?:-|to)\s*(?:€|eur\s*)?${NUM}${CUR}\s*(?:€|eur|euros?)`, 'i'), apply: (q, a, b) => ((q.priceMin = Math.min(a, b!)), (q.priceMax = Math.max(a, b!))) },
  { re: new RegExp(String.raw`(?:under|below|less than|cheaper than|max(?:imum)?|up to|no more than|not more than|within|<|budget(?: of| is)?|for less than)\s*(?:€|eur\s*|\$)?${NUM}(?!\s*(?:cm|mm|m|kg|g|l|ml|%|x)\b)`, 'i'), apply: (q, a) => (q.priceMax = a) },
  // "50 quid max", "40 euros tops": the limit after the amount.
  { re: new RegExp(String.raw`(?:€|\$)?${NUM}${CUR}\s*(?:max(?:imum)?|tops|at most|or less|or under|or below)\b`, 'i'), apply: (q, a) => (q.priceMax = a) },
  { re: new RegExp(String.raw`(?:over|above|more than|at least|min(?:imum)?|>)\s*(?:€|eur\s*|\$)?${NUM}${CUR}\s*(?:€|eur|euros?)`, 'i'), apply: (q, a) => (q.priceMin = a) },
  // "about 2.3m" is a size: "around" is a price only with a currency or after "budget".
  { re: new RegExp(String.raw`(?:(?:around|about|roughly|approx(?:imately)?|~)\s*(?:€|eur\s*|\$)${NUM}|(?:around|about|roughly|approx(?:imately)?|~)\s*${NUM}\s*(?:€|eur|euros?|bucks|quid|\$|dollars?)\b|budget (?:of |is )?(?:around|about|roughly)\s*(?:€|eur\s*)?${NUM})`, 'i'), apply: (q, a) => ((q.priceMin = a * 0.8), (q.priceMax = a * 1.2)) },
];

const CHEAP = /\b(cheap(?:er|est)?|affordable|budget|inexpensive|low[- ]cost|bargain|not too expensive|least expensive)\b/i;
const EXPENSIVE = /\b(expensive|priciest|pricey|dearest|premium|luxury|luxurious|high[- ]end|top of the range|fancy|best quality)\b/i;
const IN_STOCK = /\b(in stock|available (?:now|today)|ready to ship|can ship now)\b/i;

function parsePrice(text: string, q: ProductQuery): void {
  for (const rule of PRICE_RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    // Alternatives put the numbers in different groups: take the captured ones in order.
    const [a, b] = m.slice(1).filter((g): g is string => g !== undefined);
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s.replace(',', '.')) * (/\dk\b/i.test(m[0]) ? 1000 : 1));
    rule.apply(q, num(a)!, num(b));
    return;
  }
}

/** The first run of adjacent product-ish words; its last type word is the head ("table lamp" -> lamp). */
function nounPhrase(tokens: NormToken[], vocab: ProductVocabulary, text: string): { head?: string; modifiers: string[]; otherHeads: string[] } {
  let best: { head?: string; modifiers: string[]; otherHeads: string[] } = { modifiers: [], otherHeads: [] };
  let run: string[] = [];
  const flush = () => {
    const typeIdx = run.map((w) => vocab.types.has(w)).lastIndexOf(true);
    if (typeIdx >= 0 && !best.head) best = { head: run[typeIdx], modifiers: run.slice(0, typeIdx).filter((w) => vocab.words.has(w)), otherHeads: [] };
    else if (typeIdx >= 0 && run[typeIdx] !== best.head && !best.otherHeads.includes(run[typeIdx])) best.otherHeads.push(run[typeIdx]);
    run = [];
  };
  for (const [i, t] of tokens.entries()) {
    // "machines, grinders" or "lamps or lanterns": a list of kinds, not one kind with modifiers.
    const between = i > 0 ? text.slice(tokens[i - 1].end, t.start) : '';
    if (/[,;/]|\b(or|and)\b/i.test(between)) flush();
    if (vocab.words.has(t.word) || vocab.types.has(t.word)) run.push(t.word);
    else flush();
  }
  flush();
  return best;
}

/**
 * Reads what kind of product, colour, material, size, price range and order a customer asks for. In a message of
 * several sentences the first that says what is wanted counts ("anything in rust? want to jazz up a beige couch"
 * wants rust things, not couches); a budget or order in any sentence applies to it.
 */
export function parseProductQuery(raw: string, vocab: ProductVocabulary): ProductQuery {
  const sentences = raw.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');
  if (sentences.length < 2) return parseSentence(raw, vocab);
  const parsed = sentences.map((s) => parseSentence(s, vocab));
  // The sentence that asks ("... what would you recommend for a home office?") over one that only sets the scene.
  const base = parsed.find((q, i) => Boolean(q.head || q.category || q.topics.length) && REQUEST.test(sentences[i])) ?? parsed.find(isSearchable) ?? parseSentence(raw, vocab);
  for (const q of parsed) {
    base.priceMin ??= q.priceMin;
    base.priceMax ??= q.priceMax;
    base.sort ??= q.sort;
    base.inStockOnly ||= q.inStockOnly;
  }
  return base;
}

/** Verbs of seeking: the "for" after them names the wish, not its purpose. */
const SEEKING = String.raw`(?:look(?:ing|in|s)?|search(?:ing|in)?|hunt(?:ing|in)?|shop(?:ping|pin)?|market|ask(?:ing)?|after)`;
const PURPOSE = new RegExp(String.raw`(?<!\b${SEEKING}\s+)\bfor (?:(?:under|over|on|in|next to|beside|above|by|around|at) )?(?:the|my|a|an|our|your|his|her) ((?:[\p{L}-]+ ){0,1}[\p{L}-]+)`, 'giu');

/**
 * Rooms and uses the catalog tags as one phrase ("living room", "kids room"): a customer's "living room" is that
 * phrase, not "living" or "room" alone (which would also find the kids' room bedding).
 */
function topicPhrases(tokens: NormToken[], vocab: ProductVocabulary): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const phrase = `${tokens[i].word} ${tokens[i + 1].word}`;
    if (vocab.phrases.has(phrase) && !out.includes(phrase)) out.push(phrase);
  }
  return out;
}

const REQUEST = /\b(recommend|suggest|looking for|do (you|u) (have|sell)|what (should|could|would|can) (i|we) (get|buy)|show me|ideas?)\b/i;

function parseSentence(raw: string, vocab: ProductVocabulary): ProductQuery {
  // "how big", "6 cups of green tea a day": words that name no product wish; nor does the customer's own appliance
  // in "can it go in the washing machine" (the need it states is read from the whole sentence).
  const used = withoutUsagePhrases(raw);
  // "do you sell washing machines": an appliance we have no product of is the kind wanted (so none is found), not
  // the espresso machine for its last word.
  const appliances = unsoldAppliances(used, vocab);
  const text = withoutAppliances(raw, vocab).replace(/\bhow (big|large|small)\b/gi, ' ').replace(/\b(black friday|cyber monday|white elephant)\b/gi, ' ').replace(/\b(\d+|a|one|two|three|few|couple of) (cups?|glasses|mugs?|bowls?|slices?|pieces?) of( (green|black|white|red))? (\w+)/gi, ' $5');
  // "something for the table", "for my desk": a purpose, not the kind of product wanted. After a verb of seeking
  // ("looking for a rug", "on the hunt for a lamp") "for" introduces the wish itself.
  const purpose = [...text.matchAll(PURPOSE)].flatMap((m) => normTokens(m[1]).map((t) => t.word));
  const tokens = normTokens(text).filter((t) => !purpose.includes(t.word) || !vocab.types.has(t.word));
  const phrases = topicPhrases(tokens, vocab);
  const { head, modifiers, otherHeads } = nounPhrase(tokens, vocab, text);
  const q: ProductQuery = { head: head ?? appliances[0]?.name, modifiers, otherHeads, colours: [], materials: [], sizes: [], specs: specsIn(text), needs: needsIn(raw), topics: [], inStockOnly: IN_STOCK.test(text) };
  for (const w of purpose) if (vocab.types.has(w) && !q.topics.includes(w)) q.topics.push(w);
  for (const phrase of phrases) if (!q.topics.includes(phrase)) q.topics.push(phrase);
  const inPhrase = new Set(phrases.flatMap((ph) => ph.split(' ')));
  for (const { word } of tokens) {
    if (vocab.topics.has(word) && !inPhrase.has(word) && word !== head && !modifiers.includes(word) && !q.topics.includes(word)) q.topics.push(word);
    // Wood names are colours too ("natural oak"); as a wish they mean the material.
    if (vocab.materials.has(word) && !q.materials.includes(word) && word !== head) q.materials.push(word);
    else if (vocab.colours.has(word) && !q.colours.includes(word) && word !== head) q.colours.push(word);
    if (vocab.sizes.has(word)) q.sizes.push(word);
    if (!q.category && vocab.categories.has(word)) q.category = vocab.categories.get(word);
  }
  parsePrice(text.replace(/\bP-?\d{4}\b/gi, ''), q);
  if (CHEAP.test(text)) q.sort = 'cheap';
  else if (EXPENSIVE.test(text)) q.sort = 'expensive';
  return q;
}

const SPEC = /(\d+(?:[.,]\d+)?)\s*(?:x\s*(\d+(?:[.,]\d+)?)\s*)?(?:cm|mm|l|ml|litres?|liters?)?(?=\b|\s|$)/gi;

/** "140x200" -> ["140", "200"], "24 cm" -> ["24"]; bare numbers (prices, counts) are not sizes. */
function specsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPEC)) {
    const withUnit = /(cm|mm|l|ml|litre|liter)\s*$/i.test(m[0]) || m[2] !== undefined;
    if (withUnit) out.push(...[m[1], m[2]].filter((n): n is string => Boolean(n)).map((n) => n.replace(',', '.')));
  }
  return out;
}

function needsIn(text: string): ProductQuery['needs'] {
  const needs: ProductQuery['needs'] = [];
  if (/\bdish ?washer\b/i.test(text)) needs.push('dishwasher');
  if (/\b(oven|grill)\b/i.test(text)) needs.push('oven');
  if (/\binduction\b/i.test(text)) needs.push('induction');
  if (/\b(outdoor|outside|garden|balcony|terrace|patio)\b/i.test(text) && !/\bgarden(ing)? (glove|shear|tool)/i.test(text)) needs.push('outdoor');
  return needs;
}

/** True when the query says anything a search can use. */
export function isSearchable(q: ProductQuery): boolean {
  return Boolean(q.head || q.category || q.colours.length || q.materials.length || q.topics.length || q.sort);
}

/** A wish beyond naming a kind: a price range, an order, stock, colour, material or size. */
export function hasWishes(q: ProductQuery): boolean {
  return q.priceMax !== undefined || q.priceMin !== undefined || q.sort !== undefined || q.inStockOnly || q.colours.length > 0 || q.materials.length > 0 || q.specs.length > 0 || q.needs.length > 0;
}
