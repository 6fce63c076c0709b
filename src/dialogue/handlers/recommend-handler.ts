import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { productCard, text, type DialogueInput } from '../dialogue-input.ts';
import { titleHead } from '../../catalog/product-vocabulary.ts';
import { productAnswer } from './product-handler.ts';
import { plural } from './product-search-answer.ts';

const seriesOf = (p: Product) => p.title.split(/\s+/)[0].toLowerCase();

export const GOES_WITH = /\b(go(es)? (\w+ )?with|match(es|ing)?|(the )?same colou?r|to go with|pair(s)? with|complement|what else|need to (hang|use|go with|make)|accessor(y|ies))\b/i;
const MAX = 4;
/** Words around a need that say nothing about the product: who it is for, how keen they are, when, and the asking. */
const NOT_THE_NEED = /\b(what|which|should|could|would|can|might|do|does|i|we|you|get|buy|give|recommend|suggest|ideas?|any|some|him|her|them|me|us|my|our|boyfriend|girlfriend|husband|wife|partner|mum|mom|mother|dad|father|parents?|friend|son|daughter|kids?|sister|brother|grandma|grandpa|colleague|boss|gift|present|got|is|are|has|have|been|super|really|very|so|totally|lately|recently|into|every|each|morning|mornings|evening|night|day|daily|weekend)\b|[?!.,]+/gi;

/** "my boyfriend got super into baking sourdough, what could i get him??" -> "baking sourdough". */
export function needOf(message: string): string {
  return message.replace(BUDGET, ' ').replace(NOT_THE_NEED, ' ').replace(/\s+/g, ' ').trim();
}

/** "under 50 pls", "budget around 40 euro": the budget filters; as words it would find the "50 x 50" cushion. */
const BUDGET = /\b(?:(?:my )?budget(?: is)?(?: of)?|under|below|less than|max(?:imum)?|up to|around|about|roughly|over|above|more than|between)\s*(?:€|eur\s*)?\d+(?:[.,]\d+)?\s*(?:€|eur(?:os?)?\b|euros?\b|bucks\b|quid\b)?(?:\s*(?:and|-|to)\s*\d+(?:[.,]\d+)?\s*(?:€|eur(?:os?)?\b|euros?\b)?)?|(?:€|eur\s*)\d+(?:[.,]\d+)?/gi;

/**
 * "What should I buy": what completes a product the customer names ("what goes with the lune armchair"), a search
 * when they say what they want ("green bath towels", "a gift under 30 for a cook"), and otherwise the products whose
 * text is closest to the need ("to make smoothies every morning"), blended with the hybrid recommender. Never
 * out-of-stock items.
 */
export async function recommend(input: DialogueInput): Promise<Reply[]> {
  const { deps, state, nlu } = input;
  const q = deps.catalog.parseQuery(nlu.text);
  const matches = deps.catalog.resolve(nlu.text);
  const named = matches.filter((m) => m.via !== 'kind').map((m) => m.product);
  const inBudget = (p: Product) => (q.priceMax === undefined || p.price <= q.priceMax) && (q.priceMin === undefined || p.price >= q.priceMin);
  const ok = (p: Product) => p.stock > 0 && inBudget(p);

  const owned = ownedProducts(input);
  // "got the bistro table, need seating for two": another kind for a product the customer has.
  const forOwned = owned.length > 0 && [q.head, ...q.otherHeads].some((h) => h !== undefined && owned.every((p) => titleHead(p.title).head !== h));
  // The one product of a kind named ("the espresso machine") counts as named.
  const have = owned.length > 0 ? owned : named.length > 0 ? named : matches.length === 1 ? [matches[0].product] : [];
  let completing = false;
  if (have.length > 0 && (GOES_WITH.test(nlu.text) || forOwned)) {
    completing = true;
    // "which chairs match my alder oak table", "which pillowcases match the sage linden cover": products of the kind
    // asked for (not the kind already owned), from the same series, in the same colour where there is a choice.
    const haveKinds = new Set(have.map((p) => titleHead(p.title).head));
    const wanted = [q.head, ...q.otherHeads].filter((k): k is string => Boolean(k) && !haveKinds.has(k));
    if (wanted.length > 0) {
      const series = new Set(have.map(seriesOf));
      const colours = new Set(have.map((p) => String(p.attributes.colour ?? '').toLowerCase()));
      const kind = deps.catalog.search({ ...q, head: wanted[0], otherHeads: wanted.slice(1), priceMax: undefined, priceMin: undefined, colours: [], materials: [], modifiers: [], topics: [] }).exact;
      const fit = kind.filter((p) => series.has(seriesOf(p)) && ok(p) && !have.includes(p));
      const sameColour = fit.filter((p) => colours.has(String(p.attributes.colour ?? '').toLowerCase()));
      const picks = sameColour.length > 0 ? sameColour : fit;
      if (picks.length > 0) return show(input, picks.slice(0, MAX), `These ${plural(wanted[0])} go with the ${have[0].title.split(',')[0]}:`);
    }
    const extra = have.flatMap((p) => deps.catalog.complements(p)).filter((p) => ok(p) && !have.includes(p));
    if (extra.length > 0) return show(input, [...new Set(extra)].slice(0, MAX), `These go with the ${have[0].title}:`);
  }
  if (!completing && (q.head || q.colours.length || q.materials.length || q.specs.length || q.needs.length || q.sort)) {
    const answer = await productAnswer(input, 'recommend');
    if (answer) return answer;
  }
  // A need in the customer's words ("for asian cooking"): the closest product texts, within the category and budget
  // asked for, without what the customer already has.
  const need = needOf(completing ? have.reduce((t, p) => t.replace(new RegExp(p.title.split(/[ ,]+/).slice(0, 3).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi'), ' '), nlu.text) : nlu.text);
  const hits = await deps.knowledge.search(need.length >= 3 ? need : nlu.text, { kinds: ['product'], k: 24 });
  const byText = hits.map((h) => deps.catalog.get(h.id)).filter((p): p is Product => Boolean(p) && ok(p!) && !have.includes(p!) && (!q.category || p!.category === q.category));
  const seeds = [...new Set([...named.map((p) => p.id), ...state.viewedProductIds.slice(-3)])];
  const recs = await deps.recommender.recommend({ userId: state.userId, seedProductIds: seeds, query: nlu.text, exclude: named.map((p) => p.id) }, 8);
  const byTaste = recs.map((r) => deps.catalog.get(r.productId)).filter((p): p is Product => Boolean(p) && ok(p!) && (!q.category || p!.category === q.category));
  const picks = [...new Set([...byText.slice(0, 3), ...byTaste])].slice(0, MAX);
  if (picks.length === 0) return [text('I could not find anything matching right now. Could you tell me a bit more about what you are looking for (a room, a budget, a kind of product)?')];
  return show(input, picks, 'Here are some picks you might like:');
}

/**
 * "got the terrace bistro table last month, need seating for two": another kind of product, wanted for one the
 * customer has (whatever the classifier made of it), which is a recommendation, not a question about the table.
 */
export function wantsForOwned(input: DialogueInput): boolean {
  const owned = ownedProducts(input);
  if (owned.length === 0 || !/\b(need|want|looking for|something|anything|recommend|suggest|ideas?|go(es)? with|match)\b/i.test(input.nlu.text)) return false;
  const q = input.deps.catalog.parseQuery(input.nlu.text);
  return [q.head, ...q.otherHeads].some((h) => h !== undefined && owned.every((p) => titleHead(p.title).head !== h));
}

/** The product the customer has or is getting: named after "my", "got", "bought", "getting" up to the punctuation. */
function ownedProducts(input: DialogueInput): Product[] {
  const m = /\b(?:my|our|i have|i'?ve got|got|bought|getting|ordered|have)\s+(?:the\s+|a\s+)?([^,.?!;]+)/i.exec(input.nlu.text);
  return m ? input.deps.catalog.resolve(m[1]).map((x) => x.product) : [];
}

function show(input: DialogueInput, products: Product[], lead: string): Reply[] {
  const { state, deps } = input;
  rememberProducts(state, products.map((p) => p.id));
  state.focus.shown = products.map((p) => p.id);
  state.focus.productId = undefined;
  state.focus.topic = 'product';
  state.focus.search = undefined;
  state.focus.productAsk = input.nlu.text;
  state.focus.seen = undefined;
  return [{ kind: 'product_cards', text: lead, products: products.map((p) => productCard(p, deps.catalog.url(p))) }];
}
