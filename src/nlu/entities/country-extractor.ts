import type { Entity } from './entity.ts';

/** ISO 3166-1 alpha-2 codes customers of a European shop may name; names come from Intl in several languages. */
const CODES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'CH', 'NO', 'GB', 'IS', 'LI', 'MC', 'AD', 'SM', 'RS', 'BA', 'ME', 'MK', 'AL',
  'UA', 'MD', 'BY', 'RU', 'TR', 'US', 'CA', 'MX', 'BR', 'AR', 'AU', 'NZ', 'JP', 'CN', 'IN', 'KR', 'SG', 'AE', 'IL', 'ZA',
  'EG', 'MA', 'SA', 'HK', 'TW', 'TH', 'ID', 'PH', 'VN', 'MY', 'NG', 'KE', 'CL', 'CO', 'PE',
];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv', 'da'];

/** Names Intl does not give: short forms, parts of a country, old names. */
const ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB', 'u.k.': 'GB', britain: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', america: 'US', 'the states': 'US', holland: 'NL', 'the netherlands': 'NL',
  'czech republic': 'CZ', swiss: 'CH', corsica: 'FR', sardinia: 'IT', sicily: 'IT', crete: 'GR', mallorca: 'ES', majorca: 'ES',
  ibiza: 'ES', 'canary islands': 'ES', tenerife: 'ES', madeira: 'PT', azores: 'PT', 'wadden islands': 'NL', texel: 'NL',
  emirates: 'AE', uae: 'AE', dubai: 'AE', deutschland: 'DE', belgie: 'BE', 'belgië': 'BE', belgique: 'BE', schweiz: 'CH',
  suisse: 'CH', svizzera: 'CH', osterreich: 'AT', 'österreich': 'AT', espana: 'ES', 'españa': 'ES', italia: 'IT',
  norge: 'NO', sverige: 'SE', danmark: 'DK', suomi: 'FI', polska: 'PL', nederland: 'NL', eire: 'IE', 'éire': 'IE',
};

/** Big cities customers name instead of their country ("shipping to Zurich"). */
const CITIES: Readonly<Record<string, string>> = {
  amsterdam: 'NL', rotterdam: 'NL', utrecht: 'NL', 'the hague': 'NL', eindhoven: 'NL', groningen: 'NL', maastricht: 'NL',
  brussels: 'BE', antwerp: 'BE', ghent: 'BE', gent: 'BE', bruges: 'BE', liege: 'BE', 'liège': 'BE', luxembourg: 'LU',
  berlin: 'DE', hamburg: 'DE', munich: 'DE', 'münchen': 'DE', cologne: 'DE', 'köln': 'DE', frankfurt: 'DE', stuttgart: 'DE', dusseldorf: 'DE', 'düsseldorf': 'DE', leipzig: 'DE',
  paris: 'FR', lyon: 'FR', marseille: 'FR', lille: 'FR', toulouse: 'FR', nice: 'FR', bordeaux: 'FR', strasbourg: 'FR',
  vienna: 'AT', wien: 'AT', salzburg: 'AT', graz: 'AT', innsbruck: 'AT',
  madrid: 'ES', barcelona: 'ES', valencia: 'ES', seville: 'ES', malaga: 'ES', bilbao: 'ES',
  rome: 'IT', roma: 'IT', milan: 'IT', milano: 'IT', naples: 'IT', turin: 'IT', torino: 'IT', florence: 'IT', venice: 'IT', bologna: 'IT',
  lisbon: 'PT', lisboa: 'PT', porto: 'PT', dublin: 'IE', cork: 'IE', copenhagen: 'DK', aarhus: 'DK', stockholm: 'SE', gothenburg: 'SE', malmo: 'SE', 'malmö': 'SE',
  helsinki: 'FI', oslo: 'NO', bergen: 'NO', trondheim: 'NO', zurich: 'CH', 'zürich': 'CH', geneva: 'CH', 'genève': 'CH', bern: 'CH', basel: 'CH', lausanne: 'CH',
  london: 'GB', manchester: 'GB', birmingham: 'GB', edinburgh: 'GB', glasgow: 'GB', bristol: 'GB', liverpool: 'GB', leeds: 'GB',
  warsaw: 'PL', krakow: 'PL', 'kraków': 'PL', prague: 'CZ', praha: 'CZ', budapest: 'HU', athens: 'GR', thessaloniki: 'GR',
  'new york': 'US', 'los angeles': 'US', chicago: 'US', toronto: 'CA', sydney: 'AU', tokyo: 'JP',
};

/** Cities that are also everyday words ("nice.", "a cork board"): only after "to", "in", "from", "near" or "at". */
const WORD_CITIES = new Set(['nice', 'cork', 'bergen', 'bath']);

/** Words that are also country names but rarely mean one in a shop chat ("turkey" roast, "china" plates, "chile" pepper). */
const AMBIGUOUS = new Set(['turkey', 'china', 'chile', 'jordan', 'georgia', 'guinea', 'chad', 'niger', 'oman', 'peru']);

function buildNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const lang of LANGUAGES) {
    const display = new Intl.DisplayNames([lang], { type: 'region' });
    for (const code of CODES) {
      const name = display.of(code)?.toLowerCase();
      if (name && name !== code.toLowerCase() && !AMBIGUOUS.has(name)) names.set(name, code);
    }
  }
  for (const [alias, code] of Object.entries({ ...CITIES, ...ALIASES })) names.set(alias, code);
  return names;
}

let pattern: { re: RegExp; names: Map<string, string> } | undefined;

function compiled(): { re: RegExp; names: Map<string, string> } {
  if (!pattern) {
    const names = buildNames();
    const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = { re: new RegExp(`(?<![\\p{L}])(${alternatives.join('|')})(?![\\p{L}])`, 'giu'), names };
  }
  return pattern;
}

/** Country names in any of the shop's customer languages ("Switzerland", "Schweiz", "the UK"), value = ISO code. */
export function findCountries(text: string): Entity[] {
  const { re, names } = compiled();
  const out: Entity[] = [];
  for (const m of text.matchAll(re)) {
    const code = names.get(m[1].toLowerCase());
    // "US" and "IT" are also words: only the capitalised abbreviation counts.
    if (!code || (/^(us|it)$/i.test(m[1]) && m[1] !== m[1].toUpperCase())) continue;
    if (WORD_CITIES.has(m[1].toLowerCase()) && !/\b(to|in|from|near|at)\s+$/i.test(text.slice(0, m.index))) continue;
    out.push({ type: 'country', value: code, raw: m[0], start: m.index, end: m.index + m[0].length, confidence: 0.9 });
  }
  return out;
}
