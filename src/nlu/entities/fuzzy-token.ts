import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance.js';

/** Tokens below this similarity do not match at all, so unrelated words add nothing rather than noise. */
export const TOKEN_MATCH_MIN = 0.88;

/**
 * Similarity of a word the customer typed to a catalog word. Jaro-Winkler tolerates typos ("ceramik" ~ "ceramic")
 * and gives weight to a shared prefix; a crude plural strip makes "mugs" equal "mug". Numbers and words of one or
 * two letters must match exactly, since one changed character changes their meaning.
 */
export function tokenSimilarity(typed: string, known: string): number {
  if (typed === known) return 1;
  const a = singular(typed);
  const b = singular(known);
  if (a === b) return 0.98;
  if (/\d/.test(a) || /\d/.test(b) || a.length < 3 || b.length < 3) return 0;
  const s = jaroWinkler(a, b);
  return s >= TOKEN_MATCH_MIN ? s : 0;
}

function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('es') && /(?:ch|sh|x|s)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}
