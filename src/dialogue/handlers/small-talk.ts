import type { Reply } from '../../core/message.ts';
import { quick, text, type DialogueInput } from '../dialogue-input.ts';

export const MAIN_MENU = ['Where is my order?', 'Return an item', 'Recommend me something', 'Talk to a person'];

export async function greet(input: DialogueInput): Promise<Reply[]> {
  return [quick(`Hi! I'm the ${input.deps.profile.name} assistant. I can track orders, help with returns and changes, answer questions about delivery and payment, and find products for you. What can I do for you?`, MAIN_MENU)];
}

/** "ok", "yes", "cool": an acknowledgement the goodbye intent often catches; it does not end the conversation. */
const ACKNOWLEDGEMENT = /^\s*(y|yes|yeah|yep|yup|sure|ok|okay|k|kk|cool|alright|right|great|nice|fine|got it|i see)\s*[.!]*\s*$/i;

export async function goodbye(input: DialogueInput): Promise<Reply[]> {
  if (ACKNOWLEDGEMENT.test(input.nlu.text)) return [quick('Is there anything else I can help you with?', MAIN_MENU)];
  return [text(`Thanks for visiting ${input.deps.profile.name}. Have a lovely day!`)];
}

export async function thanks(): Promise<Reply[]> {
  return [text("You're welcome! Is there anything else I can help you with?")];
}

/** Dissatisfaction without a concrete request: an apology, a way to fix it, and a person on offer. */
export async function complaint(): Promise<Reply[]> {
  return [
    quick("I'm sorry to hear that. Tell me what went wrong and I'll do my best to fix it, or I can pass you to a person from our team.", [
      'Talk to a person',
      'Where is my order?',
      'Return an item',
    ]),
  ];
}
