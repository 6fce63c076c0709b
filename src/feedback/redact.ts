/**
 * Removes personal data from text before it is stored or used for training. The live conversation keeps the
 * original (the dialogue needs the order id and email to verify an order); only stored copies see this version.
 * Values the bot knows to be personal (an order's name and address) are removed by PersonalValues on top of these
 * patterns; the patterns catch what a customer types about themselves.
 */
export interface RedactionOptions {
  /** Order ids identify a customer's purchase; some shops treat them as personal data. */
  orderIds: boolean;
}

/** "my name is" -> "[Mm][Yy] [Nn][Aa][Mm][Ee] [Ii][Ss]": case-insensitive words inside a case-sensitive pattern. */
function anyCase(words: string): string {
  return [...words].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
}

interface Rule {
  re: RegExp;
  tag: string;
  optional?: keyof RedactionOptions;
}

const STREET = '(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|boulevard|blvd|square|sq|strasse|straße|weg|laan|gracht|plein|rue|via|calle|kade|singel|dijk|allee)';

// Order matters: the most specific shapes first, so an IBAN is not half-eaten by the card or phone rule.
const RULES: Rule[] = [
  { re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, tag: '[email]' },
  // IBAN: country, check digits, then 11-30 letters/digits, grouped by spaces or not ("NL91 ABNA 0417 1643 00").
  { re: /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b/gi, tag: '[iban]' },
  // A bank code with its account number, the part of an IBAN people quote on its own ("ABNA 0417 1643 00").
  { re: /\b[A-Z]{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{2}\b/gi, tag: '[iban]' },
  { re: /\b\d{3}-\d{2}-\d{4}\b/g, tag: '[ssn]' },
  // 13-19 digit card numbers, optionally grouped by spaces or dashes.
  { re: /\b(?:\d[ -]?){12,18}\d\b/g, tag: '[card]' },
  { re: /\bSM[-\s#]?\d{6}\b/gi, tag: '[order]', optional: 'orderIds' },
  // Shops that number their orders (Shopify "#1001", WooCommerce): "#1001", "order 1001", "order no. 1001".
  { re: /#\d{3,10}\b|\border\s*(?:number|no\.?|nr\.?|id)?\s*[:#]?\s*\d{3,10}\b/gi, tag: '[order]', optional: 'orderIds' },
  // International (+31 / 0031), national trunk prefix (06-...), North American "(555) 123-4567" / "555-123-4567".
  { re: /(?:\+|\b00)\d[\d\s().-]{7,}\d|\b0\d[\d\s().-]{7,}\d\b|\(\d{3}\)\s?\d{3}[\s.-]?\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b/g, tag: '[phone]' },
  // "12 Baker Street", "Keizersgracht 12", "Lange Nieuwstraat 41", "Brüsseler Straße 18": a house number next to a
  // street-like word, or a street name ending in one.
  {
    re: new RegExp(
      `\\b\\d{1,5}[a-z]?\\s+(?:[\\p{L}]+\\s){0,3}${STREET}\\b\\.?` +
        `|\\b[\\p{L}-]+\\s+(?:straße|strasse|str\\.|street|road|avenue|lane|straat|weg|laan|gasse|allee)\\s+\\d{1,5}[a-z]?\\b` +
        `|\\b[\\p{L}-]+(?:straat|strasse|straße|str\\.|weg|laan|gracht|plein|gasse|kade|singel|dijk|allee)\\s*\\d{1,5}[a-z]?\\b`,
      'giu',
    ),
    tag: '[address]',
  },
  // Postcodes: Dutch "3512 PE", British "SW1A 1AA", a US state with its ZIP, five digits before a town ("50674 Köln"),
  // and four digits before a town after a comma (", 1000 Brussel").
  {
    re: /\b\d{4}\s?[A-Z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|\b\d{5}\s+\p{Lu}[\p{L}-]+|(?<=,\s*)\d{4}\s+\p{Lu}[\p{L}-]+/gu,
    tag: '[postcode]',
  },
  // A name the customer introduces: "my name is Anna de Vries", "name: Tom", "kind regards, Sam Lee". The announcing
  // words in any case, the name itself capitalised (so "my name is on the order" stays).
  {
    re: new RegExp(`(?<=\\b(?:${['my name is', "my name's", 'name:', 'regards,', 'regards', 'groetjes,', 'groetjes'].map(anyCase).join('|')})\\s+)\\p{Lu}[\\p{L}'-]*(?:\\s+(?:(?:van|de|der|den|von|da|di|le|la|ten|ter)\\s+)*\\p{Lu}[\\p{L}'-]*)*`, 'gu'),
    tag: '[name]',
  },
  // A name in a greeting or sign-off ("Hi Johanna,", "Dear Mrs de Vries!", "Thanks Tom."): greetings of the
  // customer by an operator, and the customer's own sign-off. Only before punctuation or the end, so "hi Lune
  // armchair stock?" stays.
  {
    re: new RegExp(
      `(?<=\\b(?:${['hi', 'hello', 'hey', 'dear', 'thanks', 'thank you', 'cheers', 'best', 'hallo', 'beste'].map(anyCase).join('|')})\\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|mevrouw|meneer)\\.?\\s+)?)` +
        `\\p{Lu}\\p{Ll}[\\p{L}'-]*(?:\\s+(?:(?:van|de|der|den|von|da|di|le|la|ten|ter)\\s+)*\\p{Lu}\\p{Ll}[\\p{L}'-]*)?(?=\\s*(?:[,!.]|$))`,
      'gmu',
    ),
    tag: '[name]',
  },
];

export function redact(text: string, options: RedactionOptions = { orderIds: false }): string {
  let out = text;
  for (const rule of RULES) {
    if (rule.optional && !options[rule.optional]) continue;
    out = out.replace(rule.re, rule.tag);
  }
  return out;
}
