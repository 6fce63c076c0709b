/**
 * One normalisation for product titles, tags, attributes and customer messages, so that "Bouclé", "boucle" and
 * "Boucles" meet: lower case, accents removed, simple English plurals singularised, a few shop synonyms folded.
 */
const WORD = /[\p{L}\p{N}]+(?:[.,]\d+)?/gu;

/** Words customers use for the same thing; the right side is the catalog's word. */
const SYNONYMS: Readonly<Record<string, string>> = {
  couch: 'sofa', settee: 'sofa', sofas: 'sofa', loveseat: 'sofa',
  gray: 'grey', colour: 'color', colours: 'color',
  carpet: 'rug', carpets: 'rug',
  comforter: 'duvet', quilt: 'duvet',
  hoover: 'vacuum', hoovers: 'vacuum',
  ottoman: 'footstool', pouf: 'footstool', pouffe: 'footstool',
  bookcase: 'bookshelf', bookshelves: 'bookshelf',
  cushions: 'cushion', pillows: 'pillow',
  seating: 'chair', toddler: 'kids', toddlers: 'kids',
  cutlery: 'cutlery', silverware: 'cutlery', flatware: 'cutlery',
  knives: 'knife', shelves: 'shelf', leaves: 'leaf', gloves: 'glove', glove: 'glove',
  pan: 'pan', frypan: 'pan', skillets: 'skillet',
  lampshade: 'shade', lightbulb: 'bulb',
  teatowel: 'towel', dishtowel: 'towel',
  glassware: 'glass', glasses: 'glass', dinnerware: 'dinner', tableware: 'tableware',
  dishes: 'dish', boxes: 'box', benches: 'bench', brushes: 'brush',
  stools: 'stool', tables: 'table', chairs: 'chair',
  armchairs: 'armchair', lamps: 'lamp', rugs: 'rug', mugs: 'mug',
};

const KEEP_S = new Set(['glass', 'canvas', 'bias', 'gas', 'lens', 'plus', 'jeans', 'this', 'is', 'was', 'has', 'does', 'yes', 'us', 'bus', 'less', 'cress', 'dress', 'mattress', 'press', 'boss', 'moss', 'grass', 'brass', 'class', 'loss', 'across', 'stainless', 'cordless', 'wireless', 'seamless', 'series', 'species', 'kids', 'pcs', 'its', 'his', 'always', 'perhaps', 'news', 'sales', 'wellness', 'dress', 'express', 'address', 'process', 'access', 'success', 'matress']);

export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

export function singular(w: string): string {
  if (KEEP_S.has(w) || w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ch|sh|x|ss|zz)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

/** A normalised word: lower case, no accents, singular, synonym folded. Numbers keep a decimal point ("0.5"). */
export function normWord(raw: string): string {
  const w = stripAccents(raw.toLowerCase()).replace(',', '.');
  const syn = SYNONYMS[w];
  if (syn) return syn;
  const s = singular(w);
  return SYNONYMS[s] ?? s;
}

export interface NormToken {
  word: string;
  start: number;
  end: number;
}

export function normTokens(text: string): NormToken[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: normWord(m[0]), start: m.index, end: m.index + m[0].length }));
}

export function normWords(text: string): string[] {
  return normTokens(text).map((t) => t.word);
}

/** Words that never identify a product or a wish about one. */
export const FILLER = new Set([
  'a', 'an', 'the', 'of', 'for', 'with', 'and', 'or', 'in', 'on', 'to', 'my', 'your', 'i', 'me', 'is', 'it', 'this',
  'that', 'these', 'those', 'some', 'any', 'do', 'you', 'have', 'want', 'need', 'buy', 'from', 'by', 'at', 'be',
  'are', 'was', 'can', 'could', 'would', 'will', 'should', 'what', 'which', 'how', 'much', 'many', 'does', 'did',
  'there', 'here', 'we', 'our', 'us', 'they', 'them', 'their', 'he', 'she', 'his', 'her', 'get', 'got', 'just',
  'please', 'pls', 'plz', 'thanks', 'thank', 'hi', 'hello', 'hey', 'about', 'tell', 'show', 'looking', 'look',
  'like', 'if', 'so', 'not', 'no', 'yes', 'also', 'too', 'very', 'really', 'one', 'ones', 'u', 'ur', 'im', 'i\'m',
  'sell', 'stock', 'carry', 'offer', 'x', 'cm', 'mm', 'pc', 'pcs', 'piece', 'set', 'pack', 'pair', 'item', 'product',
  'thing', 'something', 'anything', 'kind', 'type', 'sort', 'own', 'than', 'more', 'most', 'other', 'else', 'still',
  'now', 'then', 'when', 'where', 'why', 'who', 'whats', 'what\'s', 'is', 'its', 'it\'s', 'l', 'ml', 'kg', 'g', 'w',
  // Question words about a product, never part of its name ("how much does it weigh" is not the Weighted Blanket).
  'weigh', 'weight', 'heavy', 'price', 'cost', 'made', 'material', 'dimension', 'measurement', 'wide', 'tall', 'high',
  'deep', 'wash', 'washable', 'clean', 'care', 'available', 'deliver', 'delivery', 'ship', 'shipping', 'arrive',
  'warranty', 'guarantee', 'assemble', 'assembly', 'safe', 'dishwasher', 'oven', 'microwave', 'many', 'long', 'much',
  'come', 'comes', 'go', 'goes', 'fit', 'fits', 'need', 'left', 'actually', 'really', 'rn', 'nah', 'ok', 'okay', 'cool',
  'guy', 'lol', 'hmm', 'eur', 'euro', 'buck', 'quid', 'under', 'over', 'below', 'above', 'between', 'around', 'max',
  'less', 'cheap', 'cheaper', 'cheapest', 'expensive', 'budget', 'affordable', 'got', 'have', 'has', 'had', 'want',
  'all', 'every', 'each', 'size', 'website', 'site', 'online', 'shop', 'store', 'today', 'tomorrow', 'yesterday', 'week', 'month',
  'year', 'day', 'time', 'thanks', 'like', 'love', 'good', 'nice', 'great', 'please', 'someone', 'anyone', 'people',
]);
