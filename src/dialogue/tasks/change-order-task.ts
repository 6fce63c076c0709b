import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { verifyOrder } from './verify-order.ts';

const METHODS: Array<Order['shippingMethod']> = ['standard', 'express', 'pickup'];

function looksLikeAddress(s: string): boolean {
  // A street address has a number and some words; anything shorter is more likely a misunderstanding.
  return s.length >= 10 && /\d/.test(s) && /\p{L}{3,}/u.test(s);
}

/**
 * Change an order's delivery address or shipping method while the shop still allows it (changeableStatuses),
 * always with an explicit confirmation before anything is written.
 */
export async function runChangeOrder(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const { state, deps, nlu } = input;
  if (task.step === 'confirm') return confirm(input, task);
  if (task.step === 'choose') {
    const t = nlu.text.toLowerCase();
    if (/address|street|deliver.*to|move/.test(t)) task.slots.what = 'address';
    else if (/express|standard|pickup|pick up|method|faster|shipping/.test(t)) task.slots.what = 'method';
    else return [quick('What would you like to change?', ['Delivery address', 'Shipping method'])];
  }
  if (task.step === 'ask_address') {
    if (!looksLikeAddress(nlu.text)) {
      task.attempts += 1;
      return [text('Please send the full new address in one message, e.g. "Keizersgracht 12, 1015 CS Amsterdam, Netherlands".')];
    }
    task.slots.value = nlu.text;
    task.step = 'confirm';
    return [quick(`Change the delivery address of ${task.slots.orderId} to "${nlu.text}"?`, ['Yes', 'No'])];
  }
  if (task.step === 'ask_method') {
    const method = METHODS.find((m) => nlu.text.toLowerCase().includes(m === 'pickup' ? 'pick' : m));
    if (!method) return [quick('Which shipping method would you like?', ['Standard', 'Express', 'Pickup'])];
    task.slots.value = method;
    task.step = 'confirm';
    return [quick(`Switch order ${task.slots.orderId} to ${method} shipping?`, ['Yes', 'No'])];
  }
  const v = await verifyOrder(input, task);
  if (!v.done) return v.replies;
  if (!deps.profile.changeableStatuses.includes(v.order.status)) {
    state.task = undefined;
    return [quick(`Order ${v.order.id} is ${v.order.status}, so it can no longer be changed. If it has not arrived yet, tracking shows where it is; once delivered you can return it.`, ['Where is my order?', 'I want to return an item'])];
  }
  if (task.slots.what === 'address') {
    task.step = 'ask_address';
    return [text(`Order ${v.order.id} currently goes to: ${v.order.shippingAddress}. What is the new delivery address?`)];
  }
  if (task.slots.what === 'method') {
    task.step = 'ask_method';
    return [quick(`Order ${v.order.id} ships ${v.order.shippingMethod}. Which method would you like instead?`, ['Standard', 'Express', 'Pickup'])];
  }
  task.step = 'choose';
  return [quick(`What would you like to change on order ${v.order.id}?`, ['Delivery address', 'Shipping method'])];
}

async function confirm(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const { state, deps, nlu } = input;
  const answer = yesNo(nlu.text);
  if (answer === undefined) return [quick('Please answer yes or no.', ['Yes', 'No'])];
  state.task = undefined;
  if (!answer) return [text('Okay, I left the order unchanged.')];
  const id = task.slots.orderId;
  try {
    if (task.slots.what === 'address') {
      const o = await deps.orders.changeAddress(id, task.slots.value, deps.clock());
      return [text(`Done. Order ${o.id} will be delivered to: ${o.shippingAddress}.`)];
    }
    const o = await deps.orders.changeShippingMethod(id, task.slots.value as Order['shippingMethod'], deps.clock());
    const note = o.shippingMethod === 'express' ? ' The express surcharge will be charged to your original payment method.' : '';
    return [text(`Done. Order ${o.id} now ships ${o.shippingMethod}.${note}`)];
  } catch (e) {
    // The order may have moved on (e.g. shipped) between the question and the confirmation.
    return [text(`Sorry, I could not change order ${id}: ${(e as Error).message}.`)];
  }
}
