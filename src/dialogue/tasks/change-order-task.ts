import { isShopmateError } from '../../core/errors.ts';
import { shopAction } from './shop-action.ts';
import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { findCountries } from '../../nlu/entities/country-extractor.ts';
import { money, quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { countryLabel, zoneFor } from '../handlers/shipping-handler.ts';
import { verifyOrder } from './verify-order.ts';

function methodIn(message: string): Order['shippingMethod'] | undefined {
  const t = message.toLowerCase();
  if (/\bexpress|next[- ]day|faster shipping\b/.test(t)) return 'express';
  if (/\b(pick ?up|click (&|and) collect|collect (it )?(myself|in store|at the showroom))\b/.test(t)) return 'pickup';
  if (/\bstandard\b/.test(t)) return 'standard';
  return undefined;
}

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
  if (task.step === 'start' || ((task.step === 'ask_order' || task.step === 'ask_email') && !task.slots.what)) {
    // "upgrade SM-100822 to express": what to change may come with the request, or while we verify the order.
    const method = methodIn(nlu.text);
    // "could I pick it up myself instead of delivery" is a change of method even when it came as an address change.
    if (method && (task.slots.what !== 'address' || method === 'pickup')) Object.assign(task.slots, { what: 'method', value: method });
    else if (!task.slots.what && /\b(address|deliver(y)? to|ship(ping)? to|moved|new flat|new house)\b/i.test(nlu.text)) task.slots.what = 'address';
  }
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
    const method = methodIn(nlu.text);
    if (!method) return [quick('Which shipping method would you like?', ['Standard', 'Express', 'Pickup'])];
    const order = await deps.orders.get(task.slots.orderId);
    if (!order) return [text('Sorry, that order is no longer available.')];
    return offerMethod(input, task, order, method);
  }
  const exchange = task.step === 'start' && /\b(swap|exchange|switch it for|instead of the)\b/i.test(nlu.text) && /\b(colou?r|size|green|grey|blue|red|one)\b/i.test(nlu.text);
  const v = await verifyOrder(input, task);
  if (!v.done) {
    if (!exchange) return v.replies;
    // A delivered item in another colour or size is an exchange, registered as a return (policies/returns.md).
    const [policy] = await deps.knowledge.search('exchange an item for a different colour or size', { kinds: ['faq', 'policy'], k: 1 });
    return [...(policy ? [text(policy.text)] : []), ...v.replies];
  }
  if (!deps.profile.changeableStatuses.includes(v.order.status)) {
    state.task = undefined;
    if (deps.profile.cancellableStatuses.includes(v.order.status)) {
      return [quick(`Order ${v.order.id} is already ${v.order.status}, so it can no longer be changed. It can still be cancelled, though, and you could then place a new order with the right details.`, ['Cancel my order', 'Talk to a person'])];
    }
    return [unchangeable(v.order)];
  }
  if (task.slots.what === 'address') {
    task.step = 'ask_address';
    return [text(`Order ${v.order.id} currently goes to: ${v.order.shippingAddress}. What is the new delivery address?`)];
  }
  if (task.slots.what === 'method' && task.slots.value) return offerMethod(input, task, v.order, task.slots.value as Order['shippingMethod']);
  if (task.slots.what === 'method') {
    task.step = 'ask_method';
    return [quick(`Order ${v.order.id} ships ${v.order.shippingMethod}. Which method would you like instead?`, ['Standard', 'Express', 'Pickup'])];
  }
  task.step = 'choose';
  return [quick(`What would you like to change on order ${v.order.id}?`, ['Delivery address', 'Shipping method'])];
}

/** Express only where the shop offers it for the order's country, with its price; same method: nothing to do. */
function offerMethod(input: DialogueInput, task: TaskState, order: Order, method: Order['shippingMethod']): Reply[] {
  const { deps, state } = input;
  if (method === order.shippingMethod) {
    state.task = undefined;
    return [text(`Order ${order.id} already ships ${method}.`)];
  }
  const country = findCountries(order.shippingAddress).at(-1)?.value as string | undefined;
  const zone = country ? zoneFor(deps.profile.shipping, country) : undefined;
  const rule = zone?.methods.find((m) => m.method === method && (!m.countries || m.countries.includes(country!)));
  if (method === 'express' && !rule) {
    state.task = undefined;
    const offered = deps.profile.shipping.zones.flatMap((z) => z.methods.filter((m) => m.method === 'express').flatMap((m) => m.countries ?? z.countries));
    return [quick(`Sorry, express delivery isn't available to ${country ? countryLabel(country) : 'that address'}, so order ${order.id} stays on ${order.shippingMethod} delivery. Express is offered only to ${offered.map(countryLabel).join(', ')}.`, ['Where is my order?'])];
  }
  task.slots.value = method;
  task.step = 'confirm';
  const cost = method === 'express' && rule ? ` (express costs ${money(rule.price, deps.profile.currency)})` : method === 'pickup' ? ' (Click & Collect at our Utrecht showroom is free)' : '';
  return [quick(`Order ${order.id} ships ${order.shippingMethod} now. Switch it to ${method}${cost}?`, ['Yes', 'No'])];
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
      const address = task.slots.value;
      return await shopAction(input, { orderId: id, what: `change the delivery address of order ${id}` }, () => deps.orders.changeAddress(id, address, deps.clock()), (o) => [
        text(`Done: the delivery address of order ${o.id} is changed. It will be delivered to: ${o.shippingAddress}.`),
      ]);
    }
    const method = task.slots.value as Order['shippingMethod'];
    return await shopAction(input, { orderId: id, what: `switch order ${id} to ${method} delivery` }, () => deps.orders.changeShippingMethod(id, method, deps.clock()), (o) => {
      const note = o.shippingMethod === 'express' ? ' The express surcharge will be charged to your original payment method.' : '';
      return [text(`Done. Order ${o.id} now ships ${o.shippingMethod}.${note}`)];
    });
  } catch (e) {
    // The platform cannot make this change itself (e.g. Shopify has no API to change the shipping method).
    if (isShopmateError(e) && e.details?.reason === 'unsupported') {
      return [quick(`Sorry, I can't make that change to order ${id} myself: a colleague has to do it in our shop system. Shall I pass you to a person?`, ['Talk to a person'])];
    }
    // The order may have moved on (e.g. shipped) between the question and the confirmation.
    return [text(`Sorry, I could not change order ${id}: ${(e as Error).message}.`)];
  }
}

/** Why an order can no longer be changed, and what is left to do, by where the order is now. */
function unchangeable(order: Order): Reply {
  const closed = `Order ${order.id} is ${order.status}, so we can no longer change it.`;
  if (order.status === 'cancelled') return quick(`${closed} Nothing will be sent or charged for it; you are welcome to place a new order with the right details.`, ['Where is my order?', 'Talk to a person']);
  if (order.status === 'returned') return quick(`${closed} You are welcome to place a new order.`, ['Where is my order?', 'Talk to a person']);
  if (order.status === 'delivered') return quick(`${closed} If something is not right, you can return it within our return window.`, ['Return an item', 'Talk to a person']);
  const carrier = order.carrier ? ` ${order.carrier} may still let you redirect the parcel through its tracking page (tracking number ${order.trackingNumber}).` : '';
  return quick(`${closed}${carrier} Once delivered, you can also return it.`, ['Where is my order?', 'Return an item']);
}
