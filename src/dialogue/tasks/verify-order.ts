import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { firstEntity, quick, text, type DialogueInput } from '../dialogue-input.ts';

export const MAX_ATTEMPTS = 3;

export type Verification = { done: true; order: Order } | { done: false; replies: Reply[] };

/**
 * Collects an order id and the email that placed it, and checks both against the order book before any order
 * detail is revealed. A failed check never says which of the two was wrong (that would let someone probe ids).
 */
export async function verifyOrder(input: DialogueInput, task: TaskState): Promise<Verification> {
  const { state, nlu, deps } = input;
  // Right after "what is your order number?" a bare number is the answer ("1001" at a shop numbering orders so).
  const orderId = firstEntity(nlu, 'order_id') ?? (task.step === 'ask_order' ? deps.orderIds.find(nlu.text, { bare: true })[0]?.value : undefined);
  const email = firstEntity(nlu, 'email');
  const answered = Boolean(orderId || email);
  if (orderId && orderId.toUpperCase() !== task.slots.orderId) {
    // An email given for another order is not evidence for this one, unless it came in the same message; one given
    // before any order number ("my email is ..., has my order shipped?") is for the order about to be named.
    if (!email && task.slots.orderId) delete task.slots.email;
    task.slots.orderId = orderId.toUpperCase();
  }
  if (email) task.slots.email = email.toLowerCase();
  if (!answered && (task.step === 'ask_order' || task.step === 'ask_email')) task.attempts += 1;
  if (task.attempts >= MAX_ATTEMPTS) return giveUp(input);

  // "cancel it" right after checking an order: the order this conversation already verified.
  // ...or the order number mentioned earlier ("I need help with SM-100551" before saying what with).
  const earlier = state.verifiedOrderIds.at(-1) ?? state.focus.orderId;
  const assumed = !task.slots.orderId && task.step === 'start' && earlier !== undefined;
  if (assumed) task.slots.orderId = earlier;
  if (!task.slots.email && task.step === 'start' && state.focus.email) task.slots.email = state.focus.email;
  state.focus.email = undefined;
  const id = task.slots.orderId;
  if (id && state.verifiedOrderIds.includes(id)) {
    const order = await deps.orders.get(id);
    if (order) return { done: true, order };
  }
  if (!id) {
    task.step = 'ask_order';
    return { done: false, replies: [text(`What is your order number? It looks like ${deps.orderIds.example} and is in your confirmation email.`)] };
  }
  if (!task.slots.email) {
    task.step = 'ask_email';
    // An order number from earlier in the chat may not be the one meant now: say which one is assumed.
    // "Thanks" only for an order number just given; asked again, the question alone.
    const ask = assumed && !/\b(it|that|this one|this order|the same order)\b/i.test(nlu.text)
      ? `Is this about order ${id}, which you mentioned earlier? If so, what email address was it placed with, to keep your order private? If not, send me the other order number.`
      : orderId
        ? `Thanks. To keep your order private, what email address was order ${id} placed with?`
        : `To keep your order private, I need the email address order ${id} was placed with. If it is about another order, send me that order number.`;
    return { done: false, replies: [text(ask)] };
  }
  if (!(await deps.orders.verify(id, task.slots.email))) {
    task.attempts += 1;
    // The order number is kept (customers mistype the email far more often); a new number replaces it.
    delete task.slots.email;
    task.step = 'ask_email';
    if (task.attempts >= MAX_ATTEMPTS) return giveUp(input);
    return {
      done: false,
      replies: [text(`I could not find an order with that order number and email address. Please check the email address you used for order ${id} and send it again (or send a different order number).`)],
    };
  }
  state.verifiedOrderIds.push(id);
  task.attempts = 0;
  const order = await deps.orders.get(id);
  return order ? { done: true, order } : giveUp(input);
}

function giveUp(input: DialogueInput): Verification {
  input.state.task = undefined;
  return {
    done: false,
    replies: [quick('I still could not verify that order, so I cannot share or change anything on it. A member of our team can help you check.', ['Talk to a person'])],
  };
}
