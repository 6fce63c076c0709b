export interface Token {
  text: string; // lower-cased
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Words with their offsets in the original text; hyphenated names ("t-shirt") split into parts. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
}

/** Words that never identify a product on their own, so a match may neither start nor end with one. */
export const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'for', 'with', 'and', 'or', 'in', 'on', 'to', 'my', 'your', 'i', 'me', 'is', 'it', 'this',
  'that', 'these', 'those', 'some', 'any', 'do', 'you', 'have', 'want', 'need', 'buy', 'order', 'ordered', 'from', 'by',
]);

/** Words that are part of titles but name no product by themselves ("set", "pack"): a mention needs another word. */
export const GENERIC_WORDS = new Set([
  'set', 'sets', 'pack', 'packs', 'kit', 'piece', 'pieces', 'size', 'small', 'medium', 'large', 'new', 'classic', 'mini',
  'big', 'one', 'two', 'up', 'item', 'items', 'product', 'products',
]);
