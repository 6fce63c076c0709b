import type { Product } from '../../knowledge/types.ts';
import type { Entity } from './entity.ts';
import { tokenSimilarity } from './fuzzy-token.ts';
import { GENERIC_WORDS, STOPWORDS, tokenize, type Token } from './tokenize.ts';

export interface CatalogIndexOptions {
  /** Minimum confidence for a product mention (tuned in test/nlu/entities/catalog-index.test.ts). */
  minProductConfidence?: number;
  minCategoryConfidence?: number;
  /** Products within this much of the best match are reported too, as equally plausible readings. */
  ambiguityMargin?: number;
  maxCandidates?: number;
}

interface Entry {
  id: string;
  tokens: string[];
  weights: number[]; // IDF of each token: "mug" says more than "set"
}

const DEFAULTS: Required<CatalogIndexOptions> = { minProductConfidence: 0.68, minCategoryConfidence: 0.88, ambiguityMargin: 0.03, maxCandidates: 5 };

const contentTokens = (s: string) => tokenize(s.replace(/[-_]+/g, ' ')).map((t) => t.text).filter((t) => !STOPWORDS.has(t));

/**
 * Fuzzy lookup of product titles and categories in free text, built once from the catalog. Every span of up to
 * (longest title + 1) words is compared with each title sharing a similar word: precision (every typed word must
 * match a title word) times an IDF-weighted recall (how much of the title was named).
 */
export class CatalogIndex {
  private readonly options: Required<CatalogIndexOptions>;
  private readonly products: Entry[];
  private readonly categories: Array<{ slug: string; tokens: string[] }>;
  private readonly vocabulary: string[];
  private readonly maxSpan: number;

  constructor(products: readonly Product[], options: CatalogIndexOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    const titles = products.map((p) => ({ id: p.id, tokens: [...new Set(contentTokens(p.title))] }));
    const df = new Map<string, number>();
    for (const t of titles) for (const w of t.tokens) df.set(w, (df.get(w) ?? 0) + 1);
    const idf = (w: string) => Math.log(1 + titles.length / (df.get(w) ?? 1));
    this.products = titles.filter((t) => t.tokens.length > 0).map((t) => ({ ...t, weights: t.tokens.map(idf) }));
    const slugs = [...new Set(products.map((p) => p.category))].filter((s) => s.trim() !== '');
    this.categories = slugs.map((slug) => ({ slug, tokens: contentTokens(slug) }));
    this.vocabulary = [...new Set([...this.products.flatMap((p) => p.tokens), ...this.categories.flatMap((c) => c.tokens)])];
    this.maxSpan = Math.max(1, ...this.products.map((p) => p.tokens.length)) + 1;
  }

  get size(): number {
    return this.products.length;
  }

  /** Product and category mentions; spans may overlap (extractEntities keeps the best non-overlapping ones). */
  match(text: string): Entity[] {
    const tokens = tokenize(text);
    const sims = tokens.map((t) => this.similarities(t.text));
    const out: Entity[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i + 1; j <= Math.min(tokens.length, i + this.maxSpan); j++) {
        const span = tokens.slice(i, j);
        if (STOPWORDS.has(span[0].text) || STOPWORDS.has(span[span.length - 1].text)) continue;
        const spanSims = sims.slice(i, j).filter((_, k) => !STOPWORDS.has(span[k].text));
        if (spanSims.some((s) => s.size === 0)) break; // a longer span would contain this unknown word too
        if (span.every((t) => STOPWORDS.has(t.text) || GENERIC_WORDS.has(t.text))) continue;
        const product = this.productEntity(text, span, spanSims);
        if (product) out.push(product);
        const category = this.categoryEntity(text, span, spanSims);
        if (category) out.push(category);
      }
    }
    return out;
  }

  private similarities(word: string): Map<string, number> {
    const out = new Map<string, number>();
    if (STOPWORDS.has(word)) return out;
    for (const v of this.vocabulary) {
      const s = tokenSimilarity(word, v);
      if (s > 0) out.set(v, s);
    }
    return out;
  }

  private productEntity(text: string, span: Token[], spanSims: Array<Map<string, number>>): Entity | undefined {
    const scored: Array<{ productId: string; confidence: number }> = [];
    for (const p of this.products) {
      const confidence = scoreTitle(p, spanSims);
      if (confidence >= this.options.minProductConfidence) scored.push({ productId: p.id, confidence });
    }
    if (scored.length === 0) return undefined;
    scored.sort((a, b) => b.confidence - a.confidence || (a.productId < b.productId ? -1 : 1));
    const best = scored[0].confidence;
    const candidates = scored.filter((s) => s.confidence >= best - this.options.ambiguityMargin).slice(0, this.options.maxCandidates);
    const { start, end } = { start: span[0].start, end: span[span.length - 1].end };
    // Several equally good products make the mention itself less certain.
    const confidence = best / Math.sqrt(candidates.length);
    return { type: 'product', value: { productId: candidates[0].productId, candidates }, raw: text.slice(start, end), start, end, confidence };
  }

  private categoryEntity(text: string, span: Token[], spanSims: Array<Map<string, number>>): Entity | undefined {
    let best: { slug: string; confidence: number } | undefined;
    for (const c of this.categories) {
      if (c.tokens.length !== spanSims.length) continue;
      const confidence = c.tokens.reduce((s, w, k) => s + (spanSims[k].get(w) ?? 0), 0) / c.tokens.length;
      if (confidence >= this.options.minCategoryConfidence && (!best || confidence > best.confidence)) best = { slug: c.slug, confidence };
    }
    if (!best) return undefined;
    const { start, end } = { start: span[0].start, end: span[span.length - 1].end };
    return { type: 'category', value: best.slug, raw: text.slice(start, end), start, end, confidence: best.confidence };
  }
}

/** precision (mean best similarity of each typed word) * (0.55 + 0.45 * IDF-weighted share of the title named). */
function scoreTitle(p: Entry, spanSims: Array<Map<string, number>>): number {
  let precision = 0;
  for (const sims of spanSims) {
    const s = Math.max(0, ...p.tokens.map((w) => sims.get(w) ?? 0));
    if (s === 0) return 0;
    precision += s;
  }
  precision /= spanSims.length;
  let named = 0;
  let total = 0;
  p.tokens.forEach((w, k) => {
    named += p.weights[k] * Math.max(0, ...spanSims.map((s) => s.get(w) ?? 0));
    total += p.weights[k];
  });
  return precision * (0.55 + 0.45 * (named / total));
}
