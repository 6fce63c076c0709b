import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { money, text, type DialogueInput } from '../dialogue-input.ts';
import { verifyOrder } from './verify-order.ts';

const DAY = 86_400_000;
const DELIVERY_DAYS: Record<Order['shippingMethod'], [number, number]> = { standard: [3, 5], express: [1, 2], pickup: [2, 3] };

function expectedDelivery(order: Order, now: Date): string {
  const [lo, hi] = DELIVERY_DAYS[order.shippingMethod];
  const placed = new Date(order.placedAt).getTime();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (placed + hi * DAY < now.getTime()) {
    // Past the usual window: say so plainly instead of printing a date range that has already gone by.
    return `It is taking longer than our usual ${lo}-${hi} days for ${order.shippingMethod} shipping; the latest update above is the most current.`;
  }
  const from = Math.max(placed + lo * DAY, now.getTime());
  const to = placed + hi * DAY;
  const span = `${order.shippingMethod} shipping, ${lo} to ${hi} working days`;
  return day(from) === day(to) ? `Expected delivery: ${day(to)} (${span}).` : `Expected delivery: ${day(from)} to ${day(to)} (${span}).`;
}

export function describeOrder(order: Order, now: Date, titleOf: (productId: string) => string | undefined): string {
  const items = order.items.map((i) => `${i.quantity} x ${titleOf(i.productId) ?? i.productId}`).join(', ');
  const lines = [`Order ${order.id} (${items}, total ${money(order.total, order.currency)}) is ${order.status}.`];
  if (order.carrier && order.trackingNumber) lines.push(`Carrier: ${order.carrier}, tracking number ${order.trackingNumber}.`);
  // A delivered order needs no transit history ("out for delivery" two days ago would only confuse).
  const recent = order.status === 'delivered' ? [] : order.tracking.slice(-3).reverse();
  if (recent.length > 0) {
    lines.push('Latest updates:');
    for (const e of recent) lines.push(`- ${e.at.slice(0, 10)}: ${e.status}${e.location ? ` (${e.location})` : ''}`);
  }
  if (order.status === 'shipped' || order.status === 'processing' || order.status === 'pending') lines.push(expectedDelivery(order, now));
  if (order.deliveredAt) lines.push(`Delivered on ${order.deliveredAt.slice(0, 10)}.`);
  if (order.status === 'returned' || order.status === 'cancelled') {
    // refunds.md: within 5 working days of a cancellation; 5 to 10 working days after a return arrives, then the bank.
    const issued = order.tracking.find((e) => /refund issued|refunded/i.test(e.status))?.at.slice(0, 10);
    const at = order.tracking.filter((e) => /return|cancel/i.test(e.status)).at(-1)?.at.slice(0, 10);
    const amount = money(order.total, order.currency);
    lines.push(
      issued
        ? `The refund of ${amount} was issued to the original payment method on ${issued}; card refunds usually show within 3 to 5 working days of that, PayPal refunds within 24 hours.`
        : order.status === 'cancelled'
          ? `The refund of ${amount} goes back to the original payment method within 5 working days${at ? ` of ${at}` : ''}; your bank may need a few more days to show it.`
          : `The refund of ${amount} is issued within 5 to 10 working days after the return arrives at our warehouse${at ? ` (last update ${at})` : ''}; your bank may need a few more days to show it.`,
    );
  }
  return lines.join('\n');
}

/** "It says delivered but nothing is here": the customer's concern, kept from the first message of the task. */
const NOT_RECEIVED = /\b((haven'?t|have not|never|didn'?t|did not) (got|get|gotten|received|seen)|nothing (here|at (the|my) door|arrived|came)|not (here|there|at my door)|can'?t find|no parcel|no package|isn'?t here|says delivered)\b/i;

export async function runOrderStatus(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  if (task.step === 'start' && NOT_RECEIVED.test(input.nlu.text)) task.slots.concern = 'not_received';
  const v = await verifyOrder(input, task);
  if (!v.done) return v.replies;
  input.state.task = undefined;
  const status = describeOrder(v.order, input.deps.clock(), (id) => input.deps.catalog.get(id)?.title);
  if (task.slots.concern === 'not_received' && v.order.status === 'delivered') {
    // The shipping policy's answer for "marked delivered but not found": an investigation, then a replacement or refund.
    const [policy] = await input.deps.knowledge.search('carrier marks parcel as delivered but you cannot find it investigation', { kinds: ['policy', 'faq'], k: 1 });
    return [text(`${status}${policy ? `\nI'm sorry it hasn't reached you. ${policy.text}` : ''}`)];
  }
  return [text(status)];
}
