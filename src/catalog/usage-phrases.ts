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
    // "will it survive the dryer", "can it handle the dishwasher".
    String.raw`(?<=\b(?:survive|handle|take|withstand|stand)\s+)${ARTICLE}${APPLIANCE}\b`,
    // "microwave safe", "dishwasher-proof", "machine washable", "machine wash only".
    String.raw`\b${APPLIANCE}[- ]?(?:safe|proof|friendly|wash(?:able|ed|ing)?)\b`,
  ].join('|'),
  'giu',
);

/** The text with every usage phrase's appliance replaced by spaces (so offsets into the text stay valid). */
export function withoutUsagePhrases(text: string): string {
  return text.replace(USAGE_PHRASE, (m) => ' '.repeat(m.length));
}
