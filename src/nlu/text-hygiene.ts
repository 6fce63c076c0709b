import { ShopmateError } from '../core/errors.ts';

// C0/C1 control characters and zero-width/bidi formatting marks: invisible, never meaningful for intent.
// eslint-disable-next-line no-control-regex -- matching control characters is what this pattern is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const WHITESPACE = /\s+/g;

/**
 * Normalises user text before it is embedded or used as a cache key: Unicode NFKC, control characters removed,
 * whitespace collapsed, truncated at a word boundary to maxChars. Emoji and any script pass through unchanged.
 * Returns '' for text with nothing left; callers decide whether that is an error (see requireText).
 */
export function cleanText(text: string, maxChars: number): string {
  let s = text.normalize('NFKC').replace(CONTROL, '').replace(WHITESPACE, ' ').trim();
  if (s.length > maxChars) {
    const cut = s.slice(0, maxChars);
    const space = cut.lastIndexOf(' ');
    // Prefer a word boundary unless that would throw away most of the text (e.g. one giant token).
    s = (space > maxChars * 0.8 ? cut.slice(0, space) : cut).trim();
    // Never split a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  }
  return s;
}

/** cleanText, but empty input is a clear ENCODER_INPUT error instead of a silent empty string. */
export function requireText(text: unknown, maxChars: number): string {
  if (typeof text !== 'string') {
    throw new ShopmateError('ENCODER_INPUT', `text must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  const s = cleanText(text, maxChars);
  if (s === '') throw new ShopmateError('ENCODER_INPUT', 'text is empty after removing whitespace and control characters');
  return s;
}
