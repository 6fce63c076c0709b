import type { Reply } from '../../core/message.ts';
import type { HandoffReason } from '../conversation-state.ts';
import { quick, text, type DialogueInput } from '../dialogue-input.ts';
import { supportStatus } from '../support-hours.ts';

export type { HandoffReason } from '../conversation-state.ts';

/** At most one "someone will answer" note per this many minutes while a person owns the conversation. */
export const ACK_EVERY_MS = 3 * 60_000;

const OPENERS: Record<HandoffReason, string> = {
  negative_sentiment: "I'm sorry this has been frustrating. I'm passing you to a member of our customer team",
  repeated_failure: "I'm sorry I couldn't help. I'm passing you to a member of our customer team",
  verification_failed: "I'm passing you to a member of our customer team, who can check the order with you",
  language: "I'm passing you to a member of our customer team",
  requested: "Of course. I'm passing you to a member of our customer team",
};

/** "They'll reply here shortly" in hours; outside them, when they are back and the email address. */
function availability(input: DialogueInput): { sentence: string; open: boolean } {
  const { deps } = input;
  const status = supportStatus(deps.profile.supportHours, deps.clock());
  if (status.open) return { open: true, sentence: 'They can see this whole conversation and will reply right here.' };
  const back = status.nextOpenText ? ` and back ${status.nextOpenText} (${deps.profile.supportHours.timeZone.split('/').pop()} time)` : '';
  return {
    open: false,
    sentence: `Our team is offline right now${back}; they will reply right here then. You can also email ${deps.profile.supportEmail}.`,
  };
}

/**
 * Moves the conversation to a human: from now on the bot only acknowledges messages (see acknowledge) until an
 * operator or the customer hands it back. The customer is told what happens next.
 */
export async function handOff(input: DialogueInput, reason: HandoffReason): Promise<Reply[]> {
  const { state, deps } = input;
  state.ownership = 'agent';
  input.outcome = 'handoff';
  state.task = undefined;
  state.failures = 0;
  const now = deps.clock().toISOString();
  // The notice itself is not an acknowledgement: the customer's next message ("hello?") still hears from us.
  state.handoff = { reason, at: now };
  const { sentence, open } = availability(input);
  const waiting = await deps.handoffs.waitingCount();
  return [{ kind: 'handoff', text: `${OPENERS[reason]}. ${sentence}`, ...(open ? { queuePosition: waiting + 1 } : {}) }];
}

const BACK_TO_BOT = /\b(back to (the )?(bot|assistant|chat ?bot)|(talk|speak|chat) (to|with) (the )?(bot|assistant) (again|instead)|never ?mind,? (the )?(bot|i'?ll ask (the|you))|cancel (the )?(handoff|request for a person)|i don'?t need (a|the) (person|human|agent) (any ?more)?|no need for (a|the) (person|human|agent))\b/i;

export function wantsBotBack(message: string): boolean {
  return BACK_TO_BOT.test(message);
}

/**
 * A message while a person owns the conversation: never silence for long. The customer hears that someone will
 * answer (queue position, or when the team is back), at most once per ACK_EVERY_MS; "back to the bot" returns it.
 */
export async function acknowledge(input: DialogueInput): Promise<Reply[]> {
  const { state, deps, nlu } = input;
  if (wantsBotBack(nlu.text)) {
    state.ownership = 'bot';
    state.handoff = undefined;
    return [quick("Okay, I'm back. What can I help you with?", ['Where is my order?', 'Return an item', 'Talk to a person'])];
  }
  const now = deps.clock();
  const last = state.handoff?.lastAckAt ? Date.parse(state.handoff.lastAckAt) : 0;
  if (now.getTime() - last < ACK_EVERY_MS) {
    input.outcome = 'silent';
    return [];
  }
  state.handoff = { reason: state.handoff?.reason ?? 'requested', at: state.handoff?.at ?? now.toISOString(), lastAckAt: now.toISOString() };
  input.outcome = 'silent';
  const { sentence, open } = availability(input);
  if (!open) return [quick(`Thanks, I've added that to your conversation. ${sentence}`, ['Back to the bot'])];
  const position = await deps.handoffs.waitingCount();
  return [quick(`Thanks, I've added that to your conversation. A member of our team will answer here as soon as possible (you are number ${Math.max(1, position)} in the queue).`, ['Back to the bot'])];
}

export { text };
