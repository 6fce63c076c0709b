/**
 * A cheap lexical reading of a customer message: lower-cased content words with a crude stem, no stop words, no
 * redaction placeholders. Two messages with the same key ask the same thing in (nearly) the same words.
 */
const STOP = new Set(
  ('a an the i me my we our you your it its is are was were be been am do does did to of in on at for from with and or but ' +
    'so if this that these those there here can could would should will shall may might must have has had please hi hello ' +
    'hey thanks thank just still again any some what how when where why which who whom whose ok okay').split(' '),
);

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, '').replace(/(.)\1$/, '$1') || word;
}

export function contentWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/\[[a-z_]+\]/g, ' ')
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(stem);
  return [...new Set(words)].sort();
}

/** The cluster key of the lexical clustering: the sorted set of content words ("" when there are none). */
export function messageKey(text: string): string {
  return contentWords(text).join(' ');
}

/** Jaccard overlap of the content words of two messages (0 when either has none). */
export function wordOverlap(a: string, b: string): number {
  const x = new Set(contentWords(a));
  const y = new Set(contentWords(b));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}
