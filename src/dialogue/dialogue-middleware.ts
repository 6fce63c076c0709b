import { ShopmateError } from '../core/errors.ts';
import type { Middleware } from '../core/pipeline.ts';
import type { Turn } from '../core/turn.ts';
import { replyToText } from '../core/message.ts';
import { redact } from '../feedback/redact.ts';
import { appendHistory, newConversationState } from './conversation-state.ts';
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
    // The saved conversation never holds an email, card or phone number in clear (the dialogue reads them from NLU).
    appendHistory(state, { role: 'customer', text: redact(message.text), at: message.receivedAt.toISOString(), intent: turn.nlu?.intent.ranking[0]?.intent });
    if (turn.nlu) {
      const input: DialogueInput = { state, nlu: turn.nlu, deps: options.deps };
      turn.replies = await respond(input);
      turn.outcome = input.outcome ?? 'answered';
      turn.intent = input.intent;
    }
    for (const r of turn.replies) appendHistory(state, { role: 'bot', text: replyToText(r), at: now.toISOString() });
    state.updatedAt = now.toISOString();
    await options.states.save(state);
  };
}
