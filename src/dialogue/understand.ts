import { askedFacts } from '../catalog/product-facts.ts';
import type { Reply } from '../core/message.ts';
import { runIntent, RUN_TASK } from './behaviour-registry.ts';
import type { TaskName } from './conversation-state.ts';
import { firstEntity, quick, type DialogueInput } from './dialogue-input.ts';
import { answerFromKnowledge } from './handlers/faq-handler.ts';
import { MORE_PRODUCTS, moreProducts } from './handlers/more-products.ts';
import { whichShownFor } from './handlers/which-shown.ts';
import { recommend, wantsForOwned } from './handlers/recommend-handler.ts';
import { handOff } from './handlers/handoff-handler.ts';
import { askWhichProduct, productAnswer } from './handlers/product-handler.ts';
import { GOES_WITH } from './handlers/recommend-handler.ts';
import { hasWishes } from '../catalog/product-query.ts';
import { normWords } from '../catalog/catalog-text.ts';
import { titleHead } from '../catalog/product-vocabulary.ts';
import { MAIN_MENU } from './handlers/small-talk.ts';
import { intentLabel, isSuggestible } from './intent-labels.ts';
import { PRONOUN, referencedProducts } from './product-references.ts';
import { ORDER_CONTEXT, orderFollowUp, orderTaskFor } from './order-context.ts';
import { returnInsteadOfRefund } from './return-reading.ts';
import { splitRequests } from './split-requests.ts';
import { FAULT_IN_USE } from './tasks/report-problem-task.ts';

/** The classifier's (or a clicked button's) reading of a message. */
export interface Reading {
  intent?: string;
  score: number;
  outOfScope: boolean;
  clicked: boolean;
}

const PRODUCT_INTENTS = new Set(['product_information', 'product_availability', 'product_recommendation']);
/** Above this a non-product intent is trusted even when the message also names a product. */
const TRUST_OVER_PRODUCT = 0.85;
/** A task read this surely from a whole message with an order number is not split into its clauses. */
const WHOLE_TASK = 0.7;
/** A received item with a problem ("arrived with a chipped lid"): never a product card or a refusal. */
const PROBLEM_REPORT = /\b(arrived|came|received|got|delivered|was|is|are)\b.{0,40}\b(damaged|broken|cracked|chipped|dented|scratched|smashed|shattered|torn|ripped|stained|faulty|defective|missing|wrong (colou?r|size(?! for (my|our|the|us|me)\b)|item|one|product))\b|\b(wrong (colou?r|size|item|product)) (arrived|came|was (sent|delivered))\b|\bsent (me )?the wrong\b/i;
/** A question about what would happen, not a request to act now. */
const HYPOTHETICAL = /^\s*(and )?(what happens|what if|what do i do if|in case|if (my|the|an?|it|i)\b|suppose|hypothetically)/i;
/** Something the customer has ("my kettle", "we bought"), as opposed to a question about a product for sale. */
const OWNED = /\b(my|our|mine|i bought|we bought|i got|we got|bought|ordered|received)\b|^\s*(just )?(got|have)\b/i;
const FOLLOW_UP = /^\s*(and|what about|how about|what if|same (for|with)|or|also|plus|ok(ay)?|k|cool|nice|great|right|alright|hmm+|so|and for|and to|and in)\b/i;
/** Words that lean on the previous answer: "what if", "and on saturday?", "how do I claim it?", "does that...". */
/** A question word and nothing else ("how much?" after the gift wrapping answer) asks about that answer. */
const BARE_QUESTION = /^\s*(?:(?:ok(?:ay)?|and|so|but|hmm+|right|oh)[\s,]+)*(how much|how long|how many|how often|why|where|when|since when|until when|for how long|how|what for)\s*[?!.]*\s*$/i;
/** Words that lean on what was said before ("how long will that take", "same deal?"). */
const REFERS_BACK = /\b(it|its|itself|that|that's|this|these|those|them|they|same)\b/i;
const CONTEXTUAL = /^\s*(and|but|so|what if|what about|how about|then|also|or)\b|\b(it|that|this|there|those|them|then)\b/i;
/** A knowledge entry far ahead of the next answers a message no intent understood, even at a modest score. */
export const CLEAR_LEAD = { score: 0.38, margin: 0.12 };
/** Product facts that belong to a shop policy, for follow-ups on them ("how do I claim it?"). */
const FACT_TOPICS: Record<string, string> = { warranty: 'warranty', delivery: 'delivery_time' };
/** Words that continue a warranty or delivery answer: extending or claiming it, getting it faster. */
const POLICY_CUE = /\b(extend|claim|express|faster|quicker|sooner)\b/i;
/** A follow-up retrieved together with the previous answer's question needs at least this score. */
const CONTEXT_ANSWER_SCORE = 0.45;
/** A follow-up searched together with what it follows: the entry that answered and the customer's question then. */
function contextQuery(input: DialogueInput, last: { title: string; asked?: string }): string[] {
  const subjects = input.deps.subjectsOf(last.asked ?? '');
  // "it" may be the entry's subject or the thing the customer asked about ("how long is it valid?" after a refund
  // answer to a question about a gift card): both are searched.
  return [`${last.title} ${input.nlu.text}`, ...(subjects.length > 0 ? [`${input.nlu.text} ${subjects.join(' ')}`] : []), input.nlu.text];
}
const topic_ = (state: DialogueInput['state']) => state.focus.topic && !PRODUCT_INTENTS.has(state.focus.topic) && state.focus.topic !== 'product' && state.focus.topic !== 'product_number';
const PRICE_LIMIT = /\b(under|below|less than|cheaper than|max(imum)?|up to|at most|between|over|above|more than)\s*(€|eur\s*)?\d/i;
const SHIPPING_WORDS = /\b(ship|shipping|deliver|delivery|postage|courier|send)\b/i;
/** "how much is shipping / Care Plus for the mixer": a price asked about a service for the product, not the product. */
const SERVICE_WORDS = /\b(ship|shipping|deliver|delivery|postage|courier|send|extend|extended warranty|extend(ed)? (the )?(warranty|guarantee|cover)|care plus|gift ?wrap(ping)?|assembly service|instal?lments?|spread (the )?(cost|payments?)|pay (it )?(later|in (parts|instalments|installments|\d+))|klarna|financ(e|ing))\b/i;

/** The task an intent starts, if its first response is one (read from the intents' YAML, not hard-coded). */
export function taskOf(input: DialogueInput, intent: string): TaskName | undefined {
  const first = input.deps.behaviours.actionsFor(intent)[0];
  if (first?.kind !== 'behaviour') return undefined;
  if (first.name === 'change_address') return 'change_order';
  return first.name in RUN_TASK ? (first.name as TaskName) : undefined;
}

/** Runs an intent's responses; remembers the topic for follow-ups; a declined intent is "not understood". */
export async function dispatch(input: DialogueInput, intent: string): Promise<Reply[]> {
  input.state.failures = 0;
  input.intent = intent;
  input.state.focus.lastAnswer = undefined;
  const before = input.state.focus.topic;
  const replies = await runIntent(input, intent);
  if (!replies) return notUnderstood(input, { intent, score: 0, outOfScope: false, clicked: false });
  if (input.state.focus.topic === before && !PRODUCT_INTENTS.has(intent)) input.state.focus.topic = intent;
  return replies;
}

/**
 * What the message means in this conversation: an answer to "which one?", a follow-up on the product or topic just
 * discussed, two questions at once, a product named where the classifier heard something else, or the intent.
 */
export async function understand(input: DialogueInput, classified: Reading): Promise<Reply[]> {
  if (classified.clicked && classified.intent) return dispatch(input, classified.intent);
  // "can i still send stuff back?" read as a refund-status question asks about a return still to make.
  const returning = returnInsteadOfRefund(input.nlu.text, input.nlu.intent.ranking);
  const reading = returning && classified.intent === returning.from ? { ...classified, intent: returning.intent, score: returning.score } : classified;
  const onOrder = await orderFollowUp(input);
  if (onOrder) return onOrder;
  const byOrder = orderRouting(input, reading);
  if (byOrder) return dispatch(input, byOrder);
  const contextual = await followUp(input, reading);
  if (contextual) return contextual;
  const parts = await splitRequests(input);
  // "so excited for my new sofa!! when will it come? order SM-100719": the order, read confidently as a whole, is the
  // request; a clause of excitement is no second one (split, it read as a wish for products).
  const wholeTask = reading.intent && !reading.outOfScope && reading.score >= WHOLE_TASK && taskOf(input, reading.intent) && input.nlu.entities.some((e) => e.type === 'order_id');
  if (wholeTask && parts.length > 1 && !parts.some((p) => taskOf(input, p.intent))) return dispatch(input, reading.intent!);
  if (parts.length > 1) return answerEach(input, parts);
  if (parts.length === 1) return dispatch(input, parts[0].intent);
  const grounded = await productGrounding(input, reading);
  if (grounded) return grounded;
  if (!reading.intent || reading.outOfScope || reading.score < input.deps.settings.clarifyBelow) return notUnderstood(input, reading);
  // "what happens if my parcel gets lost?" asks about the rules, not to track a parcel: the policy answers it.
  if (taskOf(input, reading.intent) && HYPOTHETICAL.test(input.nlu.text) && !input.nlu.entities.some((e) => e.type === 'order_id')) {
    const known = await answerFromKnowledge(input, { minScore: input.deps.settings.fallbackAnswerScore - 0.2 });
    // The topic stays, so "ok let's do it. SM-100719" afterwards starts that task.
    if (known) {
      input.state.focus.topic = reading.intent;
      return known;
    }
  }
  return dispatch(input, reading.intent);
}

const DONT_WANT = /\b(don'?t|dont|do not|no longer) (want|need|like)\b.{0,40}\b(anymore|any more)\b|\bchanged my mind\b/i;
const MY_DELIVERY = /\bwhen (will|do|does|is|are|should|can i expect) (my|our)\b[^?.!]{0,40}\b(arrive|come|get here|be here|be delivered|turn up|show up|be shipped|ship|be dispatched)\b|\bwhere (is|are) (my|our)\b(?! (nearest|closest))/i;

/** Intents whose first response starts this task (the inverse of taskOf), for routing by order number. */
function intentForTask(input: DialogueInput, task: TaskName, reading: Reading): string | undefined {
  const candidates = [reading.intent, ...input.nlu.intent.ranking.map((r) => r.intent)].filter((i): i is string => Boolean(i));
  return candidates.find((i) => taskOf(input, i) === task) ?? { order_status: 'track_order', cancel_order: 'cancel_order', change_order: 'change_order', start_return: 'start_return', report_problem: 'report_problem' }[task];
}

/**
 * A message with an order number (or only an order number and email) is about that order: when the classifier is
 * unsure, its words say which task ("make SM-100848 express" is a change, "the blender from SM-100682?" its status).
 */
function orderRouting(input: DialogueInput, reading: Reading): string | undefined {
  const { nlu } = input;
  const hasOrder = nlu.entities.some((e) => e.type === 'order_id');
  const hasEmail = nlu.entities.some((e) => e.type === 'email');
  // "when do my cushion covers arrive": the customer's own order, not the delivery policy or the product.
  if (!hasOrder && MY_DELIVERY.test(nlu.text) && !(reading.intent && taskOf(input, reading.intent))) return intentForTask(input, 'order_status', reading);
  // "so what am I supposed to do, I don't want the pans anymore" about the order just discussed: a return.
  const verified = input.state.focus.orderId && input.state.verifiedOrderIds.includes(input.state.focus.orderId);
  if (!hasOrder && verified && DONT_WANT.test(nlu.text) && !(reading.intent && taskOf(input, reading.intent) === 'start_return')) return intentForTask(input, 'start_return', reading);
  if (!hasOrder && !hasEmail) return undefined;
  const withoutIds = nlu.entities.filter((e) => e.type === 'order_id').reduce((t, e) => t.replace(e.raw, ' '), nlu.text);
  const slotsOnly = withoutIds.replace(/\S+@\S+/g, '').replace(/\b(order|email|e-mail|is|it'?s|my|the|and|i think|here|thanks?|pls|please|ok(ay)?|yes|sure|let'?s do it|lets do it|go ahead|do it)\b|[,.!]/gi, '').trim().length < 4;
  // Only an order number (and email): the task just discussed ("if I cancel, when do I get my money back?" ...
  // "ok let's do it. SM-100719"), else its status.
  const topic = input.state.focus.topic;
  const topicTask = topic && input.state.focus.lastAnswer ? taskOf(input, topic) : undefined;
  // After a policy answer ("can I return something?"), the order number starts the task the intent file names.
  const orderTask = topic && input.state.focus.lastAnswer ? input.deps.behaviours.orderTaskFor(topic) : undefined;
  if (slotsOnly) return topicTask ? topic : (orderTask ?? 'track_order');
  if (!hasOrder) return undefined;
  const task = reading.intent ? taskOf(input, reading.intent) : undefined;
  // "a couple of the blocks have splinters ... what can you do? order SM-100588": a problem, not a status question.
  const cued = orderTaskFor(nlu.text);
  // ...and "I want my money back for the vases from SM-100564" a return, whatever the classifier made of it.
  if (task === 'order_status' && cued && cued !== 'order_status' && cued !== 'change_order') return intentForTask(input, cued, reading);
  if (task && !reading.outOfScope && reading.score >= input.deps.settings.clarifyBelow) return undefined;
  // "the fitted sheet from SM-100615 ... can I return it?" is a return, even when it reads like a policy question.
  if (cued) return intentForTask(input, cued, reading);
  if (!reading.outOfScope && reading.score >= TRUST_OVER_PRODUCT && !PRODUCT_INTENTS.has(reading.intent ?? '')) return undefined;
  return intentForTask(input, 'order_status', reading);
}

/** Follow-ups that only make sense with what was said before. */
async function followUp(input: DialogueInput, reading: Reading): Promise<Reply[] | undefined> {
  const { state, nlu, deps } = input;
  const task = reading.intent ? taskOf(input, reading.intent) : undefined;
  const confidentTask = Boolean(task) && !reading.outOfScope && reading.score >= TRUST_OVER_PRODUCT;
  const slots = nlu.entities.some((e) => e.type === 'order_id' || e.type === 'email');
  if (slots && (confidentTask || ORDER_CONTEXT.test(nlu.text))) return undefined;
  const wordCount = nlu.text.split(/\s+/).filter(Boolean).length;
  // "hmm maybe the large one instead" points at an option just offered, whatever the classifier makes of "order".
  if (confidentTask && (state.focus.shown.length > 1 || (state.focus.options?.length ?? 0) > 1) && wordCount <= 14 && /\b(one|ones)\b/i.test(nlu.text)) {
    const referred = referencedProducts(nlu.text, state, deps.catalog);
    if (referred.length > 0) return productAnswer(input, 'info');
  }
  // "it hasn't shipped yet, can I get it already?" after the invoice answer leans on that answer, not on a new task.
  if (confidentTask && state.focus.lastAnswer && topic_(state) && wordCount <= 12 && CONTEXTUAL.test(nlu.text) && /\?\s*$/.test(nlu.text) && deps.catalog.resolve(nlu.text).length === 0) {
    const known = await answerFromKnowledge(input, { query: contextQuery(input, state.focus.lastAnswer), intent: state.focus.topic, focusOn: nlu.text, minScore: CONTEXT_ANSWER_SCORE + 0.1 });
    if (known) return known;
  }
  // "and the bench from the same range, can I order that?": the kind named, within the series in focus (whatever the
  // classifier makes of "order").
  if (state.focus.productId && /\bsame (range|series|collection|line|family|set)\b/i.test(nlu.text) && !slots) {
    const series = deps.catalog.get(state.focus.productId)!.title.split(/\s+/)[0];
    input.nlu = { ...nlu, text: `${nlu.text} ${series}` };
    return productAnswer(input, /\b(order|buy|get|in stock|available)\b/i.test(nlu.text) ? 'availability' : 'info');
  }
  // "can I order 10" about the product in focus asks how many there are, whatever the classifier makes of "order".
  if (confidentTask && state.focus.productId && !slots && !ORDER_CONTEXT.test(nlu.text) && askedFacts(nlu.text).includes('quantity')) {
    const answer = await productAnswer(input, 'info', { implicit: true });
    if (answer) return answer;
  }
  if (confidentTask) return undefined;
  if (wantsForOwned(input)) return recommend(input);
  // "something else?", "any other options?" right after product cards (the classifier hears a goodbye in them).
  if (state.focus.topic === 'product' && state.focus.shown.length > 0 && MORE_PRODUCTS.test(nlu.text)) return moreProducts(input);
  const matches = deps.catalog.resolve(nlu.text);
  const focusProduct = state.focus.productId ? deps.catalog.get(state.focus.productId) : undefined;
  // Another product named outright, or one of another kind ("what about the armchair" after the sofa).
  const said = deps.catalog.parseQuery(nlu.text);
  const otherKind = (m: { product: { title: string } }) => {
    const head = titleHead(m.product.title).head;
    return focusProduct !== undefined && head !== titleHead(focusProduct.title).head && (head === said.head || said.otherHeads.includes(head ?? ''));
  };
  // "do I need to buy the filling separately?" names the inner, but asks about the cover in focus.
  const completes = focusProduct && askedFacts(nlu.text).includes('contents') ? deps.catalog.complements(focusProduct) : [];
  // "is there a toaster in the same colour" after the kettle: another kind named, even when no title matches it.
  // ("the light" of a desk lamp is the lamp: its title, tags and category count as its own words.)
  const ownWords = focusProduct ? new Set(normWords(`${focusProduct.title} ${focusProduct.tags.join(' ')} ${focusProduct.category.replace(/ing\b/, '')}`)) : new Set<string>();
  const otherKindNamed = Boolean(said.head && focusProduct && said.head !== titleHead(focusProduct.title).head && !ownWords.has(said.head) && !completes.some((p) => titleHead(p.title).head === said.head));
  const namesOther = otherKindNamed || matches.some((m) => m.product.id !== state.focus.productId && !completes.includes(m.product) && (m.via !== 'name' || m.recall >= 0.45 || otherKind(m)));
  const words = nlu.text.split(/\s+/).filter(Boolean).length;
  const aboutShipping = SHIPPING_WORDS.test(nlu.text) || firstEntity(nlu, 'country') !== undefined;
  const facts = askedFacts(nlu.text);

  // "i meant 1099" after an unknown product number.
  if (state.focus.topic === 'product_number' && /\b\d{4}\b/.test(nlu.text) && matches.length === 0) {
    const number = /\b(\d{4})\b/.exec(nlu.text)![1];
    input.nlu = { ...nlu, text: `${nlu.text} P-${number}` };
    return productAnswer(input, 'info');
  }
  // "which one for side sleepers?" about the products just shown: the one whose description says so.
  if (state.focus.topic === 'product') {
    const which = whichShownFor(input);
    if (which) return which;
  }
  // "the large one" after "which board do you mean?", "the second one" / "the green one" after cards.
  if ((state.focus.question || state.focus.shown.length > 1) && words <= (facts.length > 0 ? 14 : 8) && !aboutShipping) {
    const referred = referencedProducts(nlu.text, state, deps.catalog);
    if (referred.length > 0 && referred.every((p) => state.focus.shown.includes(p.id))) return productAnswer(input, 'info');
  }
  // "which one is lighter?" about the two products just shown.
  if (state.focus.shown.length === 2 && words <= 12 && /\bwhich( one)?\b.*\b(\w+er|better|more|less)\b/i.test(nlu.text) && !namesOther) {
    return productAnswer(input, 'info', { compareShown: true });
  }
  // "is there a toaster in the same colour?": the kind named, in the colour of the product in focus.
  const colour = focusProduct?.attributes.colour;
  if (otherKindNamed && typeof colour === 'string' && /\bsame colou?r\b/i.test(nlu.text)) {
    input.nlu = { ...nlu, text: `${nlu.text.replace(/\b(in )?the same colou?r\b/i, '')} ${colour}` };
    return productAnswer(input, 'info');
  }
  // "and how much is it?", "is it in stock?", "and the dishwasher?" about the product just discussed (but "can I
  // extend that?" asks about the warranty just mentioned, not the product).
  const pointsBack = PRONOUN.test(nlu.text) || FOLLOW_UP.test(nlu.text) || /\bone\b/i.test(nlu.text) || words <= 10;
  // "will it survive the dryer?", "how many can I get" after two or three cards: about them (each one's answer).
  const amongFew = state.focus.shown.length > 1 && state.focus.shown.length <= 4 && (PRONOUN.test(nlu.text) || words <= 8) && facts.some((f) => f !== 'detail' && f !== 'overview');
  // "how long is delivery for it?" about the sofa in focus: its own delivery (freight), not the general rules.
  const itsDelivery = Boolean(state.focus.productId) && facts.includes('delivery') && PRONOUN.test(nlu.text) && !firstEntity(nlu, 'country');
  // "how much?" right after a knowledge answer (Care Plus) asks about that answer, not the product before it.
  const aboutAnswer = BARE_QUESTION.test(nlu.text) && state.focus.lastAnswer !== undefined && state.focus.knowledgeLast === true;
  if ((state.focus.productId || amongFew) && !namesOther && (!aboutShipping || itsDelivery) && !aboutAnswer && words <= 16 && facts.length > 0 && pointsBack && !/\b(extend|extended|care plus)\b/i.test(nlu.text)) {
    const answer = await productAnswer(input, 'info', { implicit: true });
    if (answer) return answer;
  }
  // "do I pay customs on top of that?" after delivery to Switzerland, whatever was discussed in between.
  if (state.focus.country && /\b(customs|duties|duty|import (vat|tax(es)?|fees?)|clearance|pay (anything|something) (extra|more)|extra (costs?|charges?|fees?) (on|when|at)|(a )?bill (on|when|at) (arrival|delivery|the door))\b/i.test(nlu.text) && words <= 24 && !firstEntity(nlu, 'country')) {
    input.followUp = true;
    return dispatch(input, 'delivery_options');
  }
  // "how do I claim it?" after the warranty of a product: the policy topic of that answer, not the product.
  const policyTopic = (state.focus.lastFacts ?? []).map((f) => FACT_TOPICS[f]).find(Boolean);
  if (policyTopic && state.focus.topic === 'product' && words <= 12 && !namesOther && (facts.every((f) => f === 'detail') || POLICY_CUE.test(nlu.text)) && (CONTEXTUAL.test(nlu.text) || POLICY_CUE.test(nlu.text) || reading.outOfScope || reading.intent === policyTopic)) {
    // "can I pay extra for express?" after the sofa's delivery time: that product's delivery options say it.
    if (policyTopic === 'delivery_time' && /\b(express|faster|quicker|sooner)\b/i.test(nlu.text)) {
      const answer = await productAnswer({ ...input, nlu: { ...nlu, text: `${nlu.text} delivery` } }, 'info', { implicit: true });
      if (answer) return answer;
    }
    const known = await answerFromKnowledge(input, { query: `${policyTopic.replace(/_/g, ' ')} ${nlu.text}`, intent: policyTopic, minScore: CONTEXT_ANSWER_SCORE });
    if (known) return known;
  }
  // "what about armchairs?", "any in green?" after a product search.
  if (state.focus.topic === 'product' && (FOLLOW_UP.test(nlu.text) || words <= 4) && !aboutShipping) {
    const q = deps.catalog.parseQuery(nlu.text);
    // "under 50 pls" after gift ideas for a coffee lover: the same wish within that budget, not every product under 50.
    const narrowsOnly = !q.head && !q.category && (q.colours.length > 0 || q.materials.length > 0 || q.sort !== undefined || q.priceMax !== undefined || q.priceMin !== undefined);
    if (narrowsOnly && !state.focus.search && state.focus.productAsk) {
      input.nlu = { ...nlu, text: `${state.focus.productAsk} ${nlu.text}` };
      return recommend(input);
    }
    if (q.head || q.category || q.colours.length > 0 || q.materials.length > 0 || q.sizes.length > 0 || q.sort || q.priceMax !== undefined || q.priceMin !== undefined) return productAnswer(input, 'info');
  }
  // "what if my husband picks it up?" after the Click & Collect answer: the question read together with that entry.
  if (state.focus.lastAnswer && (topic_(state) || aboutAnswer || state.focus.knowledgeLast === true) && words <= 12 && (reading.outOfScope || reading.score < 0.8 || CONTEXTUAL.test(nlu.text) || BARE_QUESTION.test(nlu.text))) {
    // "and how long until I see the money?" after the return rules: the entry of what is asked now, if clear.
    const askedNow = words >= 5 && !reading.outOfScope && reading.score >= 0.6 && reading.intent && !taskOf(input, reading.intent) ? reading.intent : state.focus.topic;
    // "ok cool and is there a discount for a first order?" after Klarna asks something new: an entry of that, or the
    // intent's own answer below, never Klarna again. ("how long is it valid then" after the gift card answer points
    // back: there the classifier's delivery_time is the one that is wrong.)
    const asksNew = askedNow !== state.focus.topic && !REFERS_BACK.test(nlu.text);
    const known = await answerFromKnowledge(input, { query: contextQuery(input, state.focus.lastAnswer), intent: askedNow, focusOn: nlu.text, minScore: CONTEXT_ANSWER_SCORE, intentOnly: asksNew, standsAlone: !REFERS_BACK.test(nlu.text) });
    if (known) return known;
  }
  // "and to Belgium?", "what about express?" after a shipping answer.
  const topic = state.focus.topic;
  const shippingFollowUp = (topic === 'delivery_options' || topic === 'delivery_time') && state.focus.country !== undefined && words <= 10;
  if (topic && !PRODUCT_INTENTS.has(topic) && topic !== 'product' && topic !== 'product_number' && (FOLLOW_UP.test(nlu.text) || words <= 3 || shippingFollowUp) && (reading.outOfScope || reading.score < 0.7 || reading.intent === topic)) {
    const shippingTopic = topic === 'delivery_options' || topic === 'delivery_time';
    const hasEntity = nlu.entities.some((e) => e.type === 'country' || e.type === 'order_id' || e.type === 'email') || /\b(express|standard|pick ?up|fast(er|est)?|quick(er|est)?|next[- ]day)\b/i.test(nlu.text) || (shippingTopic && /\b(price|cost|how much|free|normal|extra|more|customs|duties|duty|import|vat|tax(es)?|fees?)\b/i.test(nlu.text) && state.focus.country !== undefined);
    if (hasEntity) {
      input.followUp = true;
      return dispatch(input, topic);
    }
  }
  // "is it any good outside?" about the product in focus, which the catalog says nothing about: say so, rather than
  // refuse the question as out of scope.
  if (state.focus.productId && facts.length > 0 && pointsBack && !namesOther && !aboutShipping && words <= 16 && (reading.outOfScope || reading.score < 0.6)) {
    const answer = await productAnswer(input, 'info');
    if (answer) return answer;
  }
  return undefined;
}

/**
 * Products named where the classifier heard something else ("do you sell sofas?" read as payments): a product, a
 * kind of product or a product question wins over an unsure reading. A damaged item received is a problem report.
 */
async function productGrounding(input: DialogueInput, reading: Reading): Promise<Reply[] | undefined> {
  const { nlu, deps } = input;
  const task = reading.intent ? taskOf(input, reading.intent) : undefined;
  const unsure = reading.intent === undefined || reading.outOfScope || reading.score < TRUST_OVER_PRODUCT;
  // "it has started flickering" about the order just discussed is a problem with what it held.
  const problem = PROBLEM_REPORT.test(nlu.text) || (FAULT_IN_USE.test(nlu.text) && (OWNED.test(nlu.text) || (input.state.focus.orderId !== undefined && /\b(it|they|this|that)\b/i.test(nlu.text))));
  if (problem && reading.intent !== 'report_problem' && (!task || unsure) && (unsure || PRODUCT_INTENTS.has(reading.intent!) || ['complaint', 'warranty', 'return_policy', 'get_refund'].includes(reading.intent!))) {
    return dispatch(input, 'report_problem');
  }
  if (task && !reading.outOfScope && reading.score >= deps.settings.clarifyBelow) return undefined;
  if (reading.intent && PRODUCT_INTENTS.has(reading.intent) && !reading.outOfScope && reading.score >= deps.settings.clarifyBelow) return undefined;
  // "if I cancel my table and chairs order, when do I get my money back": about an order, not the products in it.
  if (ORDER_CONTEXT.test(nlu.text) && !(reading.intent && PRODUCT_INTENTS.has(reading.intent))) return undefined;
  const matches = deps.catalog.resolve(nlu.text);
  const namedByName = matches.some((m) => m.via !== 'kind');
  const facts = askedFacts(nlu.text).filter((f) => f !== 'detail' && f !== 'overview');
  const q = deps.catalog.parseQuery(nlu.text);
  const kind = Boolean(q.head || q.category);
  // "what else do I need for the rattan shade": what completes a product is a recommendation.
  // "got the bistro table, need seating for two": another kind for a product the customer has.
  const forOwned = OWNED.test(nlu.text) && [q.head, ...q.otherHeads].some((h) => h !== undefined && matches.every((m) => titleHead(m.product.title).head !== h)) && /\b(need|want|looking for|get|recommend|suggest)\b/i.test(nlu.text);
  if (namedByName && (GOES_WITH.test(nlu.text) || forOwned)) return dispatch(input, 'product_recommendation');
  // A specific product with a question about it ("what's the warranty on the green ironside casserole") is a product
  // question even when the classifier is sure it is about warranties in general.
  if (namedByName && facts.length > 0 && !(SERVICE_WORDS.test(nlu.text) && facts.every((f) => f === 'price'))) return productAnswer(input, 'info');
  // "vases under 30 euro?": a kind of product with a price limit is a search, whatever the classifier made of "euro".
  if (q.head && PRICE_LIMIT.test(nlu.text) && !SERVICE_WORDS.test(nlu.text) && !task) return productAnswer(input, 'info');
  if (!unsure) return undefined;
  // A confident other intent ("can we pay on invoice? it's about 1500 euros of furniture") keeps the message.
  if (!namedByName && !reading.outOfScope && reading.intent && reading.score >= 0.6 && !PRODUCT_INTENTS.has(reading.intent)) return undefined;
  const search = /\b(do (you|u) (guys )?(have|sell|stock|carry|do)|any\b|anything|something|look(ing|in)? for|search(ing|in)? for|hunt(ing)? for|on the hunt|in the market for|show me|got|what do you have|you sell|recommend|suggest|ideas?|(i|we) (need|want)|need(ing)? (a|an|some|new)?|(want|wanting|like|hoping|trying) to (give|make|turn|do up|spruce up|update|refresh|kit out|furnish|decorate|redo))\b/i.test(nlu.text) || hasWishes(q);
  // "whats the priciest thing you sell": an order over the whole catalog.
  const wholeShop = q.sort !== undefined && /\b(thing|things|item|items|product|products|you sell|you have)\b/i.test(nlu.text);
  if (namedByName || wholeShop || (kind && (facts.length > 0 || search)) || ((q.materials.length > 0 || q.colours.length > 0 || q.topics.length > 0) && search)) {
    return productAnswer(input, 'info');
  }
  if (/\b(?:p-?|product\s*(?:no\.?|number|#)?\s*)\d{3,5}\b/i.test(nlu.text)) return askWhichProduct(input);
  return undefined;
}

/** Two or more questions in one message: each answered in turn; a second task waits until the first is done. */
async function answerEach(input: DialogueInput, parts: Array<{ text: string; intent: string; input: DialogueInput }>): Promise<Reply[]> {
  const replies: Reply[] = [];
  const tasks = parts.filter((p) => taskOf(input, p.intent));
  const ordered = [...parts.filter((p) => !taskOf(input, p.intent)), ...tasks.slice(0, 1)];
  for (const part of ordered) {
    const answer = await dispatch(part.input, part.intent);
    // Two questions answered by the same entry get it once.
    replies.push(...answer.filter((r) => !replies.some((x) => JSON.stringify(x) === JSON.stringify(r))));
    if (part.input.outcome && part.input.outcome !== 'answered') input.outcome = part.input.outcome;
    if (input.state.ownership !== 'bot') return replies;
  }
  if (tasks.length > 1) {
    input.state.pending = { intent: tasks[1].intent, text: tasks[1].text };
    replies.push({ kind: 'text', text: `I'll help with "${tasks[1].text}" as soon as we're done with this.` });
  }
  return replies;
}

/** Not understood: a strong knowledge-base answer if there is one, else suggestions; a person after repeated failures. */
export async function notUnderstood(input: DialogueInput, reading: Reading): Promise<Reply[]> {
  const { state, nlu, deps } = input;
  input.intent = undefined;
  // In scope but unsure: a decent knowledge hit answers; flagged out of scope: only a close one, unless the message
  // names one of the shop's subjects ("a gift card for my niece ... how long does it last?" is no weather question).
  const subjects = deps.subjectsOf(nlu.text);
  const ours = reading.outOfScope && subjects.length > 0;
  // Each sentence of a long message with the subject it is about ("what amounts are there and how long does it last?"
  // + "gift card"): the whole message matches no entry well, its question does.
  const sentences = nlu.text.split(/(?<=[.?!;])\s+/).filter((x) => x.split(/\s+/).length >= 3);
  const query = subjects.length > 0 && sentences.length > 1 ? [nlu.text, ...sentences.map((x) => `${x} ${subjects.join(' ')}`)] : nlu.text;
  const known = await answerFromKnowledge(input, { query, minScore: reading.outOfScope && !ours ? deps.settings.fallbackAnswerScore : deps.settings.fallbackAnswerScore - 0.15, clearLead: CLEAR_LEAD });
  if (known) return known;
  state.failures += 1;
  input.outcome = reading.outOfScope ? 'out_of_scope' : 'clarification';
  if (state.failures >= deps.settings.failuresBeforeHandoffOffer + 1) return handOff(input, 'repeated_failure');
  const offerHuman = state.failures >= deps.settings.failuresBeforeHandoffOffer;
  const suggestions = nlu.intent.ranking.filter((r) => isSuggestible(r.intent)).slice(0, 3).map((r) => intentLabel(r.intent));
  const options = [...new Set([...(reading.outOfScope ? MAIN_MENU.slice(0, 3) : suggestions), ...(offerHuman ? ['Talk to a person'] : [])])];
  // "and can you take the old one away?" in the middle of a delivery question is on topic, only unknown to us:
  // say so and offer a person, rather than the out-of-scope refusal.
  const onTopic = state.focus.topic !== undefined && CONTEXTUAL.test(nlu.text) && nlu.text.split(/\s+/).length <= 14;
  if (reading.outOfScope && onTopic) {
    return [quick(`I'm sorry, I don't have an answer to that in our shop information. A member of our team can tell you.`, ['Talk to a person', ...MAIN_MENU.slice(0, 2)])];
  }
  if (reading.outOfScope) {
    return [quick(`Sorry, I can only help with ${deps.profile.name} orders, deliveries, returns, payments and products.${offerHuman ? ' Would you like to talk to a person instead?' : ' Is it about one of these?'}`, options)];
  }
  return [quick(`I'm not sure I understood. Did you mean one of these?${offerHuman ? ' Or I can get a person to help.' : ''}`, options)];
}
