import type { Product } from '../knowledge/types.ts';

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const WASHING_MACHINE = /\b(wash\p{L}* ?machine|washer|machine[- ]?wash\p{L}*|in(to)? the (\p{L}+ )?machine)\b/iu;
const DRYER = /\b(tumble[- ]?dr\p{L}*|dr[yi]er)\b/iu;

/**
 * "can it go in the washing machine / the dryer?": yes or no from the care note. A note that names only other ways
 * of cleaning (hand wash, spot clean, dry clean) is a no; a dryer the note does not mention is said not to be
 * mentioned, never promised.
 */
export function machineSentence(p: Product, care: string, question: string): string | undefined {
  const washer = WASHING_MACHINE.test(question);
  const dryer = DRYER.test(question);
  if (!washer && !dryer) return undefined;
  const machineWash = /\bmachine wash/i.test(care) && !/\b(do not|don't|not) machine wash/i.test(care);
  const note = lower(care);
  if (dryer) {
    if (/\btumble dry\b/i.test(care)) return `Yes, ${p.title} can be tumble dried: ${note}.`;
    return machineWash ? `The care note of ${p.title} doesn't mention tumble drying, so I can't promise it: ${note}.` : `No, ${p.title} should not go in a dryer: ${note}.`;
  }
  if (!machineWash) return `No, ${p.title} should not go in the washing machine: ${note}.`;
  // "at 60?" when the note says 40 °C: yes, but not that hot.
  const hotter = Number(/\b(?:at )?(\d{2}) ?(?:°|degrees?\b|deg\b|c\b)|\bat (\d{2})\b/i.exec(question)?.slice(1).find(Boolean) ?? NaN);
  const most = Number(/machine wash (\d{2})/i.exec(care)?.[1] ?? NaN);
  if (hotter > most) return `${p.title} can go in the washing machine, but at ${most} °C at most, not ${hotter} °C: ${note}.`;
  // "Cover machine wash 40 °C; spot clean inner": only the cover goes in.
  if (/^\s*cover machine wash/i.test(care)) return `Only the cover of ${p.title} can go in the washing machine: ${note}.`;
  return `Yes, ${p.title} can go in the washing machine: ${note}.`;
}
