import { normWords } from './catalog-text.ts';
import type { ProductVocabulary } from './product-vocabulary.ts';

/**
 * "can it go in the washing machine", "is it microwave safe", "will it survive the dryer": the customer's own
 * appliance, named to ask how a product may be used or cleaned. Such an appliance is never a product the customer asks
 * about ("machine" would otherwise name our espresso machine), so these phrases are blanked before products are
 * looked up. Only the appliance part goes: the verb and the product ("put the wool throw ...") stay, and the question
 * itself (care, dishwasher, oven) is read from the whole message elsewhere.
 */

/** Appliances a product is cleaned, dried, heated or stored in. */
const APPLIANCE = String.raw`(?:(?:wash|wahs|wasch|wsh|was)\p{L}*[- ]?machine|washer(?:[- ]dryer)?|(?:tumble[- ]?)?dr[yi]er|dish ?washer|microwave|oven|freezer|machine)`;
/** Verbs (and adjectives) that put a product into an appliance: "go in", "put ... in", "safe in", "wash it in". */
const USE = String.raw`(?:go(?:es)?|going|went|put|putting|pop|stick|throw|chuck|bung|toss|wash(?:ed|es|ing)?|clean(?:ed|ing)?|dr(?:y|ied)|tumble|use[ds]?|heat(?:ed)?|bake[ds]?|cook(?:ed)?|safe|fine|ok(?:ay)?|be)`;
const ARTICLE = String.raw`(?:(?:the|a|an|my|our|your|his|her)\s+)?`;

const USAGE_PHRASE = new RegExp(
  [
    // "go in the washing machine", "put the throw in the machine": the appliance after a verb of use, a few words on.
    String.raw`(?<=\b${USE}\b(?:\s+[\p{L}'-]+){0,4}\s+)(?:in|into|through|inside|on)\s+${ARTICLE}${APPLIANCE}\b`,
    // "can I throw it in the machine": the verb is no throw blanket.
    String.raw`(?<=\b(?:can|could|should|may|i|we|you|to|just|and|or)\s+)(?:throw|chuck|toss|bung|pop|stick)\b(?=(?:\s+[\p{L}']+){0,3}?\s+(?:in|into|inside|through)\s+${ARTICLE}${APPLIANCE}\b)`,
    // "will it survive the dryer", "can it handle the dishwasher".
    String.raw`(?<=\b(?:survive|handle|take|withstand|stand)\s+)${ARTICLE}${APPLIANCE}\b`,
    // "how many pieces are in the box", "still in the box": the packaging, not our storage boxes.
    String.raw`\b(?:in|inside)\s+(?:the|its|their|each|one|a|my)\s+(?:original\s+)?(?:box|boxes|packaging|package|pack|parcel)\b`,
    // "microwave safe", "dishwasher-proof", "machine washable", "machine wash only".
    String.raw`\b${APPLIANCE}[- ]?(?:safe|proof|friendly|wash(?:able|ed|ing)?)\b`,
  ].join('|'),
  'giu',
);

/** The text with every usage phrase's appliance replaced by spaces (so offsets into the text stay valid). */
export function withoutUsagePhrases(text: string): string {
  return text.replace(USAGE_PHRASE, (m) => ' '.repeat(m.length));
}

/**
 * Household appliances by what customers call them, each with the name it is known by. The dishwasher, microwave and
 * oven are not here: "and the dishwasher?" asks whether a product may go in it (see product-facts.ts).
 */
const HOUSEHOLD: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:wash|wahs|wasch|wsh|was)\p{L}*[- ]?machines?\b/giu, 'washing machine'],
  [/\bwasher[- ]dryers?\b|\bwashers?\b(?![- ]dryer)/giu, 'washing machine'],
  [/\b(?:tumble[- ]?)?dr[yi]ers?\b/giu, 'tumble dryer'],
  [/\b(?:fridge|refrigerator)s?\b/giu, 'fridge'],
  [/\bfreezers?\b/giu, 'freezer'],
];
/** "for the fridge", "in my freezer": what a product is for or goes in, not an appliance wanted... */
const PLACE_BEFORE = /\b(for|in|into|inside|on|under|next to|beside|above|by|fits?|fit in|match(es)?)\s+((the|my|a|an|our|your)\s+)?([\p{L}-]+\s+)?$/iu;
/** ...unless "for" follows a verb of seeking: "looking for a washing machine" wants one. */
const SOUGHT_BEFORE = /\b(look(s|ing|in)?|search(ing|in)?|hunt(ing|in)?|shop(ping|pin)?|market|after)\s+for\s+((the|my|a|an)\s+)?([\p{L}-]+\s+)?$/iu;

/**
 * "do you sell washing machines": a household appliance the catalog has no product of, asked for as a kind. Its
 * name, so the search can say we do not sell it (rather than offer the espresso machine for "machine"), with its
 * place in the text. An appliance the shop does sell (its kind is a title's) or one named as a place or purpose
 * ("a rack for the oven") is not returned.
 */
export function unsoldAppliances(text: string, vocab: ProductVocabulary): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  for (const [re, name] of HOUSEHOLD) {
    for (const m of text.matchAll(re)) {
      const sold = vocab.kinds.has(normWords(m[0]).join(' ')) || vocab.kinds.has(name);
      const overlaps = out.some((o) => m.index < o.end && o.start < m.index + m[0].length);
      const before = text.slice(0, m.index);
      if (!sold && !overlaps && (!PLACE_BEFORE.test(before) || SOUGHT_BEFORE.test(before))) out.push({ name, start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Greetings, sign-offs, idioms and verbs that look like kinds: "Good morning." names no Morning kettle, "any idea
 * when..." no gift idea, "when she throws them" no wool throw.
 */
const PLEASANTRIES = /\b((any|no|an|got any) idea(?= (when|if|whether|how|what|why|where|about))|(?<=\b(she|he|they|we|i|you|kids?|toddlers?) )throws?(?= (them|it|things|stuff|everything|food|her|his))|good (morning|afternoon|evening|night|day)|morning all|(hi|hello|hey) there|many thanks|thanks (a lot|so much|in advance)|kind(est)? regards|best (regards|wishes)|have a (nice|good|great|lovely) (day|evening|weekend))\b/gi;

/**
 * The text without greetings, usage phrases and appliances the shop does not sell (offsets kept), for finding
 * products.
 */
export function withoutAppliances(text: string, vocab: ProductVocabulary): string {
  const used = withoutUsagePhrases(text).replace(PLEASANTRIES, (m) => ' '.repeat(m.length));
  return unsoldAppliances(used, vocab).reduce((t, a) => t.slice(0, a.start) + ' '.repeat(a.end - a.start) + t.slice(a.end), used);
}
