import { shopAction } from './shop-action.ts';
import type { Reply } from '../../core/message.ts';
import type { Order, Product } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { money, quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { refundStatus } from '../order-context.ts';
import { verifyOrder } from './verify-order.ts';
import { itemsNamedIn, missingKind, notInOrder } from './missing-item.ts';

const DAY = 86_400_000;
/** "I opened it and slept under it once": a hygiene item that is no longer sealed. */
const OPENED = /\b(opened|unwrapped|used (it|them)|slept (in|under|on)|washed (it|them)|took (it|them) out of|out of (its|the) (packaging|plastic|wrapping))\b/i;
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
/** An exchange rather than a refund: another colour or size of the same thing. */
const EXCHANGE = /\b(swap|exchange|switch)\b|\binstead of\b|\bfor (a|the|another) (different|other) (colou?r|size)\b/i;

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
    const request = { orderId: task.slots.orderId, productIds: task.slots.items.split(','), reason: task.slots.reason ?? 'not given' };
    const freight = task.slots.freight === 'yes';
    return shopAction(input, { orderId: request.orderId, what: `open a return for order ${request.orderId}` }, () => deps.orders.createReturn(request, deps.clock()), (rma) => {
      const how = freight
        ? 'Our freight partner will contact you to agree a collection appointment; please have the item packed or wrapped.'
        : `We have emailed a prepaid return label to the address on the order. Pack the item${rma.productIds.length > 1 ? 's' : ''} safely and drop the parcel at any carrier point.`;
      return [text(`Your return ${rma.id} is open. ${how} Your refund is issued within 5-10 working days after the return arrives.`)];
    });
  }
  if (task.step === 'ask_items' || task.step === 'ask_sealed') return chooseItems(input, task);
  const reason = REASONS.find(([, re]) => re.test(nlu.text))?.[0];
  if (reason) task.slots.reason = reason;
  if (task.step === 'start') {
    // "the glass vase from order SM-100564": the item may be named with the request.
    const named = deps.catalog.resolve(nlu.text).map((m) => m.product.id);
    if (named.length > 0) task.slots.named = named.join(',');
  }
  if (SEALED.test(nlu.text)) task.slots.sealed = 'yes';
  else if (OPENED.test(nlu.text)) task.slots.sealed = 'no';
  const first = task.step === 'start';
  const v = await verifyOrder(input, task);
  if (!v.done) {
    // The first answer also says the rule, so "how do I send something back?" is answered while we ask for the order.
    if (!first) return v.replies;
    // "can I swap the towels for the green ones?": how exchanges work, from the knowledge base.
    const exchange = EXCHANGE.test(nlu.text) ? (await deps.knowledge.search(nlu.text, { kinds: ['faq', 'policy'], k: 5 })).find((h) => /\bexchange/i.test(h.text)) : undefined;
    const rule = exchange ? exchange.text : `You can return most items within ${deps.profile.returnWindowDays} days of delivery, and I can open the return for you here.`;
    return [text(rule), ...v.replies];
  }
  const refusal = returnRefusal(v.order, deps.clock(), deps.profile.returnWindowDays);
  if (v.order.status === 'returned' || v.order.status === 'cancelled') {
    // "sent back the covers ages ago, still no money": nothing left to return; where the refund stands.
    state.task = undefined;
    return [text(refundStatus(v.order))];
  }
  if (refusal && v.order.status !== 'delivered') {
    // Not delivered yet: nothing is refused, the return just starts later.
    state.task = undefined;
    return [text(`Order ${v.order.id} is ${v.order.status} and not delivered yet. Once it arrives you can return it within ${deps.profile.returnWindowDays} days of delivery: message me then and I'll open the return.`)];
  }
  if (refusal) {
    state.task = undefined;
    const [policy] = await deps.knowledge.search('return window days from delivery', { kinds: ['policy'], k: 1 });
    const cite = policy ? ` (from our ${policy.title} policy: "${policy.text.slice(0, 220).trim()}${policy.text.length > 220 ? '…' : ''}")` : '';
    return [quick(`I'm sorry, I can't open a return: ${refusal}${cite} If the item is faulty, our 2-year warranty may still cover it.`, ['Warranty question', 'Talk to a person'])];
  }
  return chooseItems(input, task, v.order);
}

/** Bedding and other hygiene items go back only in their sealed packaging (catalog: `returnable: sealed only`). */
const isHygiene = (p: Product) => p.attributes.returnable === 'sealed only';

/** Which items to return: named with the request, the only one, or asked; hygiene items only when still sealed. */
async function chooseItems(input: DialogueInput, task: TaskState, known?: Order): Promise<Reply[]> {
  const { deps, nlu } = input;
  const order = known ?? (await deps.orders.get(task.slots.orderId));
  if (!order) return [text('Sorry, that order is no longer available.')];
  const items = order.items.map((i) => deps.catalog.get(i.productId)).filter((p): p is Product => Boolean(p));
  if (task.step === 'ask_sealed') {
    const answer = yesNo(nlu.text);
    if (answer === undefined && !SEALED.test(nlu.text) && !OPENED.test(nlu.text)) return [quick('Is it still in its sealed packaging?', ['Yes, still sealed', "No, it's been opened"])];
    task.slots.sealed = answer === true || SEALED.test(nlu.text) ? 'yes' : 'no';
  }
  let picked = pickItems(input, task, items);
  if (!picked) {
    const choices = [...items.map((p) => p.title), 'All items'];
    if (task.step !== 'ask_items') {
      task.step = 'ask_items';
      return [quick(`Which item would you like to return from order ${order.id}?`, choices)];
    }
    // An answer that names none of the items: say what the order holds rather than ask the same again, twice at most.
    task.attempts += 1;
    if (task.attempts >= 2) {
      input.state.task = undefined;
      return [quick(`I can't match that to an item of order ${order.id}. A member of our team can sort it out with you.`, ['Talk to a person'])];
    }
    const kind = missingKind(input, nlu.text, items);
    const lead = kind ? `${notInOrder(order.id, kind, items)} Which of these would you like to return, or is it from another order (send me that order number)?` : `Sorry, I couldn't tell which item you mean. Which item would you like to return from order ${order.id}?`;
    return [quick(lead, choices)];
  }
  const hygiene = picked.filter(isHygiene);
  if (hygiene.length > 0 && task.slots.sealed === undefined) {
    task.slots.items = picked.map((p) => p.id).join(',');
    task.step = 'ask_sealed';
    return [quick(`For hygiene reasons, ${hygiene.map((p) => `the ${p.title}`).join(' and ')} can only be returned unopened, in ${hygiene.length > 1 ? 'their' : 'its'} sealed packaging. Is it still sealed?`, ['Yes, still sealed', "No, it's been opened"])];
  }
  if (hygiene.length > 0 && task.slots.sealed === 'no') {
    picked = picked.filter((p) => !isHygiene(p));
    if (picked.length === 0) {
      input.state.task = undefined;
      const what = hygiene.map((p) => `the ${p.title}`).join(' and ');
      return [quick(`I'm sorry, for hygiene reasons we can't take back ${what} once it has been taken out of its sealed packaging (see our returns policy). If it is faulty or damaged, that is always covered, and a member of our team can look at it.`, ['Talk to a person'])];
    }
  }
  return confirmReturn(input, task, order, picked);
}

function pickItems(input: DialogueInput, task: TaskState, items: Product[]): Product[] | undefined {
  const { deps, nlu } = input;
  if (task.step === 'ask_sealed' && task.slots.items) return items.filter((p) => task.slots.items.split(',').includes(p.id));
  if (items.length === 1) return items;
  const named = (task.slots.named ?? '').split(',').filter(Boolean);
  const byName = items.filter((p) => named.includes(p.id));
  if (byName.length > 0 && task.step !== 'ask_items') return byName;
  if (task.step !== 'ask_items') return undefined;
  const t = nlu.text.toLowerCase();
  if (/\ball\b|everything|both/.test(t)) return items;
  const said = deps.catalog.resolve(nlu.text).map((m) => m.product.id);
  const picked = items.filter((p) => said.includes(p.id) || t.includes(p.title.toLowerCase()) || t.includes(p.id.toLowerCase()));
  // "the towel" for the Tide Organic Cotton Hand Towel: the kind named.
  const byKind = picked.length > 0 ? picked : itemsNamedIn(nlu.text, items);
  return byKind.length > 0 ? byKind : undefined;
}

function confirmReturn(input: DialogueInput, task: TaskState, order: Order, products: Product[]): Reply[] {
  const { deps } = input;
  task.slots.items = products.map((p) => p.id).join(',');
  task.step = 'confirm';
  const heavy = deps.profile.shipping.freight && products.some((p) => Number(p.attributes.weight_kg ?? 0) >= deps.profile.shipping.freight!.minWeightKg);
  task.slots.freight = heavy ? 'yes' : 'no';
  const free = task.slots.reason === 'damaged or faulty' || task.slots.reason === 'wrong item';
  const cost = free
    ? 'The return is free because the item is faulty or wrong.'
    : heavy
      ? `Large furniture is collected from your home by our freight partner for a collection fee of ${money(deps.profile.returnCosts.freightCollection, deps.profile.currency)}, deducted from your refund.`
      : `A prepaid return label costs ${money(deps.profile.returnCosts.label, deps.profile.currency)}, deducted from your refund.`;
  return [quick(`Shall I open a return for the ${products.map((p) => p.title).join(' and the ')} from order ${order.id}? ${cost}`, ['Yes', 'No'])];
}
