import type { Reply } from '../../core/message.ts';
import { LEARNED_FAQ_TAGS } from '../../knowledge/faq-catalog.ts';
import { text, type DialogueInput } from '../dialogue-input.ts';

/**
 * Cosine (USE lite) from which a message the classifier is unsure about asks what an operator's FAQ entry answers: a
 * paraphrase scores 0.6-0.7 against a one-question entry ("is it ok to bring my puppy to the shop" vs "Can I bring my
 * dog into the Utrecht showroom?": 0.66), so the entry must also be the semantically closest FAQ entry of all.
 */
export const LEARNED_PARAPHRASE = 0.6;
/** When the classifier is confident about something else, only the question itself (or nearly) overrides it. */
export const LEARNED_SAME = 0.88;

const isLearned = (entry: unknown) => (entry as { tags?: string[] } | undefined)?.tags?.some((t) => LEARNED_FAQ_TAGS.includes(t)) ?? false;

/**
 * An FAQ entry an operator added (from the review queue, the dashboard or `shopmate faq add`) answers its question
 * and close paraphrases at once: operators add them exactly for the questions the bot clarified, refused or handed
 * off, so they are consulted before any of that. A confident reading of another intent yields only to a near-copy.
 */
export async function learnedAnswer(input: DialogueInput, options: { confident: boolean }): Promise<Reply[] | undefined> {
  const { deps, nlu, state } = input;
  const hits = await deps.knowledge.search(nlu.text, { kinds: ['faq'], k: 5 });
  const semantic = (h: (typeof hits)[number]) => h.scores?.semantic ?? 0;
  const closest = hits.reduce<(typeof hits)[number] | undefined>((best, h) => (best === undefined || semantic(h) > semantic(best) ? h : best), undefined);
  const hit = closest && isLearned(closest.entry) ? closest : undefined;
  if (!hit || semantic(hit) < (options.confident ? LEARNED_SAME : LEARNED_PARAPHRASE)) return undefined;
  state.focus.lastAnswer = { id: hit.id, title: hit.title, asked: nlu.text };
  state.failures = 0;
  input.outcome = 'answered';
  return [text(`${hit.text}\n(Source: FAQ)`)];
}
