import { ShopmateError } from '../../core/errors.ts';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.ts';
import type { Store } from '../../store/store.ts';
import { REVIEW_ACTIONS, SENTIMENT_LABELS, type ReviewAction, type ReviewDecisionInput, type ReviewItem, type SentimentCorrection } from '../../store/types.ts';

export const INTENT_NAME = /^[a-z][a-z0-9_]{1,63}$/;
const MAX_FAQ_CHARS = 4000;

export interface DecisionRequest {
  action: string;
  label?: string;
  question?: string;
  answer?: string;
  /** For `sentiment`: negative / neutral / positive. */
  sentiment?: string;
  /** For `sentiment`: "on"/"true" when the operator reads the message as angry. */
  angry?: string;
}

export interface ReviewDeciderOptions {
  store: Pick<Store, 'reviews'>;
  knowledge: Pick<KnowledgeBase, 'upsert'>;
  intents: () => string[];
}

const bad = (message: string) => new ShopmateError('BAD_REQUEST', message);

/** FAQ ids match the learning loop's FaqSync (`faq-review-<item>`), so its later sync overwrites rather than duplicates. */
export const faqIdForItem = (itemId: string) => `faq-review-${itemId}`;

/**
 * Validates an operator's decision and records it (one item or many, all or nothing). A new FAQ entry is written to
 * the knowledge base first, so it is searchable as soon as the operator sees "done"; the operator is in every decision.
 */
export async function decideReview(options: ReviewDeciderOptions, ids: string[], request: DecisionRequest, operator: string): Promise<ReviewItem[]> {
  if (ids.length === 0) throw bad('select at least one item');
  const action = request.action as ReviewAction;
  if (!REVIEW_ACTIONS.includes(action)) throw bad(`unknown action "${request.action}"`);
  const decision: ReviewDecisionInput = { action, operator };
  const label = (request.label ?? '').trim();
  const known = new Set(options.intents());
  if (action === 'relabel') {
    if (!known.has(label)) throw bad(label ? `"${label}" is not an intent of the serving model` : 'choose an intent to relabel to');
    decision.label = label;
  }
  if (action === 'new_intent') {
    if (!INTENT_NAME.test(label)) throw bad('a new intent needs a snake_case name like gift_wrapping (2-64 characters)');
    if (known.has(label) || label === 'oos') throw bad(`"${label}" already exists: use relabel instead`);
    decision.label = label;
  }
  if (action === 'sentiment') decision.sentiment = sentimentFrom(request);
  if (action === 'new_faq') {
    if (ids.length !== 1) throw bad('a FAQ entry is created from one item at a time');
    const question = (request.question ?? '').trim();
    const answer = (request.answer ?? '').trim();
    if (!question || !answer) throw bad('a FAQ entry needs a question and an answer');
    if (question.length > MAX_FAQ_CHARS || answer.length > MAX_FAQ_CHARS) throw bad(`question and answer must be under ${MAX_FAQ_CHARS} characters`);
    const item = await options.store.reviews.get(ids[0]!);
    if (!item) throw new ShopmateError('NOT_FOUND', 'review item not found');
    if (item.status !== 'open') throw new ShopmateError('CONFLICT', 'this item was already decided');
    const id = faqIdForItem(item.id);
    await options.knowledge.upsert({ kind: 'faq', entry: { id, questions: [question], answer, tags: ['reviewed'] } }, { author: operator });
    decision.faq = { question, answer, faqId: id };
  }
  if (ids.length === 1) return [await options.store.reviews.resolve(ids[0]!, decision)];
  return options.store.reviews.bulkResolve(ids, decision);
}

function sentimentFrom(request: DecisionRequest): SentimentCorrection {
  const label = (request.sentiment ?? '').trim() as SentimentCorrection['label'];
  if (!SENTIMENT_LABELS.includes(label)) throw bad('choose the sentiment: negative, neutral or positive');
  const angry = ['on', 'true', 'yes', '1'].includes((request.angry ?? '').trim().toLowerCase());
  if (angry && label !== 'negative') throw bad('only a negative message can be angry');
  return { label, angry };
}
