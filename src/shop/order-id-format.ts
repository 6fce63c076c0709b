import type { OrderIdFormat, OrderIdMatch } from './shop-platform.ts';

function match(m: RegExpMatchArray, value: string, confidence: number, group = 0): OrderIdMatch {
  const raw = m[group]!;
  const start = m.index! + (group === 0 ? 0 : m[0].indexOf(raw));
  return { value, raw, start, end: start + raw.length, confidence };
}

/**
 * Ids with a letter prefix and a fixed number of digits, as the demo shop's "SM-123456", and the ways customers type
 * them: "sm123456", "SM 123456", "#SM-123456", "SM #123 456". A bare number of that length counts with an order cue
 * ("#123456", "order no. 123456") or when the bot just asked for the order number.
 */
export function prefixedOrderIds(prefix: string, digits: number): OrderIdFormat {
  const half = Math.floor(digits / 2);
  const p = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const prefixed = new RegExp(`(?<![\\p{L}\\p{N}])#?\\s?${p}\\s?[-#]?\\s?#?\\s?(\\d{${half}})\\s?(\\d{${digits - half}})(?!\\d)`, 'giu');
  const cued = new RegExp(`(?:#|\\border\\s*(?:number|no\\.?|nr\\.?|id|#)?\\s*#?\\s*)(\\d{${digits}})(?!\\d)`, 'giu');
  const bare = new RegExp(`(?<![\\p{L}\\p{N}-])(\\d{${digits}})(?![\\p{L}\\p{N}])`, 'gu');
  const canonical = (n: string) => `${prefix}-${n}`;
  return {
    example: `${prefix}-${'123456789'.slice(0, digits).padEnd(digits, '0')}`,
    display: (id) => id,
    find(text, options = {}) {
      const out = [...text.matchAll(prefixed)].map((m) => match(m, canonical(`${m[1]}${m[2]}`), 0.97));
      for (const m of text.matchAll(cued)) {
        // Only the "#123456" part is the id; "order" is context, not part of the entity.
        const hash = m[0].lastIndexOf('#');
        const start = m.index + (hash >= 0 ? hash : m[0].length - m[1]!.length);
        const end = m.index + m[0].length;
        if (out.some((o) => o.start < end && start < o.end)) continue;
        out.push({ value: canonical(m[1]!), raw: text.slice(start, end), start, end, confidence: 0.8 });
      }
      if (options.bare && out.length === 0) out.push(...[...text.matchAll(bare)].map((m) => match(m, canonical(m[1]!), 0.7, 1)));
      return out.sort((a, b) => a.start - b.start);
    },
  };
}

/**
 * Plain order numbers, as Shopify's "#1001" (the order's `name`; its number is 1001) and WooCommerce's order ids.
 * "#1001" and "order 1001" / "order number 1001" count; a bare "1001" only right after the bot asked for the order
 * number, because a lone number is as often a quantity, a price or a postcode.
 */
export function numberedOrderIds(options: { prefix?: string; minDigits?: number; maxDigits?: number } = {}): OrderIdFormat {
  const prefix = options.prefix ?? '#';
  const digits = `\\d{${options.minDigits ?? 3},${options.maxDigits ?? 10}}`;
  const p = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const hashed = new RegExp(`(?<![\\p{L}\\p{N}])${p}\\s?(${digits})(?!\\d)`, 'gu');
  const cued = new RegExp(`\\border\\s*(?:number|no\\.?|nr\\.?|id|num)?\\s*[:#]?\\s*(${digits})(?![\\d.,]\\d|\\d)`, 'giu');
  const bare = new RegExp(`(?<![\\p{L}\\p{N}#.,-])(${digits})(?![\\p{L}\\p{N}]|[.,]\\d)`, 'gu');
  return {
    example: `${prefix}1001`,
    display: (id) => `${prefix}${id}`,
    find(text, opts = {}) {
      const out = [...text.matchAll(hashed)].map((m) => match(m, m[1]!, 0.95));
      for (const m of text.matchAll(cued)) {
        const found = match(m, m[1]!, 0.85, 1);
        if (!out.some((o) => o.start < found.end && found.start < o.end)) out.push(found);
      }
      if (opts.bare && out.length === 0) out.push(...[...text.matchAll(bare)].map((m) => match(m, m[1]!, 0.7, 1)));
      return out.sort((a, b) => a.start - b.start);
    },
  };
}
