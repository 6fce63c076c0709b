import type { Product } from '../knowledge/types.ts';
import { FILLER, normWords } from './catalog-text.ts';

/** Customer colour words and the catalog colour words they cover ("grey" also finds slate and charcoal). */
const COLOUR_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  grey: ['grey', 'slate', 'charcoal', 'graphite', 'smoke', 'melange'],
  green: ['green', 'sage', 'moss', 'forest', 'olive', 'mint'],
  blue: ['blue', 'navy', 'sky'],
  red: ['red', 'brick', 'rust', 'terracotta'],
  brown: ['brown', 'walnut', 'teak', 'tan', 'rust', 'terracotta', 'acacia'],
  beige: ['beige', 'oat', 'sand', 'cream', 'stone', 'natural'],
  white: ['white', 'chalk', 'opal', 'cream'],
  black: ['black', 'charcoal'],
  yellow: ['yellow', 'amber'],
  gold: ['gold', 'brass'],
  silver: ['silver', 'steel', 'galvanised'],
  pink: ['pink'],
  orange: ['orange', 'rust', 'terracotta'],
  purple: ['purple'],
  natural: ['natural', 'oak', 'birch', 'bamboo', 'rattan', 'seagrass'],
};

/** Customer material words and the catalog words they cover ("wooden" finds oak, walnut, acacia...). */
const MATERIAL_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  wood: ['wood', 'oak', 'walnut', 'acacia', 'teak', 'pine', 'birch', 'beech', 'ash', 'cedar', 'alder', 'plywood', 'bamboo'],
  wooden: ['wood', 'oak', 'walnut', 'acacia', 'teak', 'pine', 'birch', 'beech', 'ash', 'cedar', 'alder', 'plywood', 'bamboo'],
  metal: ['steel', 'iron', 'brass', 'aluminium', 'galvanised'],
  fabric: ['linen', 'cotton', 'velvet', 'boucle', 'polyester', 'wool'],
  iron: ['iron'],
  steel: ['steel', 'stainless'],
  ceramic: ['ceramic', 'stoneware', 'porcelain'],
};

/** Words naming a shop category (slug on the right); also the category slugs' own words. */
const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  furniture: 'furniture', kitchen: 'kitchen', kitchenware: 'kitchen', cookware: 'cookware', pot: 'cookware',
  tableware: 'tableware', dinnerware: 'tableware', crockery: 'tableware', bedding: 'bedding', bedroom: 'bedding',
  bath: 'bath', bathroom: 'bath', lighting: 'lighting', light: 'lighting', decor: 'decor', decoration: 'decor',
  storage: 'storage', garden: 'garden', outdoor: 'garden', patio: 'garden', appliance: 'small-appliances',
  kid: 'kids', child: 'kids', children: 'kids', baby: 'kids', toy: 'kids', nursery: 'kids', bed: 'bedding',
  electric: 'small-appliances', gadget: 'small-appliances',
};

/** Words that can describe what a product is made of; the catalog's own material texts also say "seat", "handle"... */
const MATERIAL_WORDS = new Set([
  'oak', 'walnut', 'acacia', 'teak', 'pine', 'birch', 'beech', 'ash', 'cedar', 'alder', 'plywood', 'bamboo', 'rattan',
  'seagrass', 'jute', 'wool', 'lambswool', 'linen', 'flax', 'cotton', 'velvet', 'boucle', 'polyester', 'leather',
  'glass', 'crystal', 'stoneware', 'porcelain', 'ceramic', 'terracotta', 'marble', 'steel', 'stainless', 'iron',
  'brass', 'aluminium', 'aluminum', 'copper', 'cork', 'paper', 'silicone', 'plastic', 'wood', 'metal', 'fabric',
  'enamelled', 'enamel', 'mesh', 'concrete', 'olive', 'goatskin', 'melamine', 'microfibre', 'down', 'feather',
]);

/** Words that can be a colour in customers' mouths and in the catalog. */
const COLOUR_WORDS = new Set([
  'black', 'white', 'grey', 'green', 'red', 'blue', 'yellow', 'brown', 'beige', 'cream', 'pink', 'orange', 'purple',
  'natural', 'gold', 'silver', 'oat', 'sage', 'slate', 'charcoal', 'graphite', 'smoke', 'moss', 'forest', 'olive',
  'mint', 'navy', 'sky', 'brick', 'rust', 'terracotta', 'sand', 'stone', 'chalk', 'opal', 'amber', 'tan', 'clay',
  'melange', 'multicolour', 'pastel',
]);

// Bed sizes (single, king...) are not here: titles give them as measures, which the query reads as specs.
const SIZE_WORDS = new Set(['small', 'medium', 'large', 'big', 'mini', 'xl']);

/** Words that are about the listing, not what it is ("new", "set"). */
const NOT_TYPES = new Set([...FILLER, 'new', 'organic', 'recycled', 'classic', 'smart', 'led', 'e27', 'soft', 'silent']);

/**
 * The head noun of a title ("Walnut End-Grain Chopping Board, Large" -> board) and the word before it
 * (chopping): what the product IS, as opposed to its material, series name or size.
 */
export function titleHead(title: string): { head?: string; modifier?: string } {
  const main = title.split(',')[0].split(/\bwith\b/i)[0];
  const words = normWords(main).filter((w) => !/\d/.test(w) && !NOT_TYPES.has(w));
  return { head: words.at(-1), modifier: words.at(-2) };
}

export interface ProductVocabulary {
  /** Head nouns of titles and of first tags: what customers name when they name a kind of product. */
  types: Set<string>;
  /** Every colour word of the catalog, plus the customer families. */
  colours: Map<string, readonly string[]>;
  materials: Map<string, readonly string[]>;
  categories: Map<string, string>;
  sizes: Set<string>;
  /** Every word of every title and tag (for "is this word about products at all"). */
  words: Set<string>;
  /** Tag words that are none of the above: rooms and uses ("hallway", "coffee", "gift"). */
  topics: Set<string>;
  /** Two-word tags that name a room or use rather than a kind ("living room", "kids room"), as normalised words. */
  phrases: Set<string>;
  /** What the titles say each product is, with the word before ("espresso machine", "fridge bin") and without. */
  kinds: Set<string>;
}

/** The catalog colour words a customer's colour covers ("green" -> sage, moss, forest...), the word itself included. */
export function colourFamily(word: string): readonly string[] {
  return [word, ...(COLOUR_FAMILIES[word] ?? [])];
}

export function buildVocabulary(products: readonly Product[]): ProductVocabulary {
  const types = new Set<string>();
  const colours = new Map<string, readonly string[]>(Object.entries(COLOUR_FAMILIES));
  const materials = new Map<string, readonly string[]>(Object.entries(MATERIAL_FAMILIES));
  const categories = new Map<string, string>(Object.entries(CATEGORY_WORDS));
  const words = new Set<string>();
  for (const p of products) {
    const { head } = titleHead(p.title);
    if (head) types.add(head);
    const tagHead = p.tags[0] ? normWords(p.tags[0]).filter((w) => !NOT_TYPES.has(w)).at(-1) : undefined;
    if (tagHead) types.add(tagHead);
    for (const w of normWords(String(p.attributes.colour ?? ''))) if (COLOUR_WORDS.has(w) && !colours.has(w)) colours.set(w, [w]);
    for (const w of [...normWords(String(p.attributes.material ?? '')), ...normWords(p.title)]) if (MATERIAL_WORDS.has(w) && !materials.has(w)) materials.set(w, [w]);
    // "small" in "small-appliances" is a size, not a category word.
    for (const w of normWords(p.category)) if (!categories.has(w) && !SIZE_WORDS.has(w)) categories.set(w, p.category);
    for (const w of [...normWords(p.title), ...p.tags.flatMap(normWords)]) if (!FILLER.has(w)) words.add(w);
  }
  // A colour, material or category word is not also a kind of product ("oak" is not a type even if a tag ends with it).
  for (const w of [...colours.keys(), ...materials.keys(), ...categories.keys()]) types.delete(w);
  for (const w of types) if (w.length < 3) types.delete(w);
  const topics = new Set<string>();
  for (const p of products) {
    for (const w of p.tags.flatMap(normWords)) {
      if (w.length > 3 && !FILLER.has(w) && !types.has(w) && !colours.has(w) && !materials.has(w) && !categories.has(w) && !SIZE_WORDS.has(w) && !/\d/.test(w)) topics.add(w);
    }
  }
  const phrases = new Set<string>();
  for (const p of products) {
    for (const tag of p.tags) {
      const ws = normWords(tag);
      if (ws.length === 2 && !types.has(ws[1]) && ws.every((w) => !FILLER.has(w) && !/\d/.test(w)) && topics.has(ws[1])) phrases.add(ws.join(' '));
    }
  }
  const kinds = new Set<string>();
  for (const p of products) {
    const { head, modifier } = titleHead(p.title);
    if (head) kinds.add(head);
    if (head && modifier) kinds.add(`${modifier} ${head}`);
  }
  return { types, colours, materials, categories, sizes: SIZE_WORDS, words, topics, phrases, kinds };
}
