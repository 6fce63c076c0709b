import { ShopmateError } from '../core/errors.ts';
import type { Middleware } from '../core/pipeline.ts';
import type { Turn } from '../core/turn.ts';
import { replyToText } from '../core/message.ts';
import { PersonalValues } from '../privacy/personal-values.ts';
import { recordingOrderBook } from '../privacy/recording-order-book.ts';
import { appendHistory, newConversationState, type ConversationState } from './conversation-state.ts';
import { isBareSlotValue, lastBotAskedQuestion } from './slot-answer.ts';
import type { ConversationStateStore } from './conversation-state-store.ts';
import type { DialogueDeps } from './dialogue-deps.ts';
import { respond } from './dialogue-policy.ts';
import type { DialogueInput } from './dialogue-input.ts';

/** Loads the conversation (or starts one), lets the policy answer, records both sides and saves the state. */
export function dialogueMiddleware(options: { states: ConversationStateStore; deps: DialogueDeps }): Middleware<Turn> {
  return async (turn, next) => {
    const { message } = turn;
    const now = options.deps.clock();
    const saved = await options.states.load(message.conversationId);
    // Another user's (or channel's) conversation id: refused before its state is read any further or advanced.
    if (saved && (saved.userId !== message.userId || saved.channel !== message.channel)) {
      throw new ShopmateError('CONFLICT', 'this conversation belongs to another user');
    }
    const state =
      saved ??
      newConversationState({ id: message.conversationId, userId: message.userId, channel: message.channel, language: options.deps.profile.language, now });
    turn.state = state;
    await next(); // NLU runs inside, so a conversation owned by an agent still gets its message analysed and logged.
    // What the customer gave and the orders the bot reads this turn are personal: every stored copy of the turn (the
    // history here, the turn log) loses them.
    const personal = new PersonalValues();
    turn.personal = personal;
    rememberTaskValues(state, personal);
    const asked = { role: 'customer' as const, text: personal.redact(message.text), at: message.receivedAt.toISOString(), intent: turn.nlu?.intent.ranking[0]?.intent };
    const botAsked = lastBotAskedQuestion(state);
    appendHistory(state, asked);
    if (turn.nlu) {
      const input: DialogueInput = { state, nlu: turn.nlu, deps: { ...options.deps, orders: recordingOrderBook(options.deps.orders, personal) } };
      turn.replies = await respond(input);
      turn.outcome = input.outcome ?? 'answered';
      turn.intent = input.intent;
      turn.slotAnswer = input.slotAnswer === true || (botAsked && isBareSlotValue(turn.nlu));
    }
    rememberTaskValues(state, personal);
    asked.text = personal.redact(message.text); // again: the policy may have met more personal values (an order)
    for (const r of turn.replies) appendHistory(state, { role: 'bot', text: personal.redact(replyToText(r)), at: now.toISOString() });
    state.updatedAt = now.toISOString();
    await options.states.save(state);
  };
}

/** A task's email and free-text answers (a new address, a problem description) before and after the policy ran. */
function rememberTaskValues(state: ConversationState, personal: PersonalValues): void {
  const slots = state.task?.slots ?? {};
  personal.add(slots.email, '[email]');
  personal.add(state.focus.email, '[email]');
  if (slots.what === 'address') personal.add(slots.value, '[address]');
}
