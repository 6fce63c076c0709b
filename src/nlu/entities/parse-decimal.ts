/**
 * Parses amounts written the English way (1,234.56) or the continental way (1.234,56 and 12,50).
 * The last separator is decimal when it has one or two digits after it; otherwise it groups thousands.
 */
export function parseDecimal(text: string): number | undefined {
  const s = text.replace(/[\s\u00a0']/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (last < 0) return Number(s);
  const decimals = s.length - last - 1;
  const intPart = s.slice(0, last).replace(/[.,]/g, '');
  if (decimals === 1 || decimals === 2) return Number(`${intPart}.${s.slice(last + 1)}`);
  if (decimals === 3) return Number(intPart + s.slice(last + 1));
  return undefined;
}
