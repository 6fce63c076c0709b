import type { Product } from '../knowledge/types.ts';
import type { Entity } from '../nlu/entities/entity.ts';
import { FILLER, normTokens, normWords } from './catalog-text.ts';
import { buildVocabulary, titleHead, type ProductVocabulary } from './product-vocabulary.ts';
import { parseProductQuery, type ProductQuery } from './product-query.ts';
import { searchProducts, type SearchResult } from './product-search.ts';
import { withoutAppliances } from './usage-phrases.ts';
import { wordSimilarity } from './word-similarity.ts';

export interface ProductMatch {
  product: Product;
  /** Share of the customer's product words (IDF-weighted) that this product's title, tags, colour or material explain. */
  precision: number;
  /** Share of the product's title the customer named. */
  recall: number;
  /** How it was found: a product number, (part of) its name, or as the only product of the kind named ("the sofa"). */
  via: 'number' | 'name' | 'kind';
}

interface Entry {
  product: Product;
  /** Title words with weights: series and kind words count fully, sizes and numbers less (they only tell variants apart). */
  title: Map<string, number>;
  /** Title, tag, colour and material words: anything the product can be called. */
  all: Set<string>;
  head?: string;
}

const PRODUCT_NUMBER = /\b(?:p-?|product\s*(?:no\.?|number|#)?\s*|item\s*(?:no\.?|number|#)?\s*|art(?:icle)?\.?\s*(?:no\.?|number)?\s*)(\d{4})\b/gi;
/** Numbers with a unit ("24 cm", "1.7 l", "200 x 200") tell variants apart; bare numbers ("seats 6") do not name products. */
const SPEC_NUMBER = /(\d+(?:[.,]\d+)?)\s*(?:x\s*(\d+(?:[.,]\d+)?)\s*)?(?:cm|mm|l|ml|m|kg|g|w|pcs|pieces|litres?|liters?)\b/gi;
/** A product is named when its words explain this much of the customer's product words... */
const PRECISION_MIN = 0.6;
/** ...and the customer named this much of its title (or it is the only product of the kind named). */
const RECALL_MIN = 0.3;
/** Products this close to the best precision are equally plausible readings. */
const TIE_MARGIN = 0.05;

/**
 * Finds products in customer text, built once from the catalog (rebuilt when it changes): by product number, by a
 * full or partial name with typos ("the lune armchiar", "alder table"), or as a search ("grey sofa under 800").
 */
const seriesWord = (p: Product) => normWords(p.title)[0] ?? '';
/** Everyday words that start several titles without naming a series ("Little Harbour" is, "little" alone is not). */
const COMMON_FIRST_WORDS = new Set(['little', 'soft', 'clear', 'round', 'tall', 'compact', 'stemmed', 'washed', 'wooden', 'waterproof', 'weighted', 'smart', 'outdoor', 'portable', 'paper', 'digital', 'forged', 'electric', 'handheld', 'cordless', 'stackable', 'collapsible', 'expandable', 'recycled', 'organic', 'floating', 'lidded', 'tilting', 'solar', 'galvanised', 'knitted', 'hooded', 'porcelain', 'rabbit', 'kids', 'stick', 'power', 'stand', 'air', 'rice', 'burr', 'milk']);

function specNumbers(text: string): string[] {
  return [...text.matchAll(SPEC_NUMBER)].flatMap((m) => [m[1], m[2]].filter((n): n is string => n !== undefined).map((n) => n.replace(',', '.')));
}

export class ProductIndex {
  readonly vocabulary: ProductVocabulary;
  private readonly entries: Entry[];
  private readonly idf = new Map<string, number>();
  private readonly byId: Map<string, Product>;
  /** First title words shared by 2+ products that are not a colour, material, kind or filler word: series names. */
  private readonly series: Set<string>;

  constructor(products: readonly Product[]) {
    this.vocabulary = buildVocabulary(products);
    this.byId = new Map(products.map((p) => [p.id.toUpperCase(), p]));
    this.entries = products.map((product) => {
      const words = normWords(product.title).filter((w) => !FILLER.has(w));
      const title = new Map(words.map((w) => [w, /\d/.test(w) || this.vocabulary.sizes.has(w) ? 0.35 : 1]));
      const extra = [...product.tags.flatMap(normWords), ...normWords(String(product.attributes.colour ?? '')), ...normWords(String(product.attributes.material ?? ''))];
      return { product, title, all: new Set([...words, ...extra].filter((w) => !FILLER.has(w))), head: titleHead(product.title).head };
    });
    const df = new Map<string, number>();
    for (const e of this.entries) for (const w of e.all) df.set(w, (df.get(w) ?? 0) + 1);
    for (const [w, n] of df) this.idf.set(w, Math.log(1 + this.entries.length / n));
    const firsts = new Map<string, number>();
    for (const e of this.entries) firsts.set(seriesWord(e.product), (firsts.get(seriesWord(e.product)) ?? 0) + 1);
    const v = this.vocabulary;
    this.series = new Set([...firsts].filter(([w, n]) => n >= 2 && w.length > 2 && !COMMON_FIRST_WORDS.has(w) && !FILLER.has(w) && !v.types.has(w) && !v.colours.has(w) && !v.materials.has(w) && !v.sizes.has(w) && !v.categories.has(w)).map(([w]) => w));
  }

  /** The catalog's series names ("lune", "orbit"): product words, not words of a language. */
  seriesNames(): string[] {
    return [...this.series];
  }

  get(id: string): Product | undefined {
    return this.byId.get(id.toUpperCase());
  }

  list(): Product[] {
    return this.entries.map((e) => e.product);
  }

  /** Products named by number ("P-1048", "product 1048", "item no. 1048"), in text order. */
  byNumber(text: string): Product[] {
    const found = [...text.matchAll(PRODUCT_NUMBER)].map((m) => this.get(`P-${m[1]}`)).filter((p): p is Product => Boolean(p));
    return [...new Set(found)];
  }

  /**
   * Products the text names, best first, with every product about as good as the best (the caller asks which one
   * when there are several). Empty when nothing is named well enough.
   */
  resolve(raw: string): ProductMatch[] {
    // "3rd floor and no elevator" is about a building, not the floor lamp; "can it go in the washing machine" names
    // the customer's machine, not our espresso machine.
    const text = withoutAppliances(raw, this.vocabulary).replace(/\b(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|ground|top|upper|same) floor\b/gi, ' ');
    const numbered = this.byNumber(text);
    if (numbered.length > 0) return numbered.map((product) => ({ product, precision: 1, recall: 1, via: 'number' as const }));
    // A series name ("orbit", "lune") narrows to that series; within it the usual rules pick, and when none passes
    // them the whole (small) series is the set of readings to ask about.
    const series = this.seriesIn(text);
    const inSeries = (p: Product) => normWords(p.title).some((w) => series.has(w));
    const all = this.score(text).filter((m) => series.size === 0 || inSeries(m.product));
    const kind = parseProductQuery(text, this.vocabulary).head;
    const scored = all.filter((m) => {
      if (m.precision < PRECISION_MIN || m.recall < RECALL_MIN) return false;
      const entry = this.entries.find((e) => e.product === m.product)!;
      return !this.onlyKindWord(entry, text, kind) && !this.onlySectionWord(entry, text);
    });
    if (scored.length === 0 && series.size > 0) {
      const members = this.entries.filter((e) => inSeries(e.product));
      const named = all.filter((m) => m.precision >= PRECISION_MIN / 2);
      const pool = named.length > 0 && named.length < members.length ? named : members.map((e) => ({ product: e.product, precision: PRECISION_MIN, recall: RECALL_MIN, via: 'name' as const }));
      return pool.length <= 5 ? pool : [];
    }
    if (scored.length === 0) return this.onlyOfItsKind(text);
    const best = scored[0].precision;
    const ties = scored.filter((m) => m.precision >= best - TIE_MARGIN);
    // Someone who typed (nearly) a whole title means that product, not its siblings with longer names.
    const whole = ties.filter((m) => m.recall >= 0.9);
    return whole.length === 1 && ties.every((m) => m === whole[0] || m.recall < 0.6) ? whole : ties;
  }

  /**
   * "candles" names a kind the shop sells (the soy candles), not the Brass Candle Holders whose title merely contains
   * the word: a product of another kind matched only by the kind's own word is no reading of the text.
   */
  private onlyKindWord(entry: Entry, text: string, head: string | undefined): boolean {
    if (!head || entry.head === head || !this.entries.some((e) => e.head === head)) return false;
    return this.titleWordsIn(entry, text).every((w) => w === head || wordSimilarity(w, head) > 0);
  }

  /** "anything for the bathroom" names a section of the shop, not the Waffle Bathrobe that "bathroom" nearly spells. */
  private onlySectionWord(entry: Entry, text: string): boolean {
    const named = this.titleWordsIn(entry, text);
    // ("bath robe" does name it: "robe" is part of its title word.)
    const partOfTitle = normWords(text).some((w) => w.length >= 4 && !this.vocabulary.categories.has(w) && [...entry.title.keys()].some((t) => t !== w && t.includes(w)));
    return named.length > 0 && !partOfTitle && named.every((w) => this.vocabulary.categories.has(w) && !entry.title.has(w));
  }

  /** The words of the text that (nearly) spell a word of this product's title. */
  private titleWordsIn(entry: Entry, text: string): string[] {
    return normWords(text).filter((w) => !FILLER.has(w) && [...entry.title.keys()].some((t) => wordSimilarity(w, t) > 0));
  }

  /** Series names the text mentions: the first title word shared by several products ("Lune", "Orbit", "Alder"). */
  private seriesIn(text: string): Set<string> {
    const words = normWords(text);
    return new Set(words.filter((w) => this.series.has(w)));
  }

  /** "how much is the armchair": a kind of product the shop has exactly one of names that product. */
  private onlyOfItsKind(text: string): ProductMatch[] {
    const q = parseProductQuery(text, this.vocabulary);
    if (!q.head) return [];
    const kind = this.entries.filter((e) => e.head === q.head).map((e) => e.product);
    return kind.length === 1 ? [{ product: kind[0], precision: PRECISION_MIN, recall: RECALL_MIN, via: 'kind' }] : [];
  }

  /** Every product that explains some of the text, by precision then recall (for resolve() and tests). */
  score(raw: string): ProductMatch[] {
    // "how big is the walnut board" asks a size; it does not name the large one.
    const text = raw.replace(/\bhow (big|large|small|long|wide|tall)\b/gi, ' ');
    const specs = specNumbers(text);
    const words = [...new Set(normWords(text.replace(SPEC_NUMBER, ' ')).filter((w) => !FILLER.has(w) && !/\d/.test(w)))];
    const known = [...words, ...specs].map((w) => ({ w, weight: this.idf.get(w) ?? this.bestFuzzy(w) })).filter((x) => x.weight > 0);
    if (known.length === 0) return [];
    const total = known.reduce((sum, x) => sum + x.weight, 0);
    const out: ProductMatch[] = [];
    for (const e of this.entries) {
      let explained = 0;
      for (const { w, weight } of known) if (this.has(e, w)) explained += weight;
      if (explained === 0) continue;
      let titleTotal = 0;
      let titleNamed = 0;
      for (const [t, weight] of e.title) {
        const w = weight * (this.idf.get(t) ?? 1);
        titleTotal += w;
        if ([...words, ...specs].some((m) => wordSimilarity(m, t) > 0)) titleNamed += w;
      }
      const conflict = this.conflicts(e, words, specs);
      out.push({ product: e.product, precision: (explained / total) * (conflict ? 0.5 : 1), recall: titleTotal === 0 ? 0 : titleNamed / titleTotal, via: 'name' });
    }
    return out.sort((a, b) => b.precision - a.precision || b.recall - a.recall || (a.product.id < b.product.id ? -1 : 1));
  }

  /**
   * The customer said a variant this product is not: another size ("large" vs Small), another kind ("table" for a
   * chair), another colour of a colour-named variant, another measure ("28 cm" for the 24 cm pan).
   */
  private conflicts(e: Entry, words: string[], specs: string[]): boolean {
    const title = [...e.title.keys()];
    const v = this.vocabulary;
    const sizes = words.filter((w) => v.sizes.has(w));
    if (sizes.length > 0 && title.some((t) => v.sizes.has(t)) && !sizes.some((w) => e.title.has(w))) return true;
    const kinds = words.filter((w) => v.types.has(w));
    if (kinds.length > 0 && !kinds.includes(e.head ?? '') && kinds.every((w) => !e.all.has(w))) return true;
    const colours = words.filter((w) => v.colours.has(w) && !v.materials.has(w));
    if (colours.length > 0 && title.some((t) => v.colours.has(t) && !v.materials.has(t)) && !colours.some((c) => e.all.has(c))) return true;
    const numbers = title.filter((t) => /\d/.test(t));
    return specs.length > 0 && numbers.length > 0 && !specs.some((n) => numbers.includes(n));
  }

  /**
   * The products and category a message names, as NLU entities (logged with the turn, shown by `chat --json`):
   * one product entity spanning the matched words, with the equally plausible products as candidates.
   */
  mentions(raw: string): Entity[] {
    const out: Entity[] = [];
    // Same length as the message: the spans below point into the message itself.
    const text = withoutAppliances(raw, this.vocabulary);
    const matches = this.resolve(text);
    if (matches.length > 0) {
      const entry = this.entries.find((e) => e.product === matches[0].product)!;
      const hits = normTokens(text).filter((t) => this.has(entry, t.word) || /^p-?\d{4}$/i.test(text.slice(t.start, t.end)) || (/^\d{4}$/.test(t.word) && this.get(`P-${t.word}`)));
      const start = hits[0]?.start ?? 0;
      const end = hits.at(-1)?.end ?? text.length;
      const candidates = matches.map((m) => ({ productId: m.product.id, confidence: m.precision }));
      out.push({ type: 'product', value: { productId: matches[0].product.id, candidates }, raw: raw.slice(start, end), start, end, confidence: matches[0].precision / Math.sqrt(matches.length) });
    }
    const category = parseProductQuery(text, this.vocabulary).category;
    if (category) {
      const t = normTokens(text).find((x) => this.vocabulary.categories.get(x.word) === category);
      if (t && !out.some((e) => t.start < e.end && e.start < t.end)) out.push({ type: 'category', value: category, raw: raw.slice(t.start, t.end), start: t.start, end: t.end, confidence: 0.9 });
    }
    return out;
  }

  search(query: ProductQuery): SearchResult {
    return searchProducts(this.list(), this.vocabulary, query);
  }

  parseQuery(text: string): ProductQuery {
    return parseProductQuery(text, this.vocabulary);
  }

  private has(e: Entry, word: string): boolean {
    if (e.all.has(word)) return true;
    for (const w of e.all) if (wordSimilarity(word, w) > 0) return true;
    return false;
  }

  /** A typo ("armchiar") counts with the weight of the catalog word it is closest to. */
  private bestFuzzy(word: string): number {
    let best = 0;
    for (const [w, idf] of this.idf) if (wordSimilarity(word, w) > 0 && idf > best) best = idf;
    return best;
  }
}
