import type { Reply } from '../../core/message.ts';
import type { Order } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { money, quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { verifyOrder } from './verify-order.ts';

const DAY = 86_400_000;
const SEALED = /\b(sealed|unopened|never (been )?opened|not (been )?opened|still in (its|the) (plastic|packaging|wrapping|bag))\b/i;
/** Customers need not give a reason (policies/returns.md); one given with the request is recorded with the return. */
const REASONS: Array<[string, RegExp]> = [
  ['damaged or faulty', /\b(damaged|broken|faulty|defective|cracked|doesn'?t work|stopped working)\b/i],
  ['wrong item', /\bwrong (item|one|product|colou?r)\b|\bnot what i ordered\b/i],
  ['does not fit', /\b(too (big|small|tall|short|long|wide|large|narrow|high|low)|doesn'?t fit|does not fit|wrong size|not fit)\b/i],
  ['not as described', /\b(not as described|looks different|different (than|from) (the )?(picture|photo|website))\b/i],
  ['changed mind', /\b(changed my mind|don'?t (want|need|like)|not needed|no longer need)\b/i],
];

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
      { orderId: task.slots.orderId, productIds: task.slots.items.split(','), reason: task.slots.reason ?? 'not given' },
      deps.clock(),
    );
    const freight = task.slots.freight === 'yes';
    const how = freight
      ? 'Our freight partner will contact you to agree a collection appointment; please have the item packed or wrapped.'
      : `We have emailed a prepaid return label to the address on the order. Pack the item${rma.productIds.length > 1 ? 's' : ''} safely and drop the parcel at any carrier point.`;
    return [text(`Your return ${rma.id} is open. ${how} Your refund is issued within 5-10 working days after the return arrives.`)];
  }
  if (task.step === 'ask_items') return chooseItems(input, task);
  const reason = REASONS.find(([, re]) => re.test(nlu.text))?.[0];
  if (reason) task.slots.reason = reason;
  if (task.step === 'start') {
    // "the glass vase from order SM-100564": the item may be named with the request.
    const named = deps.catalog.resolve(nlu.text).map((m) => m.product.id);
    if (named.length > 0) task.slots.named = named.join(',');
  }
  if (SEALED.test(nlu.text)) task.slots.sealed = 'yes';
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
  // Bedding still in its sealed packaging can go back like anything else (policies/returns.md).
  const sealed = task.slots.sealed === 'yes';
  const returnable = order.items.map((i) => deps.catalog.get(i.productId)).filter((p) => p && (sealed || p.attributes.returnable !== false));
  const blocked = sealed ? [] : order.items.filter((i) => deps.catalog.get(i.productId)?.attributes.returnable === false).map((i) => deps.catalog.get(i.productId)!.title);
  const note = blocked.length > 0 ? ` (${blocked.join(', ')} cannot be returned for hygiene reasons)` : '';
  if (returnable.length === 0) {
    input.state.task = undefined;
    return [text(`None of the items in order ${order.id} can be returned${note}.`)];
  }
  const named = (task.slots.named ?? '').split(',').filter(Boolean);
  const namedBlocked = order.items.map((i) => deps.catalog.get(i.productId)).filter((p) => p && named.includes(p.id) && p.attributes.returnable === false);
  if (namedBlocked.length > 0 && task.step !== 'ask_items') {
    // Hygiene: opened bedding cannot go back (policies/returns.md); unopened it can, and faults are always covered.
    task.slots.named = named.filter((id) => !namedBlocked.some((p) => p!.id === id)).join(',');
    const others = returnable.filter((p) => !namedBlocked.includes(p));
    const tail = others.length > 0 ? ' Would you like to return something else from this order?' : '';
    if (others.length === 0) input.state.task = undefined;
    else task.step = 'ask_items';
    const what = namedBlocked.map((p) => `the ${p!.title}`).join(' and ');
    const reply = `I'm sorry, for hygiene reasons we can't take back ${what} once it has been taken out of its sealed packaging. If it is still sealed, a member of our team can register the return for you; and if it is faulty or damaged, that is always covered.${tail}`;
    return others.length > 0 ? [quick(reply, [...others.map((p) => p!.title), 'Talk to a person'])] : [quick(reply, ['Talk to a person'])];
  }
  let picked = returnable.length === 1 ? returnable : named.length > 0 ? returnable.filter((p) => named.includes(p!.id)) : undefined;
  if (picked?.length === 0) picked = undefined;
  if (!picked && task.step === 'ask_items') {
    const t = nlu.text.toLowerCase();
    const said = deps.catalog.resolve(nlu.text).map((m) => m.product.id);
    picked = /\ball\b|everything|both/.test(t) ? returnable : returnable.filter((p) => said.includes(p!.id) || t.includes(p!.title.toLowerCase()) || t.includes(p!.id.toLowerCase()));
    if (picked.length === 0) picked = undefined;
  }
  if (!picked) {
    task.step = 'ask_items';
    return [quick(`Which item would you like to return from order ${order.id}${note}?`, [...returnable.map((p) => p!.title), 'All items'])];
  }
  task.slots.items = picked.map((p) => p!.id).join(',');
  task.step = 'confirm';
  const products = picked.map((p) => p!);
  const heavy = deps.profile.shipping.freight && products.some((p) => Number(p.attributes.weight_kg ?? 0) >= deps.profile.shipping.freight!.minWeightKg);
  task.slots.freight = heavy ? 'yes' : 'no';
  const free = task.slots.reason === 'damaged or faulty' || task.slots.reason === 'wrong item';
  const cost = free
    ? 'The return is free because the item is faulty or wrong.'
    : heavy
      ? `Large furniture is collected from your home by our freight partner for a collection fee of ${money(deps.profile.returnCosts.freightCollection, deps.profile.currency)}, deducted from your refund.`
      : `A prepaid return label costs ${money(deps.profile.returnCosts.label, deps.profile.currency)}, deducted from your refund.`;
  return [quick(`Shall I open a return for the ${products.map((p) => p.title).join(' and the ')} from order ${order.id}${note}? ${cost}`, ['Yes', 'No'])];
}
