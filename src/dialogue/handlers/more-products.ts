import type { ProductQuery } from '../../catalog/product-query.ts';
import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { productCard, quick, type DialogueInput } from '../dialogue-input.ts';
import { describeQuery } from './product-search-answer.ts';

/**
 * "something else?", "any other options?", "show me more" right after product cards: more of the same wish. Only a
 * short message that asks for nothing but more ("what else do I need for it" asks for accessories, elsewhere).
 */
export const MORE_PRODUCTS = /^\s*(?:(?:ok(?:ay)?|hmm+|and|so|um+|nah|no|not really|meh|right|cool|thanks|ty)\b[\s,.!]*)*(?:(?:do you have|have you got|got|any|show me|is there)\s+)?(?:something else|anything else|other (?:options?|ones?|ideas?|suggestions?)|any others?|others|more (?:options?|ideas?|suggestions?|of them|of those)|(?:some|any) more|more|alternatives?|something different|anything different|different ones?|what else (?:do you have|have you got|is there|you got))\s*(?:please|pls|then|maybe|perhaps|instead)?\s*[?!.]*\s*$/i;

const MAX = 4;

/**
 * The next products for the wish behind the cards just shown: further matches of the last search first, then the
 * closest products by text and taste (in stock, in the budget asked for, not shown before). Says so when nothing
 * is left, rather than showing the same cards again.
 */
export async function moreProducts(input: DialogueInput): Promise<Reply[]> {
  const { deps, state } = input;
  const search = state.focus.search as ProductQuery | undefined;
  const seen = new Set([...(state.focus.seen ?? []), ...state.focus.shown]);
  const inBudget = (p: Product) => (search?.priceMax === undefined || p.price <= search.priceMax * 1.1) && (search?.priceMin === undefined || p.price >= search.priceMin * 0.9);
  const fresh = (p: Product | undefined): p is Product => p !== undefined && !seen.has(p.id) && p.stock > 0 && inBudget(p);
  const currency = deps.profile.currency;

  const further = search ? deps.catalog.search(search).exact.filter(fresh) : [];
  if (further.length > 0) return show(input, further.slice(0, MAX), seen, `Here are more ${describeQuery(search!, currency)}:`);

  // Nothing more of that exact wish: what comes closest to what was asked, then what goes with what was shown.
  const seenProducts = [...seen].map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p));
  // The kind of shop section asked about (cookware for a cook's gift): the commonest among the products shown for it.
  const section = mostCommon(seenProducts.map((p) => p.category));
  const asked = state.focus.productAsk ?? (search ? describeQuery(search, currency) : seenProducts.map((p) => p.title).join(', '));
  const byText = (await deps.knowledge.search(asked, { kinds: ['product'], k: 24 })).map((h) => deps.catalog.get(h.id)).filter(fresh);
  const recs = await deps.recommender.recommend({ userId: state.userId, seedProductIds: [...seen], query: asked, exclude: [...seen] }, 12);
  const byTaste = recs.map((r) => deps.catalog.get(r.productId)).filter(fresh);
  const near = (p: Product) => section === undefined || p.category === section;
  const picks = [...new Set([...byText.filter(near), ...byTaste.filter(near)])].slice(0, MAX);
  const allOf = search && (search.head || search.category) ? `That's all the ${describeQuery(search, currency)} we have. ` : '';
  if (picks.length > 0) return show(input, picks, seen, `${allOf}${allOf ? 'You might also like these' : 'Here are a few more ideas'}:`);
  input.outcome = 'clarification';
  return [quick(`${allOf}I have nothing else that fits. Tell me a bit more (a room, a budget, a kind of product) and I'll look again.`, ['Recommend me something', 'Talk to a person'])];
}

function show(input: DialogueInput, products: Product[], seen: Set<string>, lead: string): Reply[] {
  const { state, deps } = input;
  rememberProducts(state, products.map((p) => p.id));
  state.focus.shown = products.map((p) => p.id);
  state.focus.seen = [...seen, ...state.focus.shown];
  state.focus.productId = products.length === 1 ? products[0].id : undefined;
  state.focus.topic = 'product';
  state.focus.lastFacts = undefined;
  return [{ kind: 'product_cards', text: lead, products: products.map((p) => productCard(p, deps.catalog.url(p))) }];
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
