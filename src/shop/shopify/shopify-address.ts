import { ShopmateError } from '../../core/errors.ts';

/** Shopify's MailingAddressInput, the parts we can read from one line. */
export interface MailingAddressInput {
  address1: string;
  address2?: string;
  city: string;
  zip: string;
  countryCode: string;
  firstName?: string;
  lastName?: string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
let countries: Map<string, string> | undefined;

/**
 * A country name or ISO 3166-1 alpha-2 code -> the code, from the runtime's own English region names (no table to
 * maintain) plus the usual short forms.
 */
function countryCodeOf(text: string): string | undefined {
  if (!countries) {
    countries = new Map();
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const a of LETTERS) {
      for (const b of LETTERS) {
        const name = names.of(a + b);
        if (!name || /unknown/i.test(name)) continue;
        countries.set((a + b).toLowerCase(), a + b);
        // The first code wins a shared name ("France": FR, not the retired FX).
        if (!countries.has(name.toLowerCase())) countries.set(name.toLowerCase(), a + b);
      }
    }
    for (const [alias, code] of [['the netherlands', 'NL'], ['holland', 'NL'], ['uk', 'GB'], ['usa', 'US'], ['deutschland', 'DE']]) countries.set(alias!, code!);
  }
  return countries.get(text.trim().toLowerCase());
}

/** "1015 CS Amsterdam", "10115 Berlin", "75001 Paris": postcode first, then the town (European order). */
const ZIP_CITY = /^([A-Z0-9]{2,5}(?:[ -][A-Z0-9]{2,4})?)\s+(\p{L}[\p{L}\s.'-]*)$/iu;

/**
 * The address a customer typed in one line ("Keizersgracht 12, 1015 CS Amsterdam, Netherlands", as the dialogue asks
 * for it) as Shopify's parts. The country may be left out: the order's current country stays. A line we cannot
 * split into street, postcode and town is refused (CONFLICT, reason "address-unreadable") rather than sent half-read
 * to the carrier.
 */
export function parseAddressLine(line: string, currentCountryCode: string | undefined): MailingAddressInput {
  const parts = line.split(',').map((p) => p.trim()).filter(Boolean);
  let countryCode = parts.length > 2 || (parts.length === 2 && !ZIP_CITY.test(parts[1]!)) ? countryCodeOf(parts.at(-1)!) : undefined;
  if (countryCode) parts.pop();
  countryCode ??= currentCountryCode;
  const townAt = parts.map((p) => ZIP_CITY.test(p)).lastIndexOf(true);
  if (townAt < 1 || !countryCode) {
    throw new ShopmateError('CONFLICT', 'the new address needs a street, a postcode and a town (for example "Keizersgracht 12, 1015 CS Amsterdam, Netherlands"); a person can change it otherwise', {
      details: { reason: 'address-unreadable' },
    });
  }
  const [, zip, city] = parts[townAt]!.match(ZIP_CITY)!;
  const address2 = parts.slice(1, townAt).join(', ');
  return { address1: parts[0]!, ...(address2 ? { address2 } : {}), city: city!.trim(), zip: zip!, countryCode };
}
