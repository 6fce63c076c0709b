import type { Reply } from '../../core/message.ts';
import type { KnowledgeHitRef } from '../dialogue-deps.ts';
import { text, type DialogueInput } from '../dialogue-input.ts';

/** Hits this close to the best are close enough that the one answering the customer's intent wins. */
const TOPIC_MARGIN = 0.12;

export interface KnowledgeOptions {
  /** Below this fused score nothing is answered (raised when no intent vouches for the question). */
  minScore?: number;
  /** The question to search for; default the customer's message. */
  query?: string;
  /** Prefer the entry that answers this intent; default the intent being answered. */
  intent?: string;
  /** Entries not to give again (the answer just given, when the customer asks a follow-up). */
  exclude?: string[];
}

/**
 * Answers from the knowledge base (FAQ entries and policy passages): of the close hits, the one whose questions the
 * model reads as the customer's intent ("how do I update my email" is edit_account, not the password reset that
 * shares "email"), else the best. Remembers which entry answered, for follow-ups.
 */
export async function answerFromKnowledge(input: DialogueInput, options: KnowledgeOptions = {}): Promise<Reply[] | undefined> {
  const { nlu, deps, state } = input;
  const hits = (await deps.knowledge.search(options.query ?? nlu.text, { kinds: ['faq', 'policy'], k: 8 })).filter((h) => !options.exclude?.includes(h.id));
  const best = hits[0];
  if (!best) return undefined;
  const intent = options.intent ?? input.intent;
  let chosen: KnowledgeHitRef = best;
  if (intent) {
    for (const h of hits) {
      if (h.score < best.score - TOPIC_MARGIN) break;
      if ((await deps.topicOf(h)) === intent) {
        chosen = h;
        break;
      }
    }
  }
  if (chosen.score < (options.minScore ?? deps.settings.minAnswerScore)) return undefined;
  state.focus.lastAnswer = { id: chosen.id, title: chosen.title };
  const source = chosen.kind === 'faq' ? 'FAQ' : `${chosen.title} policy`;
  return [text(`${chosen.text}\n(Source: ${source})`)];
}
