import { FILLER, normWords } from '../../catalog/catalog-text.ts';
import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { joinOr } from '../../catalog/product-facts.ts';
import { productCard, type DialogueInput } from '../dialogue-input.ts';

/** "which one for side sleepers", "which of them is best for a small balcony", "which is good for kids". */
export const WHICH_FOR = /^\s*(?:(?:ok(?:ay)?|and|so|hmm+|right)[\s,]+)*(?:which|what)(?:\s+one|\s+ones|\s+of (?:them|these|those)|\s+would you (?:recommend|suggest|pick))?(?:\s+(?:is|are|would be|'s))?(?:\s+(?:best|better|good|ok|suitable|right|ideal|meant))?\s+for\s+(.+?)\s*[?!.]*\s*$/i;

/** Words of a wish that say nothing about a product ("for my mum", "for us"). */
const NOT_A_NEED = new Set(['me', 'us', 'my', 'our', 'him', 'her', 'them', 'someone', 'people', 'person', 'use', 'using', 'a', 'an', 'the', 'room', 'home', 'house', 'place', 'space', 'everyday', 'daily', 'time', 'thing', 'things', 'something', 'one']);

/** "bed" names "bedside" and "bedroom"; "sleeper" and "sleepers" meet. */
const sameWord = (w: string, pw: string) => w === pw || (Math.min(w.length, pw.length) >= 3 && (pw.startsWith(w) || w.startsWith(pw)));

/** What the catalog says about a product, as words: title, tags, description and attribute values. */
function productWords(p: Product): Set<string> {
  const attrs = Object.values(p.attributes).map(String).join(' ');
  return new Set(normWords(`${p.title} ${p.tags.join(' ')} ${p.description} ${attrs}`));
}

/**
 * "which one for side sleepers?" about the products on show: the ones whose catalog text names that need. Undefined
 * when the message is not such a question, or none of them does (then the question goes on as a new search).
 */
export function whichShownFor(input: DialogueInput): Reply[] | undefined {
  const { state, deps, nlu } = input;
  const need = WHICH_FOR.exec(nlu.text)?.[1];
  if (!need || state.focus.shown.length === 0) return undefined;
  const wanted = normWords(need).filter((w) => !FILLER.has(w) && !NOT_A_NEED.has(w) && w.length > 2);
  if (wanted.length === 0) return undefined;
  const shown = state.focus.shown.map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p));
  const scored = shown.map((p) => {
    const words = [...productWords(p)];
    return { p, n: wanted.filter((w) => words.some((pw) => sameWord(w, pw))).length };
  });
  const best = Math.max(0, ...scored.map((s) => s.n));
  // Every word of a short need, or most of a longer one ("small balcony table" -> two of three).
  if (best === 0 || best < Math.ceil(wanted.length / 2)) return undefined;
  const picks = scored.filter((s) => s.n === best).map((s) => s.p);
  rememberProducts(state, picks.map((p) => p.id));
  state.focus.shown = picks.map((p) => p.id);
  state.focus.productId = picks.length === 1 ? picks[0].id : undefined;
  const lead = picks.length === 1
    ? `The ${picks[0].title} is the one for ${need.trim()}.`
    : `For ${need.trim()}: ${joinOr(picks.map((p) => `the ${p.title}`), 'and')}.`;
  return [{ kind: 'product_cards', text: lead, products: picks.map((p) => productCard(p, deps.catalog.url(p))) }];
}
