/**
 * "Does the text contain any of these phrases?", the one definition both stores use for the price-demand rules:
 * ASCII letters compared case-insensitively (as SQLite's LIKE and lower() do), everything else exactly. SQLite calls
 * it as a function (one compiled pattern per phrase list, instead of a LIKE per phrase per turn).
 */
export const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const compiled = new Map<string, RegExp | null>();

/** Compiled once per list; `key` is the list as JSON (what SQLite passes), so a call parses nothing. */
function matcherFor(key: string, list: () => string[]): RegExp | null {
  let re = compiled.get(key);
  if (re === undefined) {
    const phrases = list();
    re = phrases.length === 0 ? null : new RegExp(phrases.map((p) => escape(asciiLower(p))).join('|'));
    if (compiled.size > 100) compiled.clear(); // rule sets are configuration: a handful at most
    compiled.set(key, re);
  }
  return re;
}

export function containsAnyPhrase(text: string, phrases: string[]): boolean {
  const re = matcherFor(JSON.stringify(phrases), () => phrases);
  return re !== null && re.test(asciiLower(text));
}

/** The same test with the phrases given as a JSON array (SQLite's shopmate_contains_any). */
export function containsAnyPhraseJson(text: string, phrasesJson: string): boolean {
  const re = matcherFor(phrasesJson, () => JSON.parse(phrasesJson) as string[]);
  return re !== null && re.test(asciiLower(text));
}
