import type { Reply } from '../core/message.ts';
import type { TaskName, TaskState } from './conversation-state.ts';
import { quick, wantsToAbort, type DialogueInput } from './dialogue-input.ts';
import { answerFromKnowledge } from './handlers/faq-handler.ts';
import { handOff } from './handlers/handoff-handler.ts';
import { productInfo } from './handlers/product-handler.ts';
import { recommend } from './handlers/recommend-handler.ts';
import { goodbye, greet, MAIN_MENU, thanks } from './handlers/small-talk.ts';
import { intentForLabel, intentLabel, isSuggestible } from './intent-labels.ts';
import { runCancelOrder } from './tasks/cancel-order-task.ts';
import { runChangeOrder } from './tasks/change-order-task.ts';
import { runOrderStatus } from './tasks/order-status-task.ts';
import { runReturn } from './tasks/return-task.ts';

const TASK_FOR_INTENT: Record<string, TaskName> = {
  track_order: 'order_status',
  cancel_order: 'cancel_order',
  change_order: 'change_order',
  change_shipping_address: 'change_order',
  start_return: 'start_return',
};

const RUN_TASK: Record<TaskName, (input: DialogueInput, task: TaskState) => Promise<Reply[]>> = {
  order_status: runOrderStatus,
  cancel_order: runCancelOrder,
  change_order: runChangeOrder,
  start_return: runReturn,
};

/** Confidence above which a message during a task is taken as a new request rather than an answer. */
const SWITCH_TASK_SCORE = 0.7;

/**
 * Decides what the bot says for one customer message: silence while an agent owns the conversation, handoff
 * triggers first, then a task in progress, then out-of-scope / clarification, then the intent's handler.
 */
export async function respond(input: DialogueInput): Promise<Reply[]> {
  const { state, nlu, deps } = input;
  if (state.ownership === 'agent') {
    input.outcome = 'silent';
    return [];
  }
  if (state.ownership === 'closed') state.ownership = 'bot';

  const clicked = intentForLabel(nlu.text);
  const top = clicked ? { intent: clicked, score: 1 } : nlu.intent.ranking[0];
  const outOfScope = !clicked && nlu.intent.outOfScope;
  const s = nlu.sentiment;
  if (s.angry || (s.scores.negative >= deps.settings.handoffNegativeScore && (top?.intent === 'complaint' || state.failures > 0))) {
    return handOff(input, 'negative_sentiment');
  }
  if (!outOfScope && top?.intent === 'talk_to_human' && top.score >= deps.settings.clarifyBelow) return handOff(input, 'requested');

  if (state.task) {
    if (wantsToAbort(nlu.text)) {
      state.task = undefined;
      return [quick('Okay, I stopped that. Anything else I can help with?', MAIN_MENU)];
    }
    const switching = !outOfScope && top && top.score >= SWITCH_TASK_SCORE && TASK_FOR_INTENT[top.intent] !== state.task.name && !answersTask(input);
    if (!switching) return RUN_TASK[state.task.name](input, state.task);
    state.task = undefined;
  }

  if (!top || outOfScope || top.score < deps.settings.clarifyBelow) return notUnderstood(input, outOfScope);
  state.failures = 0;
  return dispatch(input, top.intent);
}

/** Entities or yes/no answers that the current task step is waiting for. */
function answersTask(input: DialogueInput): boolean {
  const { nlu, state } = input;
  if (nlu.entities.some((e) => e.type === 'order_id' || e.type === 'email')) return true;
  return state.task?.step === 'confirm' || state.task?.step === 'ask_address' || state.task?.step === 'ask_reason';
}

async function notUnderstood(input: DialogueInput, outOfScope: boolean): Promise<Reply[]> {
  const { state, nlu, deps } = input;
  state.failures += 1;
  input.outcome = outOfScope ? 'out_of_scope' : 'clarification';
  if (state.failures >= deps.settings.failuresBeforeHandoffOffer + 1) return handOff(input, 'repeated_failure');
  const offerHuman = state.failures >= deps.settings.failuresBeforeHandoffOffer;
  const suggestions = nlu.intent.ranking.filter((r) => isSuggestible(r.intent)).slice(0, 3).map((r) => intentLabel(r.intent));
  const options = [...(outOfScope ? MAIN_MENU.slice(0, 3) : suggestions), ...(offerHuman ? ['Talk to a person'] : [])];
  const unique = [...new Set(options)];
  if (outOfScope) {
    return [quick(`Sorry, I can only help with ${deps.profile.name} orders, deliveries, returns, payments and products.${offerHuman ? ' Would you like to talk to a person instead?' : ' Is it about one of these?'}`, unique)];
  }
  return [quick(`I'm not sure I understood. Did you mean one of these?${offerHuman ? ' Or I can get a person to help.' : ''}`, unique)];
}

async function dispatch(input: DialogueInput, intent: string): Promise<Reply[]> {
  const task = TASK_FOR_INTENT[intent];
  if (task) {
    input.state.task = { name: task, step: 'start', slots: intent === 'change_shipping_address' ? { what: 'address' } : {}, attempts: 0 };
    return RUN_TASK[task](input, input.state.task);
  }
  switch (intent) {
    case 'greeting':
      return greet(input);
    case 'goodbye':
      return goodbye(input);
    case 'thanks':
      return thanks();
    case 'product_information':
      return productInfo(input, 'info');
    case 'product_availability':
      return productInfo(input, 'availability');
    case 'product_recommendation':
      return recommend(input);
    case 'talk_to_human':
      return handOff(input, 'requested');
    case 'complaint':
      return [quick("I'm sorry to hear that. Tell me what went wrong and I'll do my best to fix it, or I can pass you to a person from our team.", ['Talk to a person', 'Where is my order?', 'I want to return an item'])];
  }
  return (await answerFromKnowledge(input)) ?? notUnderstood(input, false);
}
