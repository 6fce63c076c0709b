/** Discord rejects message content over 2,000 characters. */
export const DISCORD_MAX_CONTENT = 2000;

const FENCE = /^\s*```/;
const CLOSE = '\n```';

/** The opening fence line (e.g. "```ts") if `chunk` ends inside a code block. */
function openFence(chunk: string): string | undefined {
  let open: string | undefined;
  for (const line of chunk.split('\n')) {
    if (FENCE.test(line)) open = open === undefined ? line.trim() : undefined;
  }
  return open;
}

/**
 * Best place to cut within `budget` characters: a paragraph break, else a line break, else a space. Only cuts in the
 * second half of the window count, so every chunk makes progress (a reopened fence cannot loop forever); a single
 * "word" longer than half a message is the one case cut mid-word.
 */
function findCut(text: string, budget: number): number {
  const window = text.slice(0, budget + 1);
  const min = Math.floor(budget / 2);
  for (const sep of ['\n\n', '\n']) {
    const at = window.lastIndexOf(sep, budget - 1);
    if (at >= min) return at;
  }
  const space = Math.max(window.lastIndexOf(' ', budget), window.lastIndexOf('\t', budget));
  if (space >= min) return space;
  const code = text.charCodeAt(budget - 1);
  return code >= 0xd800 && code <= 0xdbff ? budget - 1 : budget; // keep surrogate pairs (emoji) whole
}

/** Splits text into messages of at most `max` characters on paragraph/line/word boundaries, keeping code fences balanced. */
export function splitMessage(text: string, max = DISCORD_MAX_CONTENT): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const budget = rest.includes('```') ? max - CLOSE.length : max;
    const cut = findCut(rest, budget);
    let chunk = rest.slice(0, cut).trimEnd();
    rest = rest.slice(cut);
    const fence = openFence(chunk);
    if (fence) {
      chunk += CLOSE;
      rest = `${fence}\n${rest.replace(/^\n/, '')}`; // inside code, keep indentation
    } else {
      rest = rest.replace(/^\s+/, '');
    }
    chunks.push(chunk);
  }
  if (rest) chunks.push(rest);
  return chunks;
}
