import { ShopmateError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { shopEntries } from './kb-document.ts';
import { loadShop } from './load-shop.ts';
import type { Revision } from './revision-log.ts';
import { applyRevisions, StoreRevisionLog } from './store-revision-log.ts';
import type { FaqEntry } from './types.ts';
import { validateKbEntry } from './validate-kb-entry.ts';

/** Tags of FAQ entries operators added at runtime; the dialogue consults them before clarifying or handing off. */
export const LEARNED_FAQ_TAGS: readonly string[] = ['operator', 'reviewed'];

export interface FaqListing extends FaqEntry {
  /** `knowledge/faq.yaml`, or the revision that last changed it and who made it. */
  source: string;
}

const slug = (q: string) => q.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'entry';
const sameQuestion = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The FAQ as the running bot sees it: the shop files plus every revision in the store (the same log the dashboard
 * writes). Adding appends a revision; running servers pick it up (knowledge sync) and new ones load it at start.
 */
export class FaqCatalog {
  private readonly log: StoreRevisionLog;

  constructor(private readonly o: { store: Store; knowledgeDir: string; now?: () => Date }) {
    this.log = new StoreRevisionLog(o.store);
  }

  async list(): Promise<FaqListing[]> {
    const shop = await loadShop(this.o.knowledgeDir, { now: this.now() });
    const revisions = await this.log.list();
    const lastChange = new Map<string, Revision>();
    for (const r of revisions) if (r.kind === 'faq') lastChange.set(r.entryId, r);
    return applyRevisions(shopEntries(shop), revisions).flatMap((e) => {
      if (e.kind !== 'faq') return [];
      const r = lastChange.get(e.entry.id);
      return [{ ...e.entry, source: r ? `revision ${r.id} by ${r.author ?? 'unknown'}` : 'knowledge/faq.yaml' }];
    });
  }

  async add(input: { question: string; answer: string; author: string }): Promise<{ entry: FaqEntry; revision: number }> {
    const question = input.question.trim();
    const answer = input.answer.trim();
    if (!question || !answer) throw new ShopmateError('BAD_REQUEST', 'both a question and an answer are needed');
    const existing = await this.list();
    const taken = existing.find((e) => e.questions.some((q) => sameQuestion(q, question)));
    if (taken) throw new ShopmateError('CONFLICT', `"${question}" is already answered by FAQ entry ${taken.id}`, { details: { id: taken.id } });
    const ids = new Set(existing.map((e) => e.id));
    let id = `faq-op-${slug(question)}`;
    for (let n = 2; ids.has(id); n++) id = `faq-op-${slug(question)}-${n}`;
    const entry = validateKbEntry({ kind: 'faq', entry: { id, questions: [question], answer, tags: ['operator'] } }).entry as FaqEntry;
    const revision = await this.log.append({ at: this.now().toISOString(), kind: 'faq', entryId: id, action: 'create', before: null, after: entry, author: input.author });
    return { entry, revision: revision.id };
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }
}
