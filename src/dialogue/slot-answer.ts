import type { NluResult } from '../nlu/nlu-result.ts';
import type { ConversationState } from './conversation-state.ts';
import { yesNo } from './dialogue-input.ts';

/** Entity types that are values a customer gives when asked (never a question of their own). */
const SLOT_TYPES = new Set(['email', 'order_id', 'phone', 'postcode', 'quantity', 'size', 'color', 'country']);
const FILLER = /^(it'?s|it is|my|the|mine|here|email|e-mail|order|number|no\.?|is|:|,|\.|-|please|thanks|thank you|sure)$/i;

/** Whether the bot's last message of the conversation was a question (the customer's next message may answer it). */
export function lastBotAskedQuestion(state: ConversationState): boolean {
  const last = state.history[state.history.length - 1];
  return last?.role === 'bot' && /\?\s*$/.test(last.text.trim());
}

/**
 * A message that is only a value: "yes", "nope", "[email]", "SM-100231", "it's SM-100231 thanks". Such answers to the
 * bot's question say nothing about what the model understood, so they must not reach the operator's review queue.
 */
export function isBareSlotValue(nlu: NluResult): boolean {
  const text = nlu.text.trim();
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= 4 && yesNo(text) !== undefined && !/\?\s*$/.test(text)) return true;
  let rest = text;
  let found = false;
  for (const e of nlu.entities) {
    if (!SLOT_TYPES.has(e.type) || !e.raw) continue;
    found = true;
    rest = rest.split(e.raw).join(' ');
  }
  if (!found) return false;
  return rest.split(/\s+/).filter((w) => w && !FILLER.test(w)).length === 0;
}
