import type { Reply } from '../../core/message.ts';
import type { DialogueInput } from '../dialogue-input.ts';

export type HandoffReason = 'requested' | 'negative_sentiment' | 'repeated_failure' | 'verification_failed';

/**
 * Moves the conversation to a human: from now on the bot stays silent here until an operator hands it back or
 * closes it. The customer is told what happens next, including the team's hours.
 */
export async function handOff(input: DialogueInput, reason: HandoffReason): Promise<Reply[]> {
  const { state, deps } = input;
  state.ownership = 'agent';
  input.outcome = 'handoff';
  state.task = undefined;
  state.failures = 0;
  const waiting = await deps.handoffs.waitingCount();
  const opener =
    reason === 'negative_sentiment'
      ? "I'm sorry this has been frustrating. I'm passing you to a member of our customer team"
      : reason === 'repeated_failure'
        ? "I'm sorry I couldn't help. I'm passing you to a member of our customer team"
        : "Of course. I'm passing you to a member of our customer team";
  return [
    {
      kind: 'handoff',
      text: `${opener}; they can see this whole conversation and will reply right here. Our team is available ${deps.profile.hours}. You can also reach us at ${deps.profile.supportEmail}.`,
      queuePosition: waiting + 1,
    },
  ];
}
