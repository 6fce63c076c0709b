import { shopAction } from './shop-action.ts';
import type { Reply } from '../../core/message.ts';
import type { Order, Product } from '../../knowledge/types.ts';
import type { TaskState } from '../conversation-state.ts';
import { firstEntity, quick, text, yesNo, type DialogueInput } from '../dialogue-input.ts';
import { verifyOrder } from './verify-order.ts';
import { answerFromKnowledge } from '../handlers/faq-handler.ts';
import { itemsNamedIn, missingKind, notInOrder } from './missing-item.ts';

const DAY = 86_400_000;
type Problem = 'damaged' | 'missing' | 'wrong' | 'faulty';

/**
 * How many days after delivery each kind of problem can be reported (policies/returns.md); a defect that shows in
 * use falls under the 2-year warranty (policies/warranty.md).
 */
const REPORT_WITHIN: Record<Problem, number> = { damaged: 7, wrong: 7, missing: 14, faulty: 730 };

/** A defect that shows in use, as opposed to damage in transit. */
export const FAULT_IN_USE = /\b(stopped working|(doesn'?t|does not) work(?!\s+(in|with|for|out|well|on))|won'?t (charge|turn on|switch on|work|heat|boil|close)|not (working|charging|heating)|keeps? (flickering|switching off|turning off|leaking|tripping)|flicker(s|ing)?|leak(s|ing)?|peel(s|ing)( off)?|flak(es|ing)|splinter(s|ed|ing)?|wobbl(es|y|ing)|came apart|fell apart|ripped|tore|snapped|came (off|loose)|fell off|broke (after|when)|after (a|one|two|\d+) (week|month|use)s?|the first time (i|we) (used|put|washed|tried)|(burning |weird |strange |funny )?(smell|smells|smelling)|smok(e|es|ing)|spark(s|ing)?|overheat(s|ing)?|rattl(es|ing)|buzz(es|ing)|(weird|strange|loud) nois(e|es)|every time (i|we)|(it'?s|it is|only|just|barely|not even|less than) (like |about |around )?(\d+|a|one|two|three|four|five|six|a few|a couple of|several) (weeks?|months?|years?) old|since (a|one|two|\d+) (weeks?|months?))\b/i;

/** A question rather than a choice ("do I need to post it back?"). */
const ASKS = /\?\s*$|^\s*(do|does|can|could|will|would|how|what|who|when|is|are|should)\b/i;

/** Words that describe something wrong with what arrived (not "the colour is just off", a change of mind). */
export const DESCRIBES_PROBLEM = /\b(damaged|broken|broke|cracked|chipped|dented|scratched|smashed|shattered|torn|ripped|stained|faulty|defective|missing|wrong|instead|peel\w*|flak\w*|splinter\w*|leak\w*|stopped|doesn'?t work|not working|won'?t|but i ordered|not what i ordered)\b/i;

/** The customer's last few messages, this one's whole text included (a part of it may be all the task was given). */
function recentCustomerText(input: DialogueInput): string[] {
  return input.state.history.filter((h) => h.role === 'customer' && h.text !== input.nlu.text).slice(-3).map((h) => h.text);
}

function problemKind(message: string, otherwise: Problem = 'damaged'): Problem {
  if (/\b(missing|not in the (box|parcel|package)|wasn'?t in|only \w+ (of|out of)|incomplete|didn'?t (get|receive) (the|all|one)|forgot|no [\w ]{1,30} in the (box|parcel|package))\b|\bbut no\b|\bonly (had |came with |got |contained |has )?(\d+|one|two|three|four|five)\b(?! (weeks?|days?|months?|years?|hours?|times?|uses?)\b)|\binstead of (\d+|two|three|four|five|six)\b/i.test(message)) return 'missing';
  if (/\b(wrong(?! size for (my|our|the|us|me)\b)|not what i ordered|different (colou?r|size|item|one)|instead( of)?\b|mix(ed)?[- ]?up|sent me (a|the) )/i.test(message)) return 'wrong';
  if (FAULT_IN_USE.test(message)) return 'faulty';
  if (/\b(damaged|broken|cracked|chipped|dented|scratched|smashed|shattered|arrived|came)\b/i.test(message)) return 'damaged';
  return otherwise;
}

const POLICY: Record<Problem, string> = {
  damaged: 'If something arrives damaged, please tell us within 7 days of delivery with a photo of the item and the box; we then send a replacement or refund you in full, whichever you prefer, and collect the item for free if we need it back.',
  wrong: 'If you received something other than what you ordered, please tell us within 7 days of delivery with a photo; we send the right item or refund you in full, and the return is free.',
  missing: 'If an item is missing, first check your shipping emails: orders can come in several parcels. If it is still missing after all parcels arrived, tell us within 14 days of delivery and we send it free of charge or refund it.',
  faulty: 'A defect that shows in normal use is covered by our 2-year warranty (longer for some products): with a photo or short video we repair it, replace it or refund you, and we pay the shipping.',
};

const FEELING: Record<Problem, string> = {
  damaged: "I'm so sorry it arrived damaged.",
  wrong: "I'm sorry, that's not what you should have received.",
  missing: "I'm sorry something is missing from your order.",
  faulty: "I'm sorry it isn't working as it should.",
};

/** A problem with a delivered item: apology and policy, verify the order, which item, replacement or refund, confirm. */
export async function runReportProblem(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const { deps, nlu } = input;
  if (task.step === 'start') {
    // "its order SM-100554" after describing the problem: the description is in the messages before.
    const described = DESCRIBES_PROBLEM.test(nlu.text) ? nlu.text : [...recentCustomerText(input), nlu.text].join(' ');
    // A problem raised right after the warranty answer is a defect in use unless the words say otherwise.
    task.slots.problem = problemKind(described, input.state.focus.topic === 'warranty' ? 'faulty' : 'damaged');
    task.slots.description = described.slice(-300);
    const named = deps.catalog.resolve(described).map((m) => m.product.id);
    if (named.length > 0) task.slots.products = named.join(',');
  }
  const problem = task.slots.problem as Problem;
  // "it's from another order: SM-100777" while asked which item: verify that order instead.
  const other = firstEntity(nlu, 'order_id');
  if (task.step === 'ask_item' && other && other.toUpperCase() !== task.slots.orderId) task.step = 'ask_order';
  else if (task.step === 'ask_item') return chooseItem(input, task);
  if (task.step === 'ask_resolution') return chooseResolution(input, task);
  if (task.step === 'confirm') return confirm(input, task);

  const first = task.step === 'start';
  const v = await verifyOrder(input, task);
  if (!v.done) {
    if (!first) return v.replies;
    return [text(`${FEELING[problem]} ${POLICY[problem]}`), ...v.replies];
  }
  const late = tooLate(v.order, problem, deps.clock());
  if (late) {
    input.state.task = undefined;
    return [quick(`${first ? `${FEELING[problem]} ` : ''}${late}`, ['Warranty question', 'Talk to a person'])];
  }
  return chooseItem(input, task, v.order, first ? `${FEELING[problem]} ${POLICY[problem]}` : undefined);
}

function tooLate(order: Order, problem: Problem, now: Date): string | undefined {
  if (order.status !== 'delivered' && order.status !== 'returned') {
    return `Order ${order.id} is ${order.status} and has not been delivered yet, so nothing can have arrived damaged or missing. If a parcel seems lost, I can check its tracking.`;
  }
  if (!order.deliveredAt) return undefined;
  const days = Math.floor((now.getTime() - Date.parse(order.deliveredAt)) / DAY);
  if (days <= REPORT_WITHIN[problem]) return undefined;
  if (problem === 'faulty') return `Order ${order.id} was delivered ${days} days ago, so our 2-year warranty has ended, I'm afraid. Some products carry a longer guarantee, and a member of our team can look at your case.`;
  return `Order ${order.id} was delivered ${days} days ago, and problems like this need to be reported within ${REPORT_WITHIN[problem]} days of delivery. If the item is faulty, our 2-year warranty may still cover it, and a member of our team can look at your case.`;
}

async function chooseItem(input: DialogueInput, task: TaskState, known?: Order, lead?: string): Promise<Reply[]> {
  const { deps, nlu } = input;
  const order = known ?? (await deps.orders.get(task.slots.orderId));
  if (!order) {
    input.state.task = undefined;
    return [text('Sorry, that order is no longer available. A member of our team can help.')];
  }
  const items = order.items.map((i) => deps.catalog.get(i.productId)).filter((p): p is Product => Boolean(p));
  const mentioned = (task.slots.products ?? '').split(',').filter(Boolean);
  let picked = items.filter((p) => mentioned.includes(p.id));
  if (picked.length === 0) picked = itemsNamedIn(task.slots.description ?? '', items);
  if (picked.length === 0 && task.step === 'ask_item') {
    const said = deps.catalog.resolve(nlu.text).map((m) => m.product.id);
    picked = /\b(all|everything|both)\b/i.test(nlu.text) ? items : items.filter((p) => said.includes(p.id) || nlu.text.toLowerCase().includes(p.title.toLowerCase()));
    if (picked.length === 0) picked = itemsNamedIn(nlu.text, items);
  }
  if (picked.length === 0 && items.length === 1) picked = items;
  const prefix = lead ? `${lead} ` : '';
  if (picked.length === 0) {
    // "my glasses came smashed" about an order without glasses: say what the order holds, then a person.
    const kind = missingKind(input, task.step === 'ask_item' ? nlu.text : (task.slots.description ?? ''), items);
    if (task.step === 'ask_item') task.attempts += 1;
    if (task.attempts >= 2) {
      input.state.task = undefined;
      return [quick(`I can't match that to an item of order ${order.id}. A member of our team can sort it out with you.`, ['Talk to a person'])];
    }
    task.step = 'ask_item';
    const missing = kind ? `${notInOrder(order.id, kind, items)} Which of these is it about, or is it from another order (send me that order number)?` : `Which item from order ${order.id} is it about?`;
    return [quick(`${prefix}${missing}`, items.map((p) => p.title))];
  }
  task.slots.items = picked.map((p) => p.id).join(',');
  task.step = 'ask_resolution';
  const what = picked.map((p) => p.title).join(' and ');
  return [quick(`${prefix}Thanks, that's the ${what} from order ${order.id}. Would you like a replacement or a refund?`, ['Replacement', 'Refund'])];
}

async function chooseResolution(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const t = input.nlu.text.toLowerCase();
  const wants = /\b(refund|money|reimburse|credit|pay (me )?back)/.test(t)
    ? 'refund'
    : /\b(replace|replacement|new one|another one|a (new|fresh) \w+|(new|fresh) \w+ please|exchange|swap|send (me |us )?(the|a|another|new|right|correct|proper)|the (right|correct) one|repair|fix)/.test(t)
      ? 'replacement'
      : undefined;
  const ask = quick('Would you like a replacement or a refund?', ['Replacement', 'Refund']);
  if (!wants && ASKS.test(t)) {
    // "do I need to post the broken one back?": the rules for this kind of problem answer it, then the question again.
    const known = await answerFromKnowledge(input, { intent: 'report_problem', minScore: 0.4 });
    return [...(known ?? [text(POLICY[task.slots.problem as Problem])]), ask];
  }
  if (!wants) return [ask];
  task.slots.resolution = wants;
  task.step = 'confirm';
  const titles = task.slots.items.split(',').map((id) => input.deps.catalog.get(id)?.title ?? id).join(' and ');
  return [quick(`Shall I register this for order ${task.slots.orderId}: ${wants === 'replacement' ? 'a replacement for' : 'a full refund of'} the ${titles}, at no cost to you?`, ['Yes', 'No'])];
}

async function confirm(input: DialogueInput, task: TaskState): Promise<Reply[]> {
  const { deps, nlu, state } = input;
  const answer = yesNo(nlu.text);
  if (answer === undefined) return [quick('Shall I register it? Please answer yes or no.', ['Yes', 'No'])];
  state.task = undefined;
  if (!answer) return [text('Okay, I have not registered anything. If you change your mind or want to talk to a person, just tell me.')];
  const request = { orderId: task.slots.orderId, productIds: task.slots.items.split(','), reason: `${task.slots.problem}, ${task.slots.resolution}: ${task.slots.description}` };
  const next =
    task.slots.resolution === 'replacement'
      ? 'We send the replacement as soon as we have your photo'
      : 'We refund you in full within 5 working days of confirming the problem, without waiting for the item to come back';
  return shopAction(input, { orderId: request.orderId, what: `register a ${task.slots.problem} case (${task.slots.resolution}) for order ${request.orderId}` }, () => deps.orders.createReturn(request, deps.clock()), (rma) => [
    text(`Done: case ${rma.id} is registered for order ${rma.orderId}. Please reply to the confirmation email we sent with a photo of the item${task.slots.problem === 'missing' ? '' : ' and the box'}. ${next}; if we need the item back, we collect it for free.`),
  ]);
}
