/**
 * Removes personal data from text before it is stored or used for training. The live conversation keeps the
 * original (the dialogue needs the order id and email to verify an order); only the log sees this version.
 */
export interface RedactionOptions {
  /** Order ids identify a customer's purchase; some shops treat them as personal data. */
  orderIds: boolean;
}

const RULES: Array<{ re: RegExp; tag: string; optional?: keyof RedactionOptions }> = [
  { re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, tag: '[email]' },
  // 13-19 digit card numbers, optionally grouped by spaces or dashes.
  { re: /\b(?:\d[ -]?){12,18}\d\b/g, tag: '[card]' },
  { re: /\bSM[-\s#]?\d{6}\b/gi, tag: '[order]', optional: 'orderIds' },
  { re: /(?:\+|00)\d[\d\s().-]{7,}\d|\b0\d[\d\s().-]{7,}\d\b/g, tag: '[phone]' },
  // "12 Baker Street", "Keizersgracht 12": a house number next to a street-like word.
  {
    re: /\b\d{1,5}[a-z]?\s+(?:[\p{L}]+\s){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|boulevard|blvd|square|sq|strasse|straße|weg|laan|gracht|plein|rue|via|calle)\b\.?|\b[\p{L}]+(?:strasse|straße|weg|laan|gracht|plein|gasse)\s+\d{1,5}[a-z]?\b/giu,
    tag: '[address]',
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
