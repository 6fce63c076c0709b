import { askedFacts, factSentence, joinOr, type FactKind } from '../../catalog/product-facts.ts';
import { normWords } from '../../catalog/catalog-text.ts';
import { titleHead } from '../../catalog/product-vocabulary.ts';
import { hasWishes } from '../../catalog/product-query.ts';
import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { money, productCard, quick, text, type DialogueInput } from '../dialogue-input.ts';
import { detailAnswer, questionWords } from '../../catalog/product-details.ts';
import { PRONOUN, referencedProducts } from '../product-references.ts';
import { factContext } from './product-fact-context.ts';
import { refinedSearch, SEARCH_CUE, searchAnswer, wantsSearch } from './product-search-answer.ts';

export type ProductMode = 'info' | 'availability' | 'recommend';

/** "X vs Y", "X or Y", "X compared to Y"; "and" joins two products only with a comparing word. */
const COMPARE_SPLIT = /\s+(?:vs\.?|versus|or|compared (?:to|with))\s+|\s*,\s*or\s+/i;
const COMPARE_AND = /\s+(?:and|than|with)\s+/i;
const COMPARISON = /\b(compare|comparison|difference|differ|better|bigger|smaller|cheaper|heavier|lighter|larger|which (one )?(is|should|would))\b/i;
const FOLLOW_UP = /^\s*(and|what about|how about|same (for|with)|and for|what of)\b/i;
/** "if not, what should I get?", "what else do I need": the answer comes with what completes the product. */
const NEEDS_MORE = /\bwhat (else )?(should|do|would|must) (i|we) (get|buy|need|order)\b|\bwhat else\b|\bwhat do (i|we) need\b|\bneed anything else\b/i;
const TOTAL = /\b(together|in total|total|both|all of them|altogether|combined)\b/i;

function show(input: DialogueInput, products: Product[], main?: Product): void {
  const { state } = input;
  rememberProducts(state, products.map((p) => p.id));
  state.focus.shown = products.map((p) => p.id);
  state.focus.productId = main?.id ?? (products.length === 1 ? products[0].id : undefined);
  state.focus.topic = 'product';
}

const cards = (input: DialogueInput, products: Product[], lead?: string): Reply => ({
  kind: 'product_cards',
  ...(lead ? { text: lead } : {}),
  products: products.map((p) => productCard(p, input.deps.catalog.url(p))),
});

/** Products that complete these, when the customer asked what else to get. */
function completing(input: DialogueInput, products: Product[], facts: FactKind[] = []): Reply | undefined {
  // "does it come with the filling?" about a product whose description says what is sold separately.
  const separately = facts.includes('contents') && products.some((p) => /\bsold separately\b/i.test(p.description));
  if (!NEEDS_MORE.test(input.nlu.text) && !separately) return undefined;
  const extra = [...new Set(products.flatMap((p) => input.deps.catalog.complements(p)))].filter((q) => !products.includes(q) && q.stock > 0).slice(0, 3);
  return extra.length > 0 ? cards(input, extra, `To go with ${products.length === 1 ? 'it' : 'them'}, you could get:`) : undefined;
}

/**
 * The warranty policy's sentence for this product ("Ironside cast iron ... 10-year guarantee"), found by the
 * product's range, material or kind; else the guarantee every product has. Never a guessed number.
 */
async function warrantyTerms(input: DialogueInput, p: Product): Promise<string | undefined> {
  const series = p.title.split(/\s+/)[0];
  const material = String(p.attributes.material ?? '');
  const hits = await input.deps.knowledge.search(`guarantee years ${series} ${material} ${p.category}`, { kinds: ['policy'], k: 8 });
  const sentences = hits.flatMap((h) => h.text.split(/(?<=[.!?])\s+(?=[A-Z])/)).filter((x) => /\b\d+[- ](year|month)s?\b|\b(two|five|ten|six)[- ](year|month)s?\b/i.test(x) && /guarantee|warrant|covered/i.test(x));
  const words = [series, ...material.split(/[^\p{L}]+/u), p.category.replace(/-/g, ' ')].map((w) => w.toLowerCase()).filter((w) => w.length > 3);
  const specific = sentences.find((x) => words.some((w) => x.toLowerCase().includes(w)) && !/care plus|commercial/i.test(x));
  return specific ?? sentences.find((x) => /\bevery product\b|legal guarantee/i.test(x));
}

/** One product, one or more facts: a sentence each, with the product's card; in-stock alternatives when it is out. */
async function answerFacts(input: DialogueInput, p: Product, asked: FactKind[]): Promise<Reply[]> {
  const ctx = factContext(input, p);
  // "is there one in sage?" names nothing beyond the product itself: what it is, its price and stock.
  const nothingAsked = asked.length === 1 && asked[0] === 'detail' && !detailAnswer(p, input.nlu.text) && questionWords(input.nlu.text, p).length === 0;
  const facts: FactKind[] = nothingAsked ? ['overview'] : asked;
  const sentences = [...new Set(facts.map((f) => factSentence(p, f, input.nlu.text, ctx)))];
  // "is she old enough, and how many pieces are in the box": a second question about another attribute.
  const extra = facts.includes('detail') || facts.includes('overview') ? undefined : detailAnswer(p, input.nlu.text, { attributesOnly: true });
  // ...unless a sentence already says it ("care: Machine wash 40 °C" after "Yes, ... machine wash 40 °C").
  const extraValue = extra?.split(': ').at(-1)?.replace(/\.$/, '').toLowerCase();
  if (extra && !sentences.some((s) => s.toLowerCase().includes(extraValue!))) sentences.push(extra);
  show(input, [p], p);
  input.state.focus.lastFacts = facts.filter((f) => f !== 'overview');
  if (facts.includes('restock') && p.stock <= 0) {
    const [faq] = await input.deps.knowledge.search('when will an out of stock item be back in stock, restock notification', { kinds: ['faq'], k: 1 });
    if (faq) sentences.push(faq.text);
  }
  if (facts.includes('warranty') && p.attributes.warranty_years === undefined) {
    const terms = await warrantyTerms(input, p);
    const general = factSentence(p, 'warranty', input.nlu.text, ctx);
    sentences.splice(sentences.indexOf(general), 1, ...(terms ? [`For the ${p.title}: ${terms}`] : [general]));
  }
  // Whatever was asked, a product that cannot be bought now is said to be out of stock.
  if (p.stock <= 0 && !sentences.some((x) => /out of stock|sold out/i.test(x))) sentences.push(`It is currently out of stock.`);
  const replies: Reply[] = [cards(input, [p], sentences.join(' '))];
  const more = completing(input, [p], facts);
  if (more) replies.push(more);
  if (p.stock <= 0) {
    const recs = await input.deps.recommender.recommend({ userId: input.state.userId, seedProductIds: [p.id], exclude: [p.id] }, 8);
    const alt = recs.map((r) => input.deps.catalog.get(r.productId)).filter((q): q is Product => Boolean(q) && q!.stock > 0 && q!.category === p.category).slice(0, 3);
    if (alt.length > 0) replies.push(cards(input, alt, 'These similar items are in stock:'));
  }
  return replies;
}

/**
 * Several products fit: when they all give the same answer, say it once for all; a price or stock question gets the
 * answer per product; anything else asks which one (the options become quick replies).
 */
async function answerSeveral(input: DialogueInput, candidates: Product[], asked: FactKind[]): Promise<Reply[]> {
  const shown = candidates.slice(0, 5);
  // A question none of them has an answer for ("vases?") is a request to see them: price and stock each.
  const unanswerable = asked.length === 1 && asked[0] === 'detail' && shown.every((p) => !detailAnswer(p, input.nlu.text));
  const q = input.nlu.text;
  // ...but "is the walnut board treated with anything?" asks something the catalog does not say: say so.
  const about = unanswerable ? questionWords(q, shown[0]).filter((w) => shown.every((p) => questionWords(q, p).includes(w))).slice(0, 3) : [];
  // "are the candles scented?": a word their tags all carry ("scented candle") is a yes.
  const tagged = (p: Product, w: string) => new Set(normWords(p.tags.join(' '))).has(w);
  if (about.length > 0 && about.every((w) => shown.every((p) => tagged(p, w)))) {
    show(input, shown);
    return [cards(input, shown, `Yes, ${shown.length === 2 ? 'both' : 'all'} are ${about.join(' ')}: the ${joinOr(shown.map((p) => p.title), 'and')}.`)];
  }
  if (about.length > 0) {
    show(input, shown);
    return [cards(input, shown, `Our catalog doesn't say anything about "${about.join(' ')}" for the ${joinOr(shown.map((p) => p.title))}, so I can't confirm it; a member of our team can check for you.`)];
  }
  const facts = asked.length > 0 && !unanswerable ? asked : (['price', 'stock'] as FactKind[]);
  if (facts.includes('price') && TOTAL.test(q) && shown.length > 1) {
    const total = shown.reduce((sum, p) => sum + p.price, 0);
    show(input, shown);
    return [cards(input, shown, `Together they cost ${money(total, shown[0].currency)} (${shown.map((p) => `${p.title} ${money(p.price, p.currency)}`).join(' + ')}).`)];
  }
  const perProduct = shown.map((p) => facts.map((f) => factSentence(p, f, q, factContext(input, p)).replaceAll(p.title, '\u0000')).join(' '));
  if (new Set(perProduct).size === 1 && !facts.includes('overview')) {
    const family = shown[0].title.split(',')[0];
    show(input, shown);
    const terms = facts.includes('warranty') && shown[0].attributes.warranty_years === undefined ? await warrantyTerms(input, shown[0]) : undefined;
    const sentence = terms ? `For the ${family}: ${terms}` : perProduct[0].replaceAll('\u0000', `the ${family}`).replace(/\bthe the\b/gi, 'the');
    const more = completing(input, shown, facts);
    return [
      cards(input, shown, `${sentence[0].toUpperCase()}${sentence.slice(1)} That goes for ${shown.length === 2 ? 'both' : `all ${shown.length}`}: ${joinOr(shown.map((p) => p.title), 'and')}.`),
      ...(more ? [more] : []),
    ];
  }
  // "how tall are they?", "how many litres is the saucepan" (two sizes): each one's answer, rather than a question back.
  if (facts.every((f) => f !== 'overview' && f !== 'detail') && shown.length <= 4) {
    const answers = shown.map((p) => ({ p, text: facts.map((f) => factSentence(p, f, q, factContext(input, p))).join(' ') }));
    // Products the catalog knows nothing about for this question (the cookware set's capacity) are left out.
    const known = answers.filter((a) => !/^(I don't have|Our catalog doesn't say)/.test(a.text));
    const listed = known.length > 0 ? known : answers;
    show(input, listed.map((a) => a.p));
    input.state.focus.lastFacts = facts;
    input.state.focus.options = listed.map((a) => a.p.id);
    return [cards(input, listed.map((a) => a.p), listed.map((a) => a.text).join('\n'))];
  }
  if (facts.every((f) => f === 'price' || f === 'stock')) {
    show(input, shown);
    input.state.focus.options = shown.map((p) => p.id);
    const lines = shown.map((p) => `${p.title}: ${money(p.price, p.currency)}, ${p.stock > 0 ? (p.stock < 5 ? `only ${p.stock} left` : 'in stock') : 'out of stock'}.`);
    return [cards(input, shown, lines.join('\n')), quick('Which one would you like to know more about?', shown.map((p) => p.title))];
  }
  return askWhich(input, shown);
}

/**
 * "and the oat linen one?" after cushion covers: "one" is of the kind on show, so the oat linen cushion cover, not the
 * oat linen pillowcases and duvet cover the same words also name.
 */
function ofShownKind(input: DialogueInput, head: string | undefined, named: Product[]): Product[] {
  const { state, deps, nlu } = input;
  if (head || named.length < 2 || !/\bones?\b/i.test(nlu.text)) return named;
  // The kind with its modifier: a cushion cover is not a duvet cover.
  const kindOf = (p: Product) => {
    const { head, modifier } = titleHead(p.title);
    return `${modifier ?? ''} ${head ?? ''}`;
  };
  const kinds = new Set(state.focus.shown.map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p)).map(kindOf));
  if (kinds.size !== 1) return named;
  const same = named.filter((p) => kinds.has(kindOf(p)));
  return same.length > 0 ? same : named;
}

/** Asks which of these products the question is about; the answer ("the bistro table") answers the question then. */
function askWhich(input: DialogueInput, products: Product[]): Reply[] {
  show(input, products);
  input.state.focus.options = products.map((p) => p.id);
  input.state.focus.question = input.nlu.text;
  input.outcome = 'clarification';
  return [quick(`Which one do you mean: ${joinOr(products.map((p) => `the ${p.title}`))}?`, products.map((p) => p.title))];
}

/** Two products side by side: the facts asked for (price, size and material by default) for each. */
async function compare(input: DialogueInput, products: Product[], asked: FactKind[]): Promise<Reply[]> {
  const [a, b] = products;
  // "which is bigger / lighter / cheaper" asks for that measure.
  const comparative: FactKind[] = [
    ...(/\b(bigger|smaller|larger|wider|narrower|taller|shorter|longer|deeper)\b/i.test(input.nlu.text) ? (['dimensions'] as FactKind[]) : []),
    ...(/\b(lighter|heavier)\b/i.test(input.nlu.text) ? (['weight'] as FactKind[]) : []),
    ...(/\b(cheaper|pricier|more expensive|less expensive)\b/i.test(input.nlu.text) ? (['price'] as FactKind[]) : []),
  ];
  const specific = [...new Set([...comparative, ...asked.filter((f) => f !== 'overview' && f !== 'detail')])];
  const detail = [a, b].some((p) => detailAnswer(p, input.nlu.text, { attributesOnly: true }));
  // "which one smells fresher": their scents say it; the prices would only be noise.
  const base: FactKind[] = specific.length > 0 ? specific : detail ? [] : asked.includes('detail') ? ['price'] : ['price', 'dimensions', 'material'];
  const kinds: FactKind[] = detail ? [...base, 'detail'] : base;
  const lines = kinds.flatMap((f) => [a, b].map((p) => factSentence(p, f, input.nlu.text, factContext(input, p))));
  if (kinds.includes('price') && a.price !== b.price) {
    const [cheap, dear] = a.price < b.price ? [a, b] : [b, a];
    lines.push(`So the ${cheap.title} is ${money(dear.price - cheap.price, cheap.currency)} cheaper.`);
  }
  const weight = (p: Product) => Number(p.attributes.weight_kg ?? NaN);
  if (/\b(lighter|heavier|weigh)/i.test(input.nlu.text) && Number.isFinite(weight(a)) && Number.isFinite(weight(b)) && weight(a) !== weight(b)) {
    const [light] = weight(a) < weight(b) ? [a, b] : [b, a];
    lines.push(`The ${light.title} is the lighter one (${weight(light)} kg).`);
  }
  show(input, [a, b]);
  return [cards(input, [a, b], [...new Set(lines)].join(' '))];
}

/** The best product of one side of a comparison, borrowing the kind from the other side when it names none. */
function resolveSide(input: DialogueInput, side: string, other: string): Product | undefined {
  const { catalog } = input.deps;
  const found = catalog.resolve(side);
  if (found.length === 1) return found[0].product;
  const kind = catalog.parseQuery(other);
  if (kind.head && !catalog.parseQuery(side).head) {
    // Borrow only the kind ("duvet cover"), not the other product's name ("cloud percale").
    const kindWords = kind.modifiers.filter((m) => catalog.parseQuery(m).head === m && !side.toLowerCase().includes(m));
    const retry = catalog.resolve(`${side} ${[...kindWords, kind.head].join(' ')}`);
    if (retry.length >= 1) return retry[0].product;
  }
  return found[0]?.product;
}

/** The two products of "X vs Y", "X or Y", "difference between X and Y", or "is it bigger than Y". */
function comparedProducts(input: DialogueInput): Product[] | undefined {
  const t = input.nlu.text.replace(/\b(?:what'?s|what is) the difference between\b/i, '');
  // (The comparison word may be in the part just cut off: "what's the difference between the small and large board".)
  const splitter = COMPARE_SPLIT.test(t) ? COMPARE_SPLIT : COMPARISON.test(input.nlu.text) ? COMPARE_AND : undefined;
  if (!splitter) return undefined;
  const parts = t.split(splitter).filter((x) => x.trim().length > 0);
  if (parts.length < 2) return undefined;
  const [left, right] = [parts[0], parts.slice(1).join(' ')];
  const a = resolveSide(input, left, right);
  const b = resolveSide(input, right, left);
  if (a && b && a !== b) return [a, b];
  // "is it bigger than the armchair?": the product in focus against the one named.
  const focus = input.state.focus.productId ? input.deps.catalog.get(input.state.focus.productId) : undefined;
  const named = a ?? b;
  if (focus && named && focus !== named && COMPARISON.test(t) && /\b(it|this|that|the other)\b/i.test(t)) return [focus, named];
  return undefined;
}

/** What to answer about a product picked by reference: the question asked now, else the one waiting for "which one?". */
function factsFor(asked: FactKind[], pending: string | undefined, defaults: FactKind[]): FactKind[] {
  const carried = asked.length > 0 && !(asked.length === 1 && asked[0] === 'detail' && pending) ? asked : pending ? askedFacts(pending) : [];
  return carried.length > 0 ? carried : defaults;
}

/**
 * Product questions and searches: which product the customer means (by number, name, partial name, "it", "the second
 * one"), what they ask about it, or what they are looking for. Never presents another product as the named one.
 */
export async function productAnswer(input: DialogueInput, mode: ProductMode, options: { implicit?: boolean; compareShown?: boolean } = {}): Promise<Reply[] | undefined> {
  // "do you have a play kitchen to go with the food?": the product asked for is before "to go with".
  const wanted = /^(.*\b(do (you|u) (have|sell)|got any|any)\b.*?)\s+(to go with|that goes with|to match|matching)\b/i.exec(input.nlu.text)?.[1];
  if (wanted && input.deps.catalog.resolve(wanted).length > 0) input = { ...input, nlu: { ...input.nlu, text: wanted } };
  const { nlu, deps, state } = input;
  // Asking for a recommendation is not a question about a product's details.
  const own = askedFacts(nlu.text).filter((f) => mode !== 'recommend' || f !== 'detail');
  // "what about the armchair?" after "how wide is the sofa?" asks the same about another product.
  const carriedOver = FOLLOW_UP.test(nlu.text) && (own.length === 0 || (own.length === 1 && own[0] === 'detail')) && state.focus.lastFacts?.length;
  const asked = carriedOver ? (state.focus.lastFacts as FactKind[]) : own;
  const defaults: FactKind[] = mode === 'availability' ? ['stock', 'price'] : ['overview'];
  const pending = state.focus.question;
  state.focus.question = undefined;

  // "how much for both then" after the knife, then the strip: the last two products talked about, together.
  if (/\bboth\b/i.test(nlu.text) && state.focus.shown.length === 1 && deps.catalog.resolve(nlu.text).length === 0) {
    const lastTwo = state.viewedProductIds.slice(-2).map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p));
    if (lastTwo.length === 2) return answerSeveral(input, lastTwo, asked.length > 0 ? asked : ['price']);
  }
  if (options.implicit) {
    // A follow-up on the product just discussed ("is that one grey tho", "and the dishwasher?"): about that product,
    // never a new search; a detail the catalog does not have is left to the rest of the dialogue.
    const referred = referencedProducts(nlu.text, state, deps.catalog, options);
    if (referred.length === 1) {
      if (asked.length === 1 && asked[0] === 'detail' && !detailAnswer(referred[0], nlu.text)) return undefined;
      return answerFacts(input, referred[0], asked.length > 0 ? asked : defaults);
    }
  }
  const shownPair = options.compareShown ? state.focus.shown.map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p)) : [];
  const pair = shownPair.length === 2 ? shownPair : comparedProducts(input);
  if (pair) return compare(input, pair, asked);
  const query = deps.catalog.parseQuery(nlu.text);
  const found = deps.catalog.resolve(nlu.text);
  // "the Little Harbour kids plate and bowl set": a clearly better name match beats a weak partial one.
  // It must also be named by a word the others lack ("kids"): "the walnut chopping board" stays ambiguous.
  const said = new Set(normWords(nlu.text));
  const titleWords = (p: Product) => new Set(normWords(p.title));
  const distinct = (a: Product, b: Product) => [...titleWords(a)].some((w) => said.has(w) && !titleWords(b).has(w));
  const dominant = found.length > 1 && found[0].via === 'name' && found[0].recall >= 0.6 && found.slice(1).every((m) => m.recall <= found[0].recall * 0.6 && distinct(found[0].product, m.product));
  const matches = dominant ? [found[0]] : found;
  const named = ofShownKind(input, query.head, matches.map((m) => m.product));
  // "the cheapest one" among several just shown picks one of them; otherwise it narrows the last search.
  const picksOne = /\b(one|ones|first|second|third|fourth|last|both|that|this|it)\b/i.test(nlu.text);
  const picked = state.focus.shown.length > 1 && picksOne ? referencedProducts(nlu.text, state, deps.catalog) : [];
  if (picked.length === 1 && named.length === 0) {
    // "ok the bigger one. does it come with a lid?" after both sizes' capacity: that one's capacity, and the lid.
    const before = (state.focus.lastFacts ?? []) as FactKind[];
    const facts = factsFor(asked, pending, before.length > 0 ? before : defaults);
    return answerFacts(input, picked[0], facts.includes('overview') ? facts : [...new Set([...before, ...facts])]);
  }
  // "and how many temperature settings do they have" after two kettles: a question about them, not a search.
  const plainly = query.priceMax === undefined && query.priceMin === undefined && query.sort === undefined && query.colours.length + query.materials.length + query.specs.length === 0;
  if (named.length === 0 && !query.head && !query.category && plainly && asked.length > 0 && !SEARCH_CUE.test(nlu.text) && /\b(they|them)\b/i.test(nlu.text)) {
    const shownAll = referencedProducts(nlu.text, state, deps.catalog);
    if (shownAll.length > 1 && shownAll.length <= 4) return answerSeveral(input, shownAll, asked);
  }
  // "are those bulbs dimmable?": the products of that kind just shown, not a new search.
  if (named.length === 0 && query.head && /\b(those|these|the ones)\b/i.test(nlu.text)) {
    const ofKind = state.focus.shown.map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p) && titleHead(p!.title).head === query.head);
    if (ofKind.length === 1) return answerFacts(input, ofKind[0], asked.length > 0 ? asked : defaults);
    if (ofKind.length > 1) return answerSeveral(input, ofKind, asked);
  }
  // "and how many seats?" after a list: answered for the products just shown that have it.
  const specific = asked.filter((f) => f !== 'overview' && f !== 'detail');
  const shownNow = state.focus.shown.map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p));
  if (specific.length > 0 && named.length === 0 && !query.head && !query.category && shownNow.length > 1 && FOLLOW_UP.test(nlu.text)) {
    return answerSeveral(input, shownNow.slice(0, 4), specific);
  }
  // "can the cover go in the washer?" right after cards: the covers just shown, not every cover in the shop.
  const narrows = query.priceMax !== undefined || query.priceMin !== undefined || query.sort !== undefined || query.colours.length + query.materials.length + query.specs.length > 0;
  const shownKind = query.head && named.length === 0 && specific.length > 0 && !narrows && !SEARCH_CUE.test(nlu.text) ? shownNow.filter((p) => normWords(p.title).includes(query.head!)) : [];
  if (shownKind.length === 1) return answerFacts(input, shownKind[0], specific);
  if (shownKind.length > 1 && shownKind.length <= 4) return answerSeveral(input, shownKind, specific);
  // "how much is the kettle?" when the kettles are one product in several colours: a question about that product.
  const facts = asked.filter((f) => f !== 'overview' && f !== 'detail');
  if (facts.length > 0 && named.length === 0 && (query.head || query.category) && !SEARCH_CUE.test(nlu.text)) {
    const kind = deps.catalog.search(query).exact;
    const family = (p: Product) => p.title.split(',')[0].trim();
    if (kind.length > 1 && kind.length <= 5 && kind.every((p) => family(p) === family(kind[0]))) return answerSeveral(input, kind, facts);
  }
  // "are your candles vegan?": a yes/no question about the few products of that kind, not a list of them.
  if (asked.length === 1 && asked[0] === 'detail' && named.length === 0 && query.head && !narrows && /^\s*(are|is|do|does|can|will|would)\b/i.test(nlu.text) && !SEARCH_CUE.test(nlu.text)) {
    const kind = deps.catalog.search(query).exact.filter((p) => titleHead(p.title).head === query.head);
    if (kind.length > 1 && kind.length <= 4) return answerSeveral(input, kind, ['detail']);
  }
  const refined = picked.length > 0 && picked.length < state.focus.shown.length ? undefined : refinedSearch(input, query, matches);
  if (refined) return searchAnswer(input, refined, asked, mode);
  if (wantsSearch(nlu.text, query, matches, asked, mode)) return searchAnswer(input, query, asked, mode);
  // "the bistro table" after "which one do you mean?": the question asked then, about it.
  if (named.length === 1 && pending && state.focus.options?.includes(named[0].id) && asked.every((f) => f === 'detail' || f === 'overview')) {
    return answerFacts({ ...input, nlu: { ...nlu, text: pending } }, named[0], factsFor([], pending, defaults));
  }
  if (named.length === 1) return answerFacts(input, named[0], asked.length > 0 ? asked : defaults);
  if (named.length > 1) return answerSeveral(input, named, asked.length > 0 ? asked : mode === 'availability' ? defaults : []);

  const referred = referencedProducts(nlu.text, state, deps.catalog, options);
  if (referred.length > 0) {
    // "the large one" after "which board do you mean?" answers the question that was asked then.
    return referred.length === 1 ? answerFacts(input, referred[0], factsFor(asked, pending, defaults)) : answerSeveral(input, referred, factsFor(asked, pending, []));
  }
  // "can I wash it in the machine?", "how many can I get" right after a few cards: each one's answer says which.
  const aboutShown = PRONOUN.test(nlu.text) || nlu.text.split(/\s+/).filter(Boolean).length <= 8;
  // "ok how long does it burn" after two candles: a detail each of them states (their burn time) counts too.
  const detailed = asked.includes('detail') && shownNow.some((p) => detailAnswer(p, nlu.text));
  if ((specific.length > 0 || detailed) && named.length === 0 && !query.head && shownNow.length > 1 && shownNow.length <= 4 && aboutShown) {
    return answerSeveral(input, shownNow, specific.length > 0 ? specific : ['detail']);
  }
  // "is it weatherproof?" after six garden products: which one, with them as choices (not "tell me its name").
  if ((specific.length > 0 || asked.includes('detail')) && named.length === 0 && !query.head && shownNow.length > 4 && PRONOUN.test(nlu.text)) {
    return askWhich(input, shownNow);
  }
  if (query.head || query.category || query.colours.length || query.materials.length || query.topics.length || hasWishes(query)) return searchAnswer(input, query, asked, mode);
  return undefined;
}

/** Asked about a product we cannot identify: ask which, rather than guess; an unknown product number is said so. */
export function askWhichProduct(input: DialogueInput): Reply[] {
  input.outcome = 'clarification';
  const number = /\b(?:p-?|product\s*(?:no\.?|number|#)?\s*|item\s*(?:no\.?|number|#)?\s*)(\d{3,5})\b/i.exec(input.nlu.text);
  if (number) {
    input.state.focus.topic = 'product_number';
    return [text(`I couldn't find a product with number P-${number[1]} in our catalog. Could you check the number, or tell me the product's name?`)];
  }
  return [text('Which product do you mean? Tell me its name (for example "Lune armchair") or product number (like P-1048) and I will look it up.')];
}
