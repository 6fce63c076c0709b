import type { Entity } from './entity.ts';
import { parseDecimal } from './parse-decimal.ts';

const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  $: 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', 'us$': 'USD',
  '£': 'GBP', gbp: 'GBP', pound: 'GBP', pounds: 'GBP',
  chf: 'CHF', francs: 'CHF', sek: 'SEK', kr: 'SEK',
};

const NUMBER = String.raw`\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOL = String.raw`us\$|[€$£]|eur|usd|gbp|chf|sek`;
const WORD = String.raw`euros?|dollars?|pounds?|francs|kr|eur|usd|gbp|chf|sek|[€$£]`;
// "€12", "EUR 12.50", "12,50 €", "12 euros", "1.234,56 EUR"; the number must not be glued to other digits.
const BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(${SYMBOL})\s?(${NUMBER})(?![\p{N}]|[.,]\d)`, 'giu');
const AFTER = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(${NUMBER})\s?(${WORD})(?![\p{L}\p{N}])`, 'giu');

function amountEntity(m: RegExpMatchArray, numberText: string, currencyText: string): Entity | undefined {
  const amount = parseDecimal(numberText);
  const currency = CURRENCY_WORDS[currencyText.toLowerCase()];
  if (amount === undefined || currency === undefined) return undefined;
  const raw = m[0];
  return { type: 'amount', value: { amount, currency }, raw, start: m.index!, end: m.index! + raw.length, confidence: 0.95 };
}

export function findAmounts(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(BEFORE)) {
    const e = amountEntity(m, m[2], m[1]);
    if (e) out.push(e);
  }
  for (const m of text.matchAll(AFTER)) {
    const e = amountEntity(m, m[1], m[2]);
    if (e) out.push(e);
  }
  return out;
}
