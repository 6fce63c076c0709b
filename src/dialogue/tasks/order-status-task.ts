import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { money, text, type DialogueInput } from '../dialogue-input.ts';
import { verifyOrder } from './verify-order.ts';

const DAY = 86_400_000;
const DELIVERY_DAYS: Record<Order['shippingMethod'], [number, number]> = { standard: [3, 5], express: [1, 2], pickup: [2, 3] };

export function describeOrder(order: Order, now: Date, titleOf: (productId: string) => string | undefined): string {
  const items = order.items.map((i) => `${i.quantity} x ${titleOf(i.productId) ?? i.productId}`).join(', ');
  const lines = [`Order ${order.id} (${items}, total ${money(order.total, order.currency)}) is ${order.status}.`];
  if (order.carrier && order.trackingNumber) lines.push(`Carrier: ${order.carrier}, tracking number ${order.trackingNumber}.`);
  const recent = order.tracking.slice(-3).reverse();
  if (recent.length > 0) {
    lines.push('Latest updates:');
    for (const e of recent) lines.push(`- ${e.at.slice(0, 10)}: ${e.status}${e.location ? ` (${e.location})` : ''}`);
  }
  if (order.status === 'shipped' || order.status === 'processing' || order.status === 'pending') {
    const [lo, hi] = DELIVERY_DAYS[order.shippingMethod];
    const placed = new Date(order.placedAt).getTime();
    const from = new Date(Math.max(placed + lo * DAY, now.getTime()));
    lines.push(`Expected delivery: ${from.toISOString().slice(0, 10)} to ${new Date(Math.max(placed + hi * DAY, from.getTime())).toISOString().slice(0, 10)} (${order.shippingMethod} shipping).`);
  }
  if (order.deliveredAt) lines.push(`Delivered on ${order.deliveredAt.slice(0, 10)}.`);
  return lines.join('\n');
}

export async function runOrderStatus(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const v = await verifyOrder(input, task);
  if (!v.done) return v.replies;
  input.state.task = undefined;
  return [text(describeOrder(v.order, input.deps.clock(), (id) => input.deps.catalog.get(id)?.title))];
}
