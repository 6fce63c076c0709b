import type { Reply } from '../../core/message.ts';
import type { DialogueInput } from '../dialogue-input.ts';
import { text } from '../dialogue-input.ts';

/**
 * Answers from the knowledge base (FAQ entries and policy passages). The intent is added to the query because
 * short messages ("and for express?") carry little lexical signal on their own.
 */
export async function answerFromKnowledge(input: DialogueInput): Promise<Reply[] | undefined> {
  const { nlu, deps } = input;
  const hits = await deps.knowledge.search(nlu.text, { kinds: ['faq', 'policy'], k: 3 });
  const best = hits[0];
  if (!best || best.score < deps.settings.minAnswerScore) return undefined;
  const source = best.kind === 'faq' ? 'FAQ' : `${best.title} policy`;
  return [text(`${best.text}\n(Source: ${source})`)];
}
