import type { Entity } from './entity.ts';

// A digit run with the separators people use in phone numbers; the digit count is checked afterwards.
const PHONE = /(?<![\p{L}\p{N}+#/.,-])(?:\+|00)?\(?\d[\d\s()./-]{4,22}\d(?![\p{L}\p{N}]|[.,]\d)/gu;

export interface PhoneOptions {
  /** Country calling code (digits) for local numbers with a trunk 0, e.g. "49"; unknown = keep local digits. */
  defaultCountryCode?: string;
}

/**
 * International ("+49 151 1234 5678", "0049 ...") and local ("0151 12345678", "(030) 123-4567") numbers,
 * normalised to "+<digits>" when the country is known and to plain digits otherwise.
 */
export function findPhones(text: string, options: PhoneOptions = {}): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(PHONE)) {
    const raw = m[0].replace(/[\s./-]+$/, '');
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    // A date like 2026-11-03 or 12/03/2026 is not a phone number.
    if (/^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(raw)) continue;
    const international = raw.startsWith('+') || raw.startsWith('00');
    let value = digits;
    if (international) value = '+' + (raw.startsWith('00') ? digits.slice(2) : digits);
    else if (options.defaultCountryCode && digits.startsWith('0')) value = `+${options.defaultCountryCode}${digits.slice(1)}`;
    const separated = /[\s()./-]/.test(raw);
    const confidence = international ? 0.92 : separated || digits.startsWith('0') ? 0.75 : 0.55;
    out.push({ type: 'phone', value, raw, start: m.index, end: m.index + raw.length, confidence });
  }
  return out;
}
