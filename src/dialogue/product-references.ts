import { colourFamily } from '../catalog/product-vocabulary.ts';
import type { Product } from '../knowledge/types.ts';
import type { ConversationState } from './conversation-state.ts';
import type { ProductCatalog } from './dialogue-deps.ts';

const ORDINALS: Array<[RegExp, (n: number) => number]> = [
  [/\b(first|1st|number one|no\.? ?1|#1|top one)\b/i, () => 0],
  [/\b(second|2nd|number two|no\.? ?2|#2|middle one)\b/i, () => 1],
  [/\b(third|3rd|number three|no\.? ?3|#3)\b/i, () => 2],
  [/\b(fourth|4th|number four|no\.? ?4|#4)\b/i, () => 3],
  [/\b(last|bottom) one\b|\bthe last\b/i, (n) => n - 1],
];

/** "it", "that one", "this", "them": the product last talked about. */
export const PRONOUN = /\b(it|its|it'?s|this|that|that one|this one|the one|them|they|these|those)\b/i;
const BIGGER = /\b(big|bigger|biggest|larger|largest|large one|taller|longer|wider)\b/i;
const SMALLER = /\b(small|smaller|smallest|little|littler|tiny|shorter|narrower|mini)\b/i;

const wordsOf = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** The first measure in a title ("... Saucepan 20 cm ...", "... 1.7 L") for "the bigger one". */
const sizeOf = (p: Product) => Number(/(\d+(?:\.\d+)?)\s*(?:cm|l|ml|m|g)\b/i.exec(p.title)?.[1] ?? NaN);

/** Narrow the options just shown by what the customer said about them: ordinal, price, size, colour or a word. */
function amongShown(message: string, shown: Product[], catalog: ProductCatalog): Product[] {
  // "how big is that one" asks a size; it does not pick the big one.
  const text = message.replace(/\bhow (big|large|small|wide|tall|long)\b/gi, ' ');
  for (const [re, index] of ORDINALS) {
    const p = re.test(text) ? shown[index(shown.length)] : undefined;
    if (p) return [p];
  }
  if (shown.length > 1 && /\b(cheap(er|est)|less expensive|lower price)\b/i.test(text)) return [shown.reduce((a, b) => (b.price < a.price ? b : a))];
  if (shown.length > 1 && /\b(more expensive|most expensive|pricier|priciest|dearer)\b/i.test(text)) return [shown.reduce((a, b) => (b.price > a.price ? b : a))];
  if (/\b(both|all of them|all three|each( of them)?|the two|together|in total)\b/i.test(text)) return shown;
  const sizeWords = shown.filter((p) => (BIGGER.test(text) && /\blarge\b/i.test(p.title)) || (SMALLER.test(text) && /\bsmall\b/i.test(p.title)));
  if (sizeWords.length === 1) return sizeWords;
  const sized = shown.filter((p) => Number.isFinite(sizeOf(p)));
  if (sized.length > 1 && (BIGGER.test(text) || SMALLER.test(text))) {
    return [sized.reduce((a, b) => ((BIGGER.test(text) ? sizeOf(b) > sizeOf(a) : sizeOf(b) < sizeOf(a)) ? b : a))];
  }
  const narrowed = catalog.resolve(text).map((m) => m.product).filter((p) => shown.includes(p));
  if (narrowed.length > 0 && narrowed.length < shown.length) return narrowed;
  // A word that tells the options apart ("the green one", "the wall one", "fig"), fuzzy on colours and titles.
  // Colour words reach their family ("green" finds the sage kettle).
  const said = wordsOf(text).filter((w) => w.length > 2).flatMap((w) => colourFamily(w));
  const byWord = shown.filter((p) => said.some((w) => wordsOf(`${p.title} ${p.attributes.colour ?? ''}`).some((t) => t === w || (w.length > 3 && t.startsWith(w))) && !shown.every((q) => wordsOf(`${q.title} ${q.attributes.colour ?? ''}`).includes(w))));
  return byWord.length > 0 && byWord.length < shown.length ? byWord : [];
}

/**
 * Products a message refers to without naming them: one of the options just shown ("the second one", "the cheaper
 * one", "the green one", "both"), or the product last discussed ("it"; with `implicit`, also a bare follow-up such
 * as "and the dishwasher?"). Empty when the message refers to nothing of the kind.
 */
export function referencedProducts(text: string, state: ConversationState, catalog: ProductCatalog, options: { implicit?: boolean } = {}): Product[] {
  const shown = state.focus.shown.map((id) => catalog.get(id)).filter((p): p is Product => Boolean(p));
  if (shown.length > 1) {
    const picked = amongShown(text, shown, catalog);
    if (picked.length > 0) return picked;
    // "how many settings do they have": every option just shown.
    if (/\b(they|them|these|those)\b/i.test(text)) return shown;
  }
  const last = state.focus.productId ? catalog.get(state.focus.productId) : shown.length === 1 ? shown[0] : undefined;
  // "and how big is the small one then?" after picking the large board from "large or small?".
  const offered = (state.focus.options ?? []).map((id) => catalog.get(id)).filter((p): p is Product => Boolean(p));
  if (shown.length <= 1 && offered.length > 1) {
    const picked = amongShown(text, offered, catalog).filter((p) => p.id !== last?.id);
    if (picked.length === 1) return picked;
  }
  // "is the green one in stock too?", "medium then": another variant of the product in focus, or of the range
  // just compared ("the small or the medium basket?" ... "maybe the large one instead").
  const familyOf = (p: Product) => p.title.split(',')[0].trim();
  const sameRange = shown.length > 1 && shown.every((p) => familyOf(p) === familyOf(shown[0]));
  const anchor = last ?? (sameRange ? shown[0] : undefined);
  if (anchor && /\b(one|ones|version|variant|colou?r|size)\b|^\s*\w+( then)?[.!?]?\s*$|^\s*\w+( then)?[,.]/i.test(text)) {
    const family = catalog.list().filter((p) => familyOf(p) === familyOf(anchor));
    if (family.length > 1) {
      const picked = amongShown(text, family, catalog).filter((p) => p.id !== anchor.id && !(sameRange && !last && shown.includes(p)));
      if (picked.length === 1) return picked;
    }
  }
  if (last && (PRONOUN.test(text) || options.implicit)) return [last];
  return [];
}
