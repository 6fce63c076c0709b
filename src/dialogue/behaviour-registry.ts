import type { Reply } from '../core/message.ts';
import type { TaskName, TaskState } from './conversation-state.ts';
import { firstEntity, quick, text, type DialogueInput } from './dialogue-input.ts';
import { answerFromKnowledge } from './handlers/faq-handler.ts';
import { handOff } from './handlers/handoff-handler.ts';
import { askWhichProduct, productAnswer } from './handlers/product-handler.ts';
import { recommend } from './handlers/recommend-handler.ts';
import { answerShipping } from './handlers/shipping-handler.ts';
import { complaint, goodbye, greet, thanks } from './handlers/small-talk.ts';
import { runCancelOrder } from './tasks/cancel-order-task.ts';
import { runChangeOrder } from './tasks/change-order-task.ts';
import { runOrderStatus } from './tasks/order-status-task.ts';
import { runReportProblem } from './tasks/report-problem-task.ts';
import { runReturn } from './tasks/return-task.ts';

/** A behaviour answers, or declines (undefined) so the intent's next response is tried. */
export type Behaviour = (input: DialogueInput) => Promise<Reply[] | undefined>;

export const RUN_TASK: Record<TaskName, (input: DialogueInput, task: TaskState) => Promise<Reply[]>> = {
  order_status: runOrderStatus,
  cancel_order: runCancelOrder,
  change_order: runChangeOrder,
  start_return: runReturn,
  report_problem: runReportProblem,
};

function startTask(name: TaskName, slots: Record<string, string> = {}): Behaviour {
  return (input) => {
    // A copy per conversation: the defaults object is shared by every start of this task.
    input.state.task = { name, step: 'start', slots: { ...slots }, attempts: 0 };
    return RUN_TASK[name](input, input.state.task);
  };
}

/**
 * The behaviours intents/*.yaml may name in `responses:`. Adding an intent that answers from the knowledge base,
 * with a fixed text, or with one of these needs no code; a new kind of behaviour is one entry here.
 */
export const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  order_status: startTask('order_status'),
  cancel_order: startTask('cancel_order'),
  change_order: startTask('change_order'),
  change_address: (input) => startTask('change_order', { what: 'address' })(input),
  start_return: startTask('start_return'),
  report_problem: startTask('report_problem'),
  faq: answerFromKnowledge,
  // "still no money, SM-100510": with an order number, that order's refund (after verification); else the rules.
  refund_status: refundStatus,
  shipping: answerShipping,
  product_info: async (input) => (await productAnswer(input, 'info')) ?? askWhichProduct(input),
  product_availability: async (input) => (await productAnswer(input, 'availability')) ?? askWhichProduct(input),
  recommend,
  greeting: greet,
  goodbye,
  thanks,
  complaint,
  handoff: (input) => handOff(input, 'requested'),
};

export const BEHAVIOUR_NAMES: ReadonlySet<string> = new Set(Object.keys(BEHAVIOURS));

/** Runs an intent's responses in order until one answers. */
export async function runIntent(input: DialogueInput, intent: string): Promise<Reply[] | undefined> {
  for (const action of input.deps.behaviours.actionsFor(intent)) {
    if (action.kind === 'reply') return [action.quickReplies.length > 0 ? quick(action.text, action.quickReplies) : { kind: 'text', text: action.text }];
    const replies = await BEHAVIOURS[action.name](input);
    if (replies) return replies;
  }
  return undefined;
}

/**
 * "still no money, SM-100510": with an order number, that order's refund (after verification). Without one, the
 * rules, and an offer to look the order up (a bare order number next continues with its status: orderTask).
 */
async function refundStatus(input: DialogueInput): Promise<Reply[] | undefined> {
  if (firstEntity(input.nlu, 'order_id')) return startTask('order_status')(input);
  const rules = await answerFromKnowledge(input);
  if (!rules) return undefined;
  return [...rules, text(`If you send me your order number (like ${input.deps.orderIds.example}), I can check where your return and refund are.`)];
}
