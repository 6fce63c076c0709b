import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance.js';

/** Below this a typed word and a catalog word do not match at all. */
const MIN = 0.9;

/**
 * Everyday words one letter away from a catalog word: "can I make the light cooler" is not about the rice cooker,
 * "lighter" not about a lantern. They match only exactly.
 */
const EVERYDAY = new Set(['cooler', 'warmer', 'lighter', 'heavier', 'cheaper', 'bigger', 'smaller', 'taller', 'longer', 'wider', 'better', 'later', 'water', 'power', 'paper', 'letter', 'butter', 'matter', 'master', 'faster', 'sooner', 'harder', 'softer', 'darker', 'brighter', 'colder', 'hotter', 'thinner', 'thicker', 'shorter', 'deeper', 'stronger', 'sharper', 'quieter', 'louder', 'cleaner', 'nicer', 'safer']);

/**
 * Similarity of two normalised words: 1 when equal, else Jaro-Winkler for words of 5+ letters (typos such as
 * "armchiar", "chopin"), 0 below MIN. Short words and numbers must match exactly: "pan" is not "pen", "24" not "26".
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // Typos rarely hit the first letter; "weather" is not "leather", nor "feather".
  // "standard" is not "stand": a typo changes a letter or two, not the length by three.
  if (EVERYDAY.has(a) || EVERYDAY.has(b) || a.length < 5 || b.length < 5 || /\d/.test(a) || /\d/.test(b) || a[0] !== b[0] || Math.abs(a.length - b.length) > 2) return 0;
  const s = jaroWinkler(a, b);
  return s >= MIN ? s : 0;
}
