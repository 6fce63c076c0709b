import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { FaqEntry } from '../knowledge/types.ts';
import type { FaqDecision } from './review-examples.ts';

/**
 * Applies approved `new_faq` review decisions to the knowledge base: a proposal with `faqId` adds the question as a
 * phrasing of that entry, otherwise it becomes a new entry. Remembers what it applied, so each decision is upserted
 * once per knowledge base (the knowledge base is rebuilt from files at boot, hence per instance, not persisted).
 */
export class FaqSync {
  private readonly applied = new Set<string>();

  constructor(private readonly knowledge: Pick<KnowledgeBase, 'upsert' | 'search'>, private readonly author = 'learning-loop') {}

  async apply(decisions: readonly FaqDecision[]): Promise<number> {
    let count = 0;
    for (const d of decisions) {
      if (this.applied.has(d.itemId)) continue;
      const entry = (await this.existing(d.faq.faqId)) ?? { id: d.faq.faqId ?? `faq-review-${d.itemId}`, questions: [], answer: d.faq.answer, tags: ['reviewed'] };
      const questions = entry.questions.includes(d.faq.question) ? entry.questions : [...entry.questions, d.faq.question];
      await this.knowledge.upsert({ kind: 'faq', entry: { ...entry, questions, answer: d.faq.answer || entry.answer } }, { author: this.author });
      this.applied.add(d.itemId);
      count++;
    }
    return count;
  }

  /** The knowledge base has no get-by-id for FAQs; a search by the id's words finds it among the hits. */
  private async existing(faqId: string | undefined): Promise<FaqEntry | undefined> {
    if (!faqId) return undefined;
    const hits = await this.knowledge.search(faqId.replace(/[-_]/g, ' '), { kinds: ['faq'], k: 50 });
    const hit = hits.find((h) => h.id === faqId);
    return hit ? (hit.entry as FaqEntry) : undefined;
  }
}
