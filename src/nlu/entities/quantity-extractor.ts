import type { Entity } from './entity.ts';
import { NUMBER_WORD_PATTERN, parseCount } from './number-words.ts';

const COUNT = String.raw`(\d{1,3}|${NUMBER_WORD_PATTERN})`;
const UNITS = String.raw`pieces?|pcs\.?|units?|items?|packs?|boxes|box|bottles?|pairs?|sets?|copies|copy`;
const RULES: Array<{ re: RegExp; confidence: number }> = [
  // "2x", "2 x", "x2", "×3"
  { re: new RegExp(String.raw`(?<![\p{L}\p{N}.,])(\d{1,3})\s?[x×](?![\p{L}\p{N}])`, 'giu'), confidence: 0.9 },
  { re: new RegExp(String.raw`(?<![\p{L}\p{N}])[x×]\s?(\d{1,3})(?![\p{L}\p{N}])`, 'giu'), confidence: 0.85 },
  // "3 pieces", "two packs"
  { re: new RegExp(String.raw`(?<![\p{L}\p{N}.,])${COUNT}\s+(?:${UNITS})(?![\p{L}])`, 'giu'), confidence: 0.9 },
  // "two of", "3 of those"
  { re: new RegExp(String.raw`(?<![\p{L}\p{N}.,])${COUNT}\s+of\b`, 'giu'), confidence: 0.8 },
  // "a dozen", "a couple of", "a pair of"
  { re: /\ba\s+(dozen|couple|pair)(?:\s+of)?\b/giu, confidence: 0.8 },
];

/** Explicit quantities ("2x", "two of", "3 pieces"). Bare numbers are left alone: they are too often something else. */
export function findQuantities(text: string): Entity[] {
  const out: Entity[] = [];
  for (const { re, confidence } of RULES) {
    for (const m of text.matchAll(re)) {
      const value = parseCount(m[1]);
      if (value === undefined || value === 0) continue;
      out.push({ type: 'quantity', value, raw: m[0], start: m.index, end: m.index + m[0].length, confidence });
    }
  }
  return out;
}
