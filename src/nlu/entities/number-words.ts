/** Small numbers customers spell out ("two of these", "three days ago"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, couple: 2, pair: 2, dozen: 12,
};

export const NUMBER_WORD_PATTERN = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';

/** "3" or "three" -> 3; anything else -> undefined. */
export function parseCount(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return NUMBER_WORDS[token.toLowerCase()];
}
