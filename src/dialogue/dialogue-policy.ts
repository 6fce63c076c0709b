import { shopReadFailed, shopUnavailable } from './tasks/shop-action.ts';
import type { Reply } from '../core/message.ts';
import { hasAngerCue } from '../nlu/sentiment/lexical-features.ts';
import { RUN_TASK } from './behaviour-registry.ts';
import { firstEntity, quick, text, wantsToAbort, type DialogueInput } from './dialogue-input.ts';
import { cardWarning } from './handlers/card-warning.ts';
import { acknowledge, handOff } from './handlers/handoff-handler.ts';
import { learnedAnswer } from './handlers/learned-answer.ts';
import { looksLikeInjection, refuseInjection } from './handlers/injection-guard.ts';
import { isPersonLabel, languageNotice } from './handlers/language-notice.ts';
import { MAIN_MENU } from './handlers/small-talk.ts';
import { intentForLabel } from './intent-labels.ts';
import { stepHelp } from './tasks/step-help.ts';
import { CLEAR_LEAD, taskOf, understand, type Reading } from './understand.ts';
import { answerFromKnowledge } from './handlers/faq-handler.ts';

const QUESTION = /\?\s*$|^\s*(actually |quick q(uestion)?,? |before (that|i do|i give)[^,]*,? )?(what|how|do|does|can|could|is|are|will|when|where|why|which)\b/i;

/** Without a surface cue, anger must be this sure (anger and negative probability) to hand a customer over. */
const SURE_ANGER = 0.97;
/** How sure the reading of an upset message must be for the bot to answer it itself (and offer a person). */
const ANSWER_FIRST = 0.9;

/** Confidence above which a message during a task is taken as a new request rather than an answer. */
const SWITCH_TASK_SCORE = 0.7;

/** Intent confidence at which a message full of shop words is trusted over the out-of-scope flag. */
const TRUST_OVER_OOS = 0.8;
/** A reading this sure of another intent is overridden by an operator's FAQ entry only for (nearly) its own question. */
const CONFIDENT_READING = 0.7;
const SHOP_WORDS = /\b(orders?|deliver(y|ed|ies)?|shipping|shipped|parcel|package|returns?|returned|refunds?|money back|warranty|guarantee[ed]?|covered|broken|damaged|faulty|invoice|receipt|bill|payments?|paid|klarna|paypal|account|password|log ?in|newsletter|discount|voucher|coupon|gift ?card|price|stock|showroom|click (&|and) collect|exchange|cancel\w*)\b/i;

function inShopDomain(text: string, deps: DialogueInput['deps']): boolean {
  if (SHOP_WORDS.test(text)) return true;
  const q = deps.catalog.parseQuery(text);
  return Boolean(q.head || q.category) || deps.catalog.resolve(text).length > 0;
}

/** What a task step waits for, to remind the customer after answering something else in between. */
const STEP_NEEDS: Record<string, string> = {
  start: 'your order number', ask_order: 'your order number', ask_email: 'the email address the order was placed with',
  confirm: 'yes or no', ask_address: 'the new delivery address', ask_method: 'the shipping method you want', choose: 'what you would like to change',
  ask_items: 'which item you want to return', ask_item: 'which item it is about', ask_reason: 'the reason for the return', ask_resolution: 'whether you want a replacement or a refund',
};

/**
 * Decides what the bot says for one customer message, in order: a person owns the conversation (acknowledge),
 * another language, a manipulation attempt, anger or a request for a person (hand over), a task in progress, and
 * otherwise what the message means in this conversation (see understand.ts).
 */
export async function respond(input: DialogueInput): Promise<Reply[]> {
  // A card number sent in the chat gets a warning first, whatever else is answered.
  const warning = input.state.ownership === 'agent' ? undefined : cardWarning(input.nlu.text);
  let replies: Reply[];
  const answerBefore = input.state.focus.lastAnswer;
  try {
    replies = await decide(input);
    // answerFromKnowledge sets a new lastAnswer: whether this turn's answer was the knowledge base's, for "how much?".
    input.state.focus.knowledgeLast = input.state.focus.lastAnswer !== undefined && input.state.focus.lastAnswer !== answerBefore;
  } catch (e) {
    // A lookup the shop's platform could not answer (actions handle this themselves, see shopAction).
    if (!shopUnavailable(e)) throw e;
    replies = shopReadFailed(input);
  }
  if (input.offerPerson && input.state.ownership === 'bot') replies = [...replies, quick("I'm sorry about the worry. If you would rather talk this through with a person, I can pass you to a colleague.", ['Talk to a person'])];
  return warning ? [warning, ...replies] : replies;
}

async function decide(input: DialogueInput): Promise<Reply[]> {
  const { state, nlu, deps } = input;
  if (state.ownership === 'agent') return acknowledge(input);
  if (state.ownership === 'closed') state.ownership = 'bot';
  if (isPersonLabel(nlu.text)) return handOff(input, 'requested');

  recognizeBareOrderId(input);
  const orderId = firstEntity(nlu, 'order_id');
  if (orderId) state.focus.orderId = orderId.toUpperCase();
  // An email given before any task ("hi, my email is ..., has my order shipped?") is kept for the verification.
  const email = firstEntity(nlu, 'email');
  if (email && !state.task) state.focus.email = email.toLowerCase();
  const shopLanguage = deps.profile.language.slice(0, 2);
  // "Ehrenstraße 12, 50672 Köln, Germany" answering the bot's question for an address is an address, not German.
  const slotValue = state.task !== undefined && state.task.step.startsWith('ask_') && /\d/.test(nlu.text) && nlu.text.split(/\s+/).length <= 12;
  state.language = nlu.language.reliable && !slotValue ? nlu.language.code : shopLanguage;
  if (state.language !== shopLanguage) return languageNotice(input, state.language);
  if (looksLikeInjection(nlu.text)) {
    const refusal = await refuseInjection(input);
    // "promise me SM-100654 arrives tomorrow": no promise, but the real status of that order.
    return firstEntity(nlu, 'order_id') ? [...refusal, ...(await understand(input, { intent: 'track_order', score: 1, outOfScope: false, clicked: true }))] : refusal;
  }

  const clicked = intentForLabel(nlu.text);
  const top = nlu.intent.ranking[0];
  // The out-of-scope detector errs on unusual phrasings of shop questions ("if something on the desk breaks later, is
  // that covered?"): a confident intent on a message full of shop words is trusted over the flag.
  const outOfScope = nlu.intent.outOfScope && !(top && top.score >= TRUST_OVER_OOS && inShopDomain(nlu.text, deps));
  const reading: Reading = clicked
    ? { intent: clicked, score: 1, outOfScope: false, clicked: true }
    : { intent: top?.intent, score: top?.score ?? 0, outOfScope, clicked: false };
  const s = nlu.sentiment;
  // Clear anger only: the model's anger with a surface cue (see hasAngerCue), or anger the model is all but sure of.
  const cued = hasAngerCue(nlu.text);
  const clearAnger = s.angry && (cued || (s.angerScore >= SURE_ANGER && s.scores.negative >= SURE_ANGER && nlu.text.split(/\s+/).length >= 5));
  // Upset without a word of anger, about something the bot can answer ("I see two payments on my statement!! why"):
  // the answer first, with a person offered, rather than a queue.
  const answerFirst = clearAnger && !cued && !reading.outOfScope && reading.score >= ANSWER_FIRST && !['complaint', 'talk_to_human'].includes(reading.intent ?? '');
  if (answerFirst) input.offerPerson = true;
  else if (clearAnger || (s.scores.negative >= deps.settings.handoffNegativeScore && state.failures > 0)) return handOff(input, 'negative_sentiment');
  if ((!reading.outOfScope && reading.intent === 'talk_to_human' && reading.score >= deps.settings.clarifyBelow) || asksForPerson(nlu.text)) return handOff(input, 'requested');

  if (state.task) {
    const during = await continueTask(input, reading);
    if (during) return during;
  }
  // What operators taught since the model was trained comes before any clarifying question, refusal or handoff.
  const learned = reading.clicked ? undefined : await learnedAnswer(input, { confident: !reading.outOfScope && reading.score >= CONFIDENT_READING });
  if (learned) return learned;
  return understand(input, reading);
}

/** "need a person, quick question", "get me the human again": a request for a person, whatever else it mentions. */
const PERSON = /\b(need|want|get|speak (to|with)|talk (to|with)|connect me (to|with)|give me|put me through to|transfer me to)\s+(a |an |the |to a |with a |your )?(real |actual |live )?(person|human|agent|someone|somebody|employee|representative|staff member|colleague)\b/i;
function asksForPerson(text: string): boolean {
  return PERSON.test(text) && !/\b(don'?t|do not|no need|never)\b.{0,20}\b(person|human|agent|someone)\b/i.test(text);
}

/** Entities or answers the current task step is waiting for. */
function answersTask(input: DialogueInput): boolean {
  const { nlu, state } = input;
  if (nlu.entities.some((e) => e.type === 'order_id' || e.type === 'email')) return true;
  return ['confirm', 'ask_address', 'ask_reason', 'ask_resolution', 'ask_item', 'ask_items'].includes(state.task?.step ?? '');
}

/**
 * A task in progress gets the message unless it clearly asks something else. A new task replaces it (verified
 * orders stay verified); any other question is answered and the customer reminded where the task stands.
 */
async function continueTask(input: DialogueInput, reading: Reading): Promise<Reply[] | undefined> {
  const { state, nlu } = input;
  const task = state.task!;
  if (wantsToAbort(nlu.text)) {
    state.task = undefined;
    const nothing = task.slots.orderId && task.name !== 'order_status' ? ` Nothing was changed on order ${task.slots.orderId}; it stays as it is.` : '';
    return [quick(`Okay, I stopped that.${nothing} Anything else I can help with?`, MAIN_MENU)];
  }
  const help = stepHelp(input);
  if (help) return help;
  // "actually quick q first, do you do gift wrapping?" while the bot waits for an email: answered, then the task.
  if (QUESTION.test(nlu.text) && !answersTask(input) && (reading.outOfScope || reading.score < input.deps.settings.clarifyBelow)) {
    // "how do I claim it?" during a problem report: read together with what the customer described.
    const about = task.slots.description ? [`${task.slots.description} ${nlu.text}`] : [];
    const known = await answerFromKnowledge(input, { query: [nlu.text, ...about], minScore: input.deps.settings.fallbackAnswerScore, clearLead: CLEAR_LEAD });
    if (known) return [...known, text(`To carry on where we were, just send me ${STEP_NEEDS[task.step] ?? 'your answer'}.`)];
  }
  const other = reading.intent !== undefined && taskOf(input, reading.intent) !== task.name;
  // A question in between ("before I give you that, do I get the shipping back too?") is answered, the task kept.
  const question = QUESTION.test(nlu.text) && !taskOf(input, reading.intent ?? '') && reading.score >= input.deps.settings.clarifyBelow;
  const switching = !reading.outOfScope && (reading.score >= SWITCH_TASK_SCORE || question) && other && !answersTask(input);
  if (!switching) {
    input.slotAnswer = true;
    const replies = await RUN_TASK[task.name](input, task);
    return state.task ? replies : [...replies, ...(await takeUpPending(input))];
  }
  // A new task replaces this one; "no, that's all" leaves it.
  if (taskOf(input, reading.intent!) || reading.intent === 'goodbye') {
    state.task = undefined;
    return undefined;
  }
  const answer = await understand(input, reading);
  if (state.ownership !== 'bot') return answer;
  state.task = task;
  return [...answer, text(`To carry on where we were, just send me ${STEP_NEEDS[task.step] ?? 'your answer'}.`)];
}

/** A second request made during a task ("...and change the address too") is taken up once the task is done. */
async function takeUpPending(input: DialogueInput): Promise<Reply[]> {
  const pending = input.state.pending;
  if (!pending) return [];
  input.state.pending = undefined;
  const nlu = await input.deps.analyze(pending.text);
  const sub: DialogueInput = { ...input, nlu };
  const replies = await understand(sub, { intent: pending.intent, score: 1, outOfScope: false, clicked: true });
  return [text(`Now, about your other request ("${pending.text}"):`), ...replies];
}

/**
 * "it's 100604 i think" right after an answer about orders or returns: the shop's order number without its prefix.
 * Only for a message that is little more than the number, while an order topic is open; a lone number elsewhere is
 * as often a quantity or a postcode.
 */
function recognizeBareOrderId(input: DialogueInput): void {
  const { nlu, state, deps } = input;
  const topic = state.focus.topic;
  if (firstEntity(nlu, 'order_id') || !topic || !state.focus.lastAnswer) return;
  if (!taskOf(input, topic) && !deps.behaviours.orderTaskFor(topic)) return;
  const found = deps.orderIds.find(nlu.text, { bare: true });
  if (found.length !== 1) return;
  const rest = nlu.text.replace(found[0]!.raw, ' ').replace(/\b(order|number|no|nr|it'?s|its|is|my|the|i think|think|maybe|here|thanks?|pls|please|ok(ay)?)\b|[,.!?#:]/gi, '').trim();
  if (rest.length > 3) return;
  nlu.entities.push({ type: 'order_id', value: found[0]!.value, raw: found[0]!.raw, confidence: found[0]!.confidence });
}
