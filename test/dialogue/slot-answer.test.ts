import { describe, expect, it } from 'vitest';
import { newConversationState } from '../../src/dialogue/conversation-state.ts';
import { isBareSlotValue, lastBotAskedQuestion } from '../../src/dialogue/slot-answer.ts';
import { nluFor } from '../support/dialogue-deps.ts';

describe('slot answers outside a task', () => {
  it('takes a bare value or yes/no as a slot value, anything with a request in it as not', () => {
    for (const t of ['yes', 'nope', 'yes please', 'SM-100231', "it's SM-100231 thanks", 'anna@example.org']) expect(isBareSlotValue(nluFor(t, [])), t).toBe(true);
    for (const t of ['where is SM-100231', 'do you ship to norway', 'yes but can I also return it?', 'is anna@example.org my login?']) expect(isBareSlotValue(nluFor(t, [])), t).toBe(false);
  });

  it('knows when the bot last asked something', () => {
    const state = newConversationState({ id: 'c', userId: 'u', channel: 'webhook', language: 'en', now: new Date() });
    expect(lastBotAskedQuestion(state)).toBe(false);
    state.history.push({ role: 'bot', text: 'Shall I connect you with a colleague?', at: '' });
    expect(lastBotAskedQuestion(state)).toBe(true);
    state.history.push({ role: 'customer', text: 'yes', at: '' });
    expect(lastBotAskedQuestion(state)).toBe(false);
  });
});
