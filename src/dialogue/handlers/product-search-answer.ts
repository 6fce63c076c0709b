import type { ProductMatch } from '../../catalog/product-index.ts';
import { factSentence, joinOr, type FactKind } from '../../catalog/product-facts.ts';
import { hasWishes, type ProductQuery } from '../../catalog/product-query.ts';
import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { money, productCard, type DialogueInput } from '../dialogue-input.ts';
import { detailAnswer, questionWords } from '../../catalog/product-details.ts';
import { factContext } from './product-fact-context.ts';
import { normWords } from '../../catalog/catalog-text.ts';
import { titleHead } from '../../catalog/product-vocabulary.ts';

const MAX_CARDS = 6;
export const SEARCH_CUE = /\b(do (you|u|ya) (guys )?(have|sell|stock|carry|do|make)|have you got|got any|any\b|anything|something|looking for|look(ing)? at|searching|show me|options?|which .+ do you have|what .+ do you (have|sell)|what do you have|recommend|suggest|ideas?|need an?|want an?|i'?m after|in the market for|on the hunt)\b/i;

/** Words with no plural of their own ("cutlery"), and "dinner", the catalog's word for dinnerware sets. */
const MASS: Readonly<Record<string, string>> = { cutlery: 'cutlery', bedding: 'bedding', furniture: 'furniture', cookware: 'cookware', glassware: 'glassware', tableware: 'tableware', storage: 'storage', decor: 'decor', dinner: 'dinner sets' };

/** "lamp" -> "lamps", "glass" -> "glasses", "shelf" -> "shelves", "body" -> "bodies". */
export function plural(noun: string): string {
  if (noun in MASS) return MASS[noun];
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(shelf|knife|leaf)$/.test(noun)) return noun.replace(/f(e)?$/, 'ves');
  return `${noun}s`;
}

/** The wish in words: "grey sofas under 800.00 EUR", "affordable rugs", "oak furniture". */
export function describeQuery(q: ProductQuery, currency: string, count = 2): string {
  const heads = q.head ? [q.head, ...q.otherHeads] : [];
  const kind = heads.length > 1 ? joinOr(heads.map(plural), 'and') : q.head ? (count === 1 ? q.head : plural(q.head)) : q.category ? `${q.category.replace(/-/g, ' ')} ${count === 1 ? 'product' : 'products'}` : q.topics.length ? `products for ${q.topics.join(' and ')}` : 'products';
  const mods = q.modifiers.filter((m) => !q.colours.includes(m) && !q.materials.includes(m) && !q.sizes.includes(m) && !q.topics.includes(m));
  const what = [q.sort === 'cheap' ? 'affordable' : '', ...q.colours, ...q.materials, ...q.sizes, ...mods, kind].filter(Boolean).join(' ');
  const price =
    q.priceMin !== undefined && q.priceMax !== undefined && q.priceMax > q.priceMin * 1.01
      ? ` between ${money(q.priceMin, currency)} and ${money(q.priceMax, currency)}`
      : q.priceMax !== undefined
        ? ` under ${money(q.priceMax, currency)}`
        : q.priceMin !== undefined
          ? ` over ${money(q.priceMin, currency)}`
          : '';
  const size = q.specs.length > 0 ? ` in ${q.specs.join(' x ')}` : '';
  const needs = q.needs.map((n) => (n === 'outdoor' ? 'outdoor' : `${n}-safe`));
  return `${needs.length ? `${needs.join(', ')} ` : ''}${what}${size}${price}${q.inStockOnly ? ' in stock' : ''}`;
}

/**
 * Whether the message asks for a list of products rather than about one named product: a price range, colour,
 * material or "cheap" wish, a search phrase, or a kind the shop has several of. A question about the product a
 * customer named ("what is the lune chair made of, the fabric looks nubbly") is never a search.
 */
export function wantsSearch(message: string, q: ProductQuery, matches: ProductMatch[], asked: FactKind[], mode: 'info' | 'availability' | 'recommend'): boolean {
  const searchable = Boolean(q.head || q.category || q.colours.length || q.materials.length || q.topics.length || q.sort);
  if (!searchable) return false;
  const byName = matches.filter((m) => m.via !== 'kind');
  const factQuestion = asked.some((f) => f !== 'overview' && f !== 'detail');
  const budget = q.priceMax !== undefined || q.priceMin !== undefined || q.sort !== undefined || q.specs.length > 0;
  // "will the alder sideboard fit into a 150 cm alcove": a size question about the one product of its kind.
  if (/\bfit\b/i.test(message) && factQuestion && (byName.length > 0 || matches.length === 1)) return false;
  // "vases under 30 euro?": a budget over a kind is a search even when titles match it.
  if (budget && !(factQuestion && byName.some((m) => m.recall >= 0.5))) return true;
  // "coffee stuff: machines, grinders?": several kinds listed is a search.
  if (q.head && q.otherHeads.length > 0 && !factQuestion && !/^\s*(and |so )?(how|does|do|is|are|can|will|would|what (is|are|does))\b/i.test(message)) return true;
  // "is the ironside casserole dishwasher safe", "is the wool throw itchy?": a question about the product named.
  if (byName.length > 0 && (factQuestion || asked.includes('detail'))) return false;
  // "wooden toys for a 3 yr old?", "pans that go in the oven": a material or property wish is a search.
  if (q.materials.length > 0 || q.needs.length > 0) return true;
  if (byName.length > 0 && !SEARCH_CUE.test(message)) return false;
  if (byName.length === 1 && byName[0].via === 'number') return false;
  if (hasWishes(q) && !(factQuestion && byName.length > 0)) return true;
  if (matches.length === 1 && factQuestion) return false;
  // "is the grinder electric?" about the one grinder: a question about it, when it asks more than its name.
  if (matches.length === 1 && asked.includes('detail') && !SEARCH_CUE.test(message) && questionWords(message, matches[0].product).length > 0) return false;
  return SEARCH_CUE.test(message) || mode === 'recommend' || byName.length === 0;
}

/**
 * A message that only narrows ("the cheapest one?", "any in green?", "under 50?") applies to the last search:
 * the same kind with the new wish. Undefined when it names a kind or product of its own, or nothing was searched.
 */
export function refinedSearch(input: DialogueInput, q: ProductQuery, matches: ProductMatch[]): ProductQuery | undefined {
  const last = input.state.focus.search as ProductQuery | undefined;
  if (!last || input.state.focus.topic !== 'product' || q.head || q.category || matches.some((m) => m.via !== 'kind')) return undefined;
  // "the priciest thing you sell" is about the whole shop, not the last search.
  if (/\b(thing|things|item|items|products|you sell|in the shop|overall|in total)\b/i.test(input.nlu.text)) return undefined;
  const narrows = q.sort !== undefined || q.priceMax !== undefined || q.priceMin !== undefined || q.colours.length > 0 || q.materials.length > 0 || q.sizes.length > 0 || q.needs.length > 0;
  if (!narrows) return undefined;
  return {
    ...last,
    sort: q.sort ?? last.sort,
    priceMax: q.priceMax ?? (q.priceMin !== undefined ? undefined : last.priceMax),
    priceMin: q.priceMin ?? (q.priceMax !== undefined ? undefined : last.priceMin),
    colours: q.colours.length > 0 ? q.colours : last.colours,
    materials: q.materials.length > 0 ? q.materials : last.materials,
    sizes: q.sizes.length > 0 ? q.sizes : last.sizes,
    needs: [...new Set([...last.needs, ...q.needs])],
    inStockOnly: q.inStockOnly || last.inStockOnly,
  };
}

/** Matching products as cards, best fit first; when none match, says so and shows the closest. */
export async function searchAnswer(input: DialogueInput, q: ProductQuery, asked: FactKind[] = [], mode: 'info' | 'availability' | 'recommend' = 'info'): Promise<Reply[]> {
  const { deps, state } = input;
  const result = deps.catalog.search(q);
  const currency = deps.profile.currency;
  const remember = (ps: Product[]) => {
    rememberProducts(state, ps.map((p) => p.id));
    state.focus.shown = ps.map((p) => p.id);
    state.focus.productId = ps.length === 1 ? ps[0].id : undefined;
    state.focus.topic = 'product';
    state.focus.search = { ...q };
    state.focus.lastFacts = undefined;
    state.focus.productAsk = input.nlu.text;
    state.focus.seen = undefined;
  };
  const card = (ps: Product[], lead: string): Reply => ({ kind: 'product_cards', text: lead, products: ps.map((p) => productCard(p, deps.catalog.url(p))) });
  const questions = asked.filter((f) => f !== 'overview' && (f !== 'detail' || (result.exact.length === 1 && detailAnswer(result.exact[0], input.nlu.text))));
  if (mode === 'recommend' && result.exact.length > 0 && result.exact.every((p) => p.stock <= 0)) {
    // Never recommend what cannot be bought: say it is out, and offer what is in stock nearby.
    const out = result.exact.slice(0, 2);
    const recs = await deps.recommender.recommend({ userId: state.userId, seedProductIds: out.map((p) => p.id), exclude: out.map((p) => p.id) }, 8);
    const alt = recs.map((r) => deps.catalog.get(r.productId)).filter((p): p is Product => Boolean(p) && p!.stock > 0 && p!.category === out[0].category).slice(0, 3);
    remember(alt);
    const lead = `Sorry, the ${out.map((p) => p.title).join(' and the ')} ${out.length > 1 ? 'are' : 'is'} out of stock right now.`;
    return alt.length > 0 ? [card(alt, `${lead} These are in stock and similar:`)] : [{ kind: 'text', text: `${lead} Click "Notify me" on the product page to hear when it is back.` }];
  }
  if (result.exact.length === 1 && questions.length > 0) {
    // "can the little harbour kids set go in the microwave": a search that finds one product answers about it.
    const p = result.exact[0];
    remember([p]);
    return [card([p], questions.map((f) => factSentence(p, f, input.nlu.text, factContext(input, p))).join(' '))];
  }
  // "mattresses??" when the shop sells only mattress protectors: say so, then show them.
  const topic = !q.head && !q.category && q.topics.length === 1 ? q.topics[0] : undefined;
  if (topic && result.exact.length > 0 && result.exact.every((p) => titleHead(p.title).head !== topic && normWords(p.title).includes(topic))) {
    const shown = result.exact.slice(0, MAX_CARDS);
    remember(shown);
    return [card(shown, `Sorry, we don't sell ${plural(topic)} themselves. For your ${topic} we have:`)];
  }
  if (result.exact.length > 0) {
    const inStock = result.exact.filter((p) => p.stock > 0);
    const shown = (inStock.length > 0 || mode === 'recommend' ? inStock : result.exact).slice(0, MAX_CARDS);
    remember(shown);
    const total = result.exact.length;
    const wish = describeQuery(q, currency, total);
    const lead =
      total === 1
        ? `We have one: the ${shown[0].title} at ${money(shown[0].price, shown[0].currency)}${shown[0].stock > 0 ? '' : ' (currently out of stock)'}.`
        : total > shown.length
          ? `We have ${total} ${wish}; here ${shown.length === 1 ? 'is 1' : `are ${shown.length}`}${q.sort === 'cheap' || q.priceMax !== undefined ? ', cheapest first' : q.sort === 'expensive' ? ', priciest first' : ''}:`
          : `Here are our ${wish}:`;
    const out = total > inStock.length && inStock.length > 0 ? ` (${total - inStock.length} more ${total - inStock.length === 1 ? 'is' : 'are'} out of stock.)` : '';
    return [card(shown, lead + out)];
  }
  if (result.nearest.length > 0) {
    const inStock = result.nearest.filter((p) => p.stock > 0).slice(0, 3);
    const nearest = inStock.length > 0 ? inStock : result.nearest.slice(0, 3);
    remember(nearest);
    return [card(nearest, `Sorry, we don't have any ${describeQuery(q, currency)} right now. The closest we have:`)];
  }
  state.focus.topic = 'product';
  input.outcome = 'clarification';
  return [
    {
      kind: 'quick_replies',
      text: `Sorry, I couldn't find any ${describeQuery(q, currency)} in our shop. We sell home goods: furniture, kitchen and cookware, tableware, bedding, bath, lighting, decor, storage, garden, small appliances and kids' items.`,
      options: [{ label: 'Recommend me something', value: 'Recommend me something' }, { label: 'Talk to a person', value: 'Talk to a person' }],
    },
  ];
}
