import type { Reply } from '../core/message.ts';
import type { Order } from '../knowledge/types.ts';
import type { TaskName } from './conversation-state.ts';
import { firstEntity, money, text, type DialogueInput } from './dialogue-input.ts';
import { describeOrder } from './tasks/order-status-task.ts';
import { FAULT_IN_USE } from './tasks/report-problem-task.ts';
import { answerFromKnowledge } from './handlers/faq-handler.ts';

/** Words that make a message about an order rather than about a product ("the blender" in a question about an order). */
export const ORDER_CONTEXT =
  /\b(my|the|an|our|this|that|other|last) orders?\b|\border (number|no|nr|#|id|sm)|\b(ordered|return(ed|ing)?|send (it|them|this|that) back|sent back|cancel+(ed|ing|ation)?|refund(ed)?|money back|delivered|arrived|parcel|package|tracking|shipped|dispatched|bought|purchased|received)\b/i;

const TASK_CUES: Array<[TaskName, RegExp]> = [
  ['cancel_order', /\bcancel/i],
  ['report_problem', /\b(damaged|broken|cracked|chipped|smashed|faulty|defective|missing|wrong (item|colou?r|size(?! for (my|our|the|us|me)\b)|one|product))\b/i],
  ['report_problem', FAULT_IN_USE],
  ['start_return', /\b(return|send (\w+ ){0,3}back|bring (it|them) back|(i want|i'?d like|can i (get|have)|could i (get|have)|i need) (my |the |a )?(money back|refund))\b/i],
  ['change_order', /\b(express|pick (it )?up|click (&|and) collect|collect (it )?(myself|at)|address|deliver (it )?to|change|switch|upgrade|modify)\b/i],
  ['order_status', /\b(where|status|when|arrive|shipped|track|tracking|delivered|left|going on|happening|update|help with|check on|look up|news|refund(ed)?|money back|shown up|reimburse\w*)\b/i],
];

/**
 * What a message that carries an order number asks to do with it, when the classifier is unsure: the order number
 * makes it an order task, and its words say which one ("make order SM-100848 express" changes it).
 */
export function orderTaskFor(message: string): TaskName | undefined {
  return TASK_CUES.find(([, re]) => re.test(message))?.[0];
}

/** "has the money been sent?", "where's my refund" (a status question, not "refund please"). */
const REFUND_STATUS = /\b(has|have|did|was|were|is) (the |my )?(money|refund)|\bdid (i|we) get (the |my |our )?(money|refund)|\b(money|refund) (been|yet|sent|arrived|come|gone)|\bwhere('?s| is) (my |the )?(money|refund)|\brefunded yet\b/i;
const ORDER_FOLLOW_UP = /\b(when|today|tomorrow|arrive|coming|come|deliver(ed|y)?|attempt|tracking|track|money|refund(ed)?|paid|left yet|shipped|status|late|still|where|carrier|courier|driver|sent)\b/i;

/**
 * A short follow-up about the order this customer already verified in this conversation ("so it's coming today or
 * what", "has the money been sent?"): answered from that order, without asking for the email again.
 */
export async function orderFollowUp(input: DialogueInput): Promise<Reply[] | undefined> {
  const { state, nlu, deps } = input;
  const id = state.focus.orderId;
  if (!id || !state.verifiedOrderIds.includes(id) || firstEntity(nlu, 'order_id')) return undefined;
  if (HOW_TO_COLLECT.test(nlu.text) && nlu.text.split(/\s+/).length <= 16) return aboutHowItComes(input, id);
  if (!ORDER_FOLLOW_UP.test(nlu.text)) return undefined;
  // A question about how delivery works ("will someone call me first?") is for the policies, not the order record.
  if (/^\s*(so |and |ok |okay )?(how (does|do|will)|will (they|someone|the \w+)|do they|can they|what if|what happens|are they)\b/i.test(nlu.text)) return undefined;
  // ...and so is what to bring or who may collect ("what do I need to bring when I come", "can my wife pick it up").
  // A new request about the order ("refund please", "can I return it") is a task, not a status question.
  if (/\b(please|pls|i want|i'?d like|can (i|you)|could (i|you)|return|cancel|change|replace)\b/i.test(nlu.text) && !REFUND_STATUS.test(nlu.text)) return undefined;
  if (nlu.text.split(/\s+/).length > 16) return undefined;
  const order = await deps.orders.get(id);
  if (!order) return undefined;
  if (REFUND_STATUS.test(nlu.text)) return [text(refundStatus(order))];
  const why = /\bwhy|attempt|missed|not home|wasn'?t home\b/i.test(nlu.text) ? (await deps.knowledge.search(nlu.text, { kinds: ['policy', 'faq'], k: 1 }))[0] : undefined;
  return [text([describeOrder(order, deps.clock(), (pid) => deps.catalog.get(pid)?.title), why?.text].filter(Boolean).join('\n'))];
}

const SOMEONE = /\b((my|our) (wife|husband|partner|friend|neighbou?r|son|daughter|colleague|mum|mom|dad)|someone|somebody|a friend)\b/i;
const HOW_TO_COLLECT = /\b(what (do|should|must|shall) (i|we) (need|bring|take|show|do)|do (i|we) need|who can|can (my|someone|somebody|a friend)|(my|our) (wife|husband|partner|friend|neighbou?r|son|daughter|colleague))\b/i;

/**
 * "what do I need to bring when I come", "can my wife pick it up" about a verified Click & Collect order: the rules of
 * the way that order comes (the pickup rules for a pickup order), not its status again.
 */
async function aboutHowItComes(input: DialogueInput, orderId: string): Promise<Reply[] | undefined> {
  const order = await input.deps.orders.get(orderId);
  if (!order) return undefined;
  const how = order.shippingMethod === 'pickup' ? 'click and collect pick up at the showroom' : `${order.shippingMethod} delivery`;
  // "my wife" is, to the rules, "someone else" collecting or receiving it for the customer.
  const other = SOMEONE.test(input.nlu.text) ? [`can someone else collect it for me ${how}`] : [];
  return answerFromKnowledge(input, { query: [input.nlu.text, `${input.nlu.text} ${how}`, ...other], minScore: 0.4, intent: 'delivery_options' });
}

/** Where the money of an order stands: refunded when (returned or cancelled), or that none is due. */
export function refundStatus(order: Order): string {
  const returned = order.tracking.filter((e) => /return|refund|cancel/i.test(e.status)).at(-1);
  if (order.status === 'returned' || order.status === 'cancelled') {
    const when = returned ? ` on ${returned.at.slice(0, 10)}` : '';
    return order.status === 'returned'
      ? `Order ${order.id} was returned${when}, and its refund of ${money(order.total, order.currency)} was issued to your original payment method then. Card refunds usually show within 3 to 5 working days of being issued, PayPal refunds within 24 hours; if you still don't see it, your bank can trace it, or a colleague can send you the refund confirmation.`
      : `Order ${order.id} was cancelled${when}, and its ${money(order.total, order.currency)} is refunded in full to your original payment method within 5 working days (for card payments the reserved amount is often simply released).`;
  }
  return `Order ${order.id} is ${order.status}, so no refund is due on it. If you want to return it, I can start that for you.`;
}
