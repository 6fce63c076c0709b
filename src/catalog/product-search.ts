import type { Product } from '../knowledge/types.ts';
import { normWords } from './catalog-text.ts';
import type { ProductQuery } from './product-query.ts';
import { titleHead, type ProductVocabulary } from './product-vocabulary.ts';

export interface SearchResult {
  /** Products meeting every wish, best fit first. */
  exact: Product[];
  /** When nothing meets every wish: the closest products (right kind, most other wishes met, nearest price). */
  nearest: Product[];
  /** Wishes the nearest products miss, for "none in grey under 800 EUR; the closest:" */
  unmet: string[];
}

interface Facts {
  words: Set<string>;
  /** Tags as normalised phrases ("living room"), for a wish of two words. */
  tags: Set<string>;
  colour: Set<string>;
  material: Set<string>;
  head?: string;
}

function facts(p: Product): Facts {
  const colour = new Set(normWords(String(p.attributes.colour ?? '')));
  const material = new Set([...normWords(String(p.attributes.material ?? '')), ...normWords(p.title)]);
  const words = new Set([...normWords(p.title), ...p.tags.flatMap(normWords), ...normWords(p.category)]);
  return { words, tags: new Set(p.tags.map((t) => normWords(t).join(' '))), colour, material, head: titleHead(p.title).head };
}

/** A room or use: one word among the product's words, a phrase ("living room") among its tags. */
const hasTopic = (f: Facts, topic: string) => (topic.includes(' ') ? f.tags.has(topic) : f.words.has(topic));

/** One check per wish: whether the product meets it. */
function checks(q: ProductQuery, vocab: ProductVocabulary): Array<{ wish: string; ok: (p: Product, f: Facts) => boolean; kind: boolean }> {
  const out: Array<{ wish: string; ok: (p: Product, f: Facts) => boolean; kind: boolean }> = [];
  if (q.head) {
    const heads = [q.head, ...q.otherHeads];
    out.push({ wish: heads.join(' or '), kind: true, ok: (_p, f) => heads.some((h) => f.head === h || f.words.has(h)) });
  }
  if (!q.head && !q.category && q.topics.length > 0) {
    // "something for a narrow hallway": with no kind named, the room or use is what the product must be for.
    out.push({ wish: q.topics.join(' '), kind: true, ok: (_p, f) => q.topics.some((t) => hasTopic(f, t)) });
  }
  for (const spec of q.specs) out.push({ wish: spec, kind: false, ok: (_p, f) => f.words.has(spec) });
  for (const need of q.needs) out.push({ wish: `${need}-safe`, kind: false, ok: (p) => meetsNeed(p, need) });
  // With a kind named, the category adds nothing but a wrong turn ("a duvet cover for a single bed": kids' sets too).
  // A category also reaches products tagged with it ("outdoor lighting" on garden lanterns).
  if (q.category && !q.head) out.push({ wish: q.category, kind: true, ok: (p, f) => p.category === q.category || f.words.has(q.category!.replace(/-.*/, '')) });
  // "plates for a toddler": with a kind named, a section that is a who (kids) narrows the kind to that section.
  if (q.category === 'kids' && q.head) out.push({ wish: q.category, kind: false, ok: (p, f) => p.category === q.category || f.words.has('kids') });
  // "solar powered lights": with a category but no kind, the other words narrow it.
  if (q.category && !q.head) for (const t of q.topics) out.push({ wish: t, kind: false, ok: (_p, f) => hasTopic(f, t) });
  // "kitchen pans": with a kind named, a section word is where it belongs, not a word its product must carry (the
  // pans are cookware, and nothing says "kitchen" on them).
  for (const m of q.modifiers) {
    if (q.head && vocab.categories.has(m)) continue;
    out.push({ wish: m, kind: false, ok: (_p, f) => f.words.has(m) });
  }
  for (const c of q.colours) {
    const family = vocab.colours.get(c) ?? [c];
    out.push({ wish: c, kind: false, ok: (_p, f) => family.some((w) => f.colour.has(w)) });
  }
  for (const m of q.materials) {
    const family = vocab.materials.get(m) ?? [m];
    out.push({ wish: m, kind: false, ok: (_p, f) => family.some((w) => f.material.has(w)) });
  }
  for (const s of q.sizes) out.push({ wish: s, kind: false, ok: (_p, f) => f.words.has(s === 'big' ? 'large' : s) });
  if (q.sort && !q.head && !q.category && rulesAreEmpty(q)) out.push({ wish: 'anything', kind: true, ok: () => true });
  if (q.priceMax !== undefined) out.push({ wish: `under ${q.priceMax}`, kind: false, ok: (p) => p.price <= q.priceMax! });
  if (q.priceMin !== undefined) out.push({ wish: `over ${q.priceMin}`, kind: false, ok: (p) => p.price >= q.priceMin! });
  if (q.inStockOnly) out.push({ wish: 'in stock', kind: false, ok: (p) => p.stock > 0 });
  return out;
}

/** "the priciest thing you sell": an order alone searches everything. */
function rulesAreEmpty(q: ProductQuery): boolean {
  return q.colours.length === 0 && q.materials.length === 0 && q.topics.length === 0 && q.specs.length === 0 && q.needs.length === 0;
}

function meetsNeed(p: Product, need: ProductQuery['needs'][number]): boolean {
  const text = `${p.attributes.care ?? ''} ${p.attributes.hob ?? ''} ${p.tags.join(' ')} ${p.description}`.toLowerCase();
  if (need === 'dishwasher') return /dishwasher[- ]safe|dishwasher safe/.test(text) && !/not dishwasher/.test(text);
  if (need === 'oven') return /oven[- ]safe|in the oven/.test(text) && !/not oven/.test(text);
  if (need === 'induction') return /induction/.test(text);
  return p.category === 'garden' || /outdoor|garden|balcony|weather|uv-resistant|ip44|ip54/.test(text);
}

function order(q: ProductQuery): (a: Product, b: Product) => number {
  return (a, b) =>
    Number(b.stock > 0) - Number(a.stock > 0) ||
    (q.sort === 'expensive' ? b.price - a.price : q.sort === 'cheap' || q.priceMax !== undefined ? a.price - b.price : 0) ||
    (a.id < b.id ? -1 : 1);
}

/** Distance of a price from the wished range (0 inside it), for ranking the nearest products. */
function priceGap(p: Product, q: ProductQuery): number {
  if (q.priceMax !== undefined && p.price > q.priceMax) return p.price - q.priceMax;
  if (q.priceMin !== undefined && p.price < q.priceMin) return q.priceMin - p.price;
  return 0;
}

/**
 * Filters the catalog by a parsed query. Products of the wished kind that miss other wishes are the "nearest"
 * alternatives, so "grey sofa under 800" can answer "none; the closest is the oat Lune sofa at 1290".
 */
export function searchProducts(products: readonly Product[], vocab: ProductVocabulary, q: ProductQuery): SearchResult {
  const rules = checks(q, vocab);
  if (rules.length === 0) return { exact: [], nearest: [], unmet: [] };
  const kindRules = rules.filter((r) => r.kind);
  const scored = products.map((p) => {
    const f = facts(p);
    const met = rules.map((r) => r.ok(p, f));
    return { p, kindOk: kindRules.every((r) => r.ok(p, f)), met: met.filter(Boolean).length, misses: rules.filter((_, i) => !met[i]).map((r) => r.wish) };
  });
  let exact = scored.filter((s) => s.misses.length === 0).map((s) => s.p).sort(order(q));
  if (q.sort === 'cheap' && exact.length > 3) {
    // "cheap rugs": the cheaper half of the kind, not every rug sorted by price.
    const prices = exact.map((p) => p.price).sort((a, b) => a - b);
    const median = prices[Math.floor((prices.length - 1) / 2)];
    exact = exact.filter((p) => p.price <= median);
  }
  if (q.head) exact = byKind(exact, [q.head, ...q.otherHeads]);
  if (exact.length > 0) return { exact, nearest: [], unmet: [] };
  // Closest: of the right kind (or of a kind named as a modifier: "duvet cover" also reaches a kids' "Duvet Set"),
  // meeting the most other wishes; a product that meets fewer is not offered as an alternative.
  const kinds = new Set(q.modifiers.filter((m) => vocab.types.has(m)));
  const near = scored
    .map((s) => ({ ...s, fit: s.met + (s.kindOk ? 0.5 : 0) }))
    .filter((s) => (s.kindOk || kinds.has(facts(s.p).head ?? '')) && s.met > (s.kindOk ? 0 : 1));
  const best = Math.max(0, ...near.map((s) => s.fit));
  const candidates = near.filter((s) => s.fit === best);
  candidates.sort((a, b) => priceGap(a.p, q) - priceGap(b.p, q) || order(q)(a.p, b.p));
  const unmet = [...new Set(candidates.slice(0, 3).flatMap((c) => c.misses))];
  return { exact: [], nearest: candidates.map((c) => c.p), unmet };
}

/**
 * Products of the kinds asked for first ("knives": the knives before the knife strip that only mentions them), and
 * with several kinds ("pans, knives, maybe a kettle") taken in turn, so the first cards show every kind.
 */
function byKind(products: Product[], heads: string[]): Product[] {
  const lists = heads.map((h) => products.filter((p) => facts(p).head === h));
  const out: Product[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length && !out.includes(l[i])) out.push(l[i]);
  return [...out, ...products.filter((p) => !out.includes(p))];
}
