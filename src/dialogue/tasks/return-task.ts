import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { verifyOrder } from './verify-order.ts';

const DAY = 86_400_000;
const REASONS = ['Damaged or faulty', 'Wrong item', 'Not as described', 'Changed my mind'];

/** Why an order cannot be returned under the shop's rules, or undefined when it can. */
export function returnRefusal(order: Order, now: Date, windowDays: number): string | undefined {
  if (order.status === 'returned') return `order ${order.id} has already been returned.`;
  if (order.status !== 'delivered' || !order.deliveredAt) {
    return `order ${order.id} is ${order.status}, and returns start once an order has been delivered.`;
  }
  const days = Math.floor((now.getTime() - new Date(order.deliveredAt).getTime()) / DAY);
  if (days > windowDays) {
    return `order ${order.id} was delivered on ${order.deliveredAt.slice(0, 10)}, ${days} days ago, and our return window is ${windowDays} days from delivery.`;
  }
  return undefined;
}

export async function runReturn(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const { state, deps, nlu } = input;
  if (task.step === 'confirm') {
    const answer = yesNo(nlu.text);
    if (answer === undefined) return [quick('Shall I open the return? Please answer yes or no.', ['Yes', 'No'])];
    state.task = undefined;
    if (!answer) return [text('Okay, no return was opened.')];
    const rma = await deps.orders.createReturn(
      { orderId: task.slots.orderId, productIds: task.slots.items.split(','), reason: task.slots.reason },
      deps.clock(),
    );
    return [text(`Your return ${rma.id} is open. We have emailed a prepaid return label to the address on the order. Pack the item${rma.productIds.length > 1 ? 's' : ''} safely and drop the parcel at any carrier point. Your refund is issued within 5-10 working days after the return arrives.`)];
  }
  if (task.step === 'ask_items') return chooseItems(input, task);
  if (task.step === 'ask_reason') {
    task.slots.reason = nlu.text;
    task.step = 'confirm';
    return [quick(`Open a return for ${task.slots.items.split(',').join(', ')} from order ${task.slots.orderId} (reason: ${nlu.text})?`, ['Yes', 'No'])];
  }
  const v = await verifyOrder(input, task);
  if (!v.done) return v.replies;
  const refusal = returnRefusal(v.order, deps.clock(), deps.profile.returnWindowDays);
  if (refusal) {
    state.task = undefined;
    const [policy] = await deps.knowledge.search('return window days from delivery', { kinds: ['policy'], k: 1 });
    const cite = policy ? ` (from our ${policy.title} policy: "${policy.text.slice(0, 220).trim()}${policy.text.length > 220 ? '…' : ''}")` : '';
    return [quick(`I'm sorry, I can't open a return: ${refusal}${cite} If the item is faulty, our 2-year warranty may still cover it.`, ['Warranty question', 'Talk to a person'])];
  }
  return chooseItems(input, task, v.order);
}

async function chooseItems(input: DialogueInput, task: TaskState, known?: Order): Promise<Reply[]> {
  const { deps, nlu } = input;
  const order = known ?? (await deps.orders.get(task.slots.orderId));
  if (!order) return [text('Sorry, that order is no longer available.')];
  const returnable = order.items.map((i) => deps.catalog.get(i.productId)).filter((p) => p && p.attributes.returnable !== false);
  const blocked = order.items.filter((i) => deps.catalog.get(i.productId)?.attributes.returnable === false).map((i) => deps.catalog.get(i.productId)!.title);
  const note = blocked.length > 0 ? ` (${blocked.join(', ')} cannot be returned for hygiene reasons)` : '';
  if (returnable.length === 0) {
    input.state.task = undefined;
    return [text(`None of the items in order ${order.id} can be returned${note}.`)];
  }
  let picked = returnable.length === 1 ? returnable : undefined;
  if (!picked && task.step === 'ask_items') {
    const t = nlu.text.toLowerCase();
    picked = /\ball\b|everything|both/.test(t) ? returnable : returnable.filter((p) => t.includes(p!.title.toLowerCase()) || t.includes(p!.id.toLowerCase()));
    if (picked.length === 0) picked = undefined;
  }
  if (!picked) {
    task.step = 'ask_items';
    return [quick(`Which item would you like to return from order ${order.id}${note}?`, [...returnable.map((p) => p!.title), 'All items'])];
  }
  task.slots.items = picked.map((p) => p!.id).join(',');
  task.step = 'ask_reason';
  return [quick(`Got it${note}. What is the reason for the return?`, REASONS)];
}
