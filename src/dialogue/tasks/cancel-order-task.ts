import type { Reply } from '../../core/message.ts';
import type { TaskState } from '../conversation-state.ts';
import { quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { shopAction } from './shop-action.ts';
import { verifyOrder } from './verify-order.ts';

/** Cancel: verify the order, check the shop's cancellable statuses, ask for an explicit yes, then act. */
export async function runCancelOrder(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const { state, deps, nlu } = input;
  if (task.step === 'confirm') {
    // "cancel it then" says yes; "deliver it to our new flat instead of cancelling?" keeps it, for now.
    const answer = INSTEAD.test(nlu.text) ? undefined : CANCEL_IT.test(nlu.text) ? true : yesNo(nlu.text);
    if (answer === undefined) {
      const redirect = REDIRECT.test(nlu.text) ? await redirectInstead(input, task.slots.orderId) : '';
      return [quick(`${redirect}Should I cancel order ${task.slots.orderId}? Please answer yes or no.`, ['Yes, cancel it', 'No, keep it'])];
    }
    state.task = undefined;
    if (!answer) return [text(`No problem, order ${task.slots.orderId} stays as it is.`)];
    const id = task.slots.orderId;
    return shopAction(input, { orderId: id, what: `cancel order ${id}` }, () => deps.orders.cancel(id, deps.clock()), (order) => [
      text(`Done: order ${order.id} is cancelled. If you paid already, the refund of ${order.total.toFixed(2)} ${order.currency} goes back to your original payment method within 5 working days, shipping included (for card payments the reserved amount is often simply released).`),
    ]);
  }
  const v = await verifyOrder(input, task);
  if (!v.done) return v.replies;
  const order = v.order;
  if (!deps.profile.cancellableStatuses.includes(order.status)) {
    state.task = undefined;
    const why =
      order.status === 'shipped' || order.status === 'delivered'
        ? `it has already ${order.status === 'shipped' ? 'shipped' : 'been delivered'}. You can return it once it arrives: our return window is ${deps.profile.returnWindowDays} days from delivery.`
        : order.status === 'cancelled'
          ? 'it is already cancelled. If you paid for it, the refund goes back to your original payment method within 5 working days of the cancellation.'
          : `it is ${order.status}.`;
    return [quick(`I can't cancel order ${order.id} because ${why}`, order.status === 'delivered' ? ['Return an item'] : ['Where is my order?'])];
  }
  task.step = 'confirm';
  return [quick(`Order ${order.id} (${order.items.length} item${order.items.length === 1 ? '' : 's'}, ${order.total.toFixed(2)} ${order.currency}) is ${order.status}. Do you want me to cancel it?`, ['Yes, cancel it', 'No, keep it'])];
}

const CANCEL_IT = /^(?!.*\b(don'?t|do not|not|instead of|rather than)\b.{0,15}\bcancel).*\bcancel (it|the order|that order|them|the lot)\b/i;
const INSTEAD = /\b(instead of|rather than) cancel(l?ing)?\b/i;
const REDIRECT = /\b(deliver|send|ship) (it |them )?to\b|\bnew (address|flat|house|home|place)\b|\b(change|update) the address\b/i;

/** Why the order cannot go to another address instead, when its status no longer allows a change. */
async function redirectInstead(input: DialogueInput, orderId: string): Promise<string> {
  const order = await input.deps.orders.get(orderId);
  if (!order || input.deps.profile.changeableStatuses.includes(order.status)) return '';
  return `Order ${order.id} is already ${order.status}, so it can no longer be sent to another address. `;
}
