import { fromMatch, type Entity } from './entity.ts';

// "SM-123456" and how customers actually type it: "sm123456", "SM 123456", "#SM-123456", "SM #123 456".
const PREFIXED = /(?<![\p{L}\p{N}])#?\s?sm\s?[-#]?\s?#?\s?(\d{3})\s?(\d{3})(?!\d)/giu;
// A bare six-digit number counts only with an order cue: "#123456", "order 123456", "order no. 123456".
const CUED = /(?:#|\border\s*(?:number|no\.?|nr\.?|id|#)?\s*#?\s*)(\d{6})(?!\d)/giu;

export function findOrderIds(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(PREFIXED)) {
    out.push(fromMatch(m as RegExpExecArray, 'order_id', `SM-${m[1]}${m[2]}`, 0.97));
  }
  for (const m of text.matchAll(CUED)) {
    // Only the "#123456" part is the id; "order" is context, not part of the entity.
    const hash = m[0].lastIndexOf('#');
    const start = m.index + (hash >= 0 ? hash : m[0].length - m[1].length);
    const end = m.index + m[0].length;
    out.push({ type: 'order_id', value: `SM-${m[1]}`, raw: text.slice(start, end), start, end, confidence: 0.8 });
  }
  return out;
}
