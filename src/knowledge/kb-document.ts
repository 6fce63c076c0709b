import type { KbEntry, KbKind } from './knowledge-base.ts';
import type { ShopContent } from './load-shop.ts';

/** How one entry is shown in hits and what each retriever reads from it. */
export interface KbDocument {
  kind: KbKind;
  id: string;
  title: string;
  text: string;
  /** Short texts the entry answers; the semantic score takes the best of them. */
  keyTexts: string[];
  /** Longer content, blended into the semantic score with a small weight. */
  bodyText: string;
  /** Lexical fields; `boost` repeats a field's terms (a cheap BM25F) so question words outweigh answer words. */
  lexical: Array<{ text: string; boost: number }>;
  file: string;
}

const POLICY_LABEL: Record<string, string> = {
  shipping: 'Shipping',
  returns: 'Returns',
  refunds: 'Refunds',
  warranty: 'Warranty',
  payment: 'Payment',
  privacy: 'Privacy',
};

/** The sentences of a policy passage, in order (key texts 1..n of its document). */
export function policySentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9"])/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Internal key: ids are unique per kind only. */
export function docKey(kind: KbKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * Entry -> document. `sourceDir` is the knowledge folder as operators know it ("knowledge"), for `source.file`.
 * Policy sections get their policy's name in the key ("Returns policy: How long do I have?") because a section heading
 * alone often lacks the topic.
 */
export function toDocument(e: KbEntry, options: { sourceDir: string; questionBoost: number }): KbDocument {
  const { sourceDir, questionBoost } = options;
  if (e.kind === 'faq') {
    const { id, questions, answer, tags } = e.entry;
    const lexical = [...questions.map((q) => ({ text: q, boost: questionBoost })), { text: answer, boost: 1 }, { text: tags.join(' '), boost: 1 }];
    return { kind: 'faq', id, title: questions[0], text: answer, keyTexts: questions, bodyText: answer, lexical, file: `${sourceDir}/faq.yaml` };
  }
  if (e.kind === 'policy') {
    const { id, policy, title, text } = e.entry;
    const heading = `${POLICY_LABEL[policy] ?? policy} policy: ${title}`;
    const lexical = [{ text: heading, boost: questionBoost }, { text, boost: 1 }];
    // Each sentence is a key of its own (with the heading for context): a question such as "can my husband pick it
    // up?" matches one sentence of a long passage far better than the passage as a whole.
    const keys = [heading, ...policySentences(text).map((s) => `${heading}. ${s}`)];
    return { kind: 'policy', id, title, text, keyTexts: keys, bodyText: text, lexical, file: `${sourceDir}/policies/${policy}.md` };
  }
  const { id, title, category, description, tags, attributes } = e.entry;
  const facts = [category.replace(/-/g, ' '), ...tags, ...Object.values(attributes).filter((v) => typeof v === 'string')].join(' ');
  const lexical = [{ text: title, boost: questionBoost }, { text: facts, boost: 1 }, { text: description, boost: 1 }];
  return { kind: 'product', id, title, text: description, keyTexts: [title], bodyText: `${title}. ${description}`, lexical, file: `${sourceDir}/catalog.yaml` };
}

/** Everything searchable in a loaded shop, in file order. */
export function shopEntries(content: Pick<ShopContent, 'faqs' | 'passages' | 'products'>): KbEntry[] {
  return [
    ...content.faqs.map((entry) => ({ kind: 'faq' as const, entry })),
    ...content.passages.map((entry) => ({ kind: 'policy' as const, entry })),
    ...content.products.map((entry) => ({ kind: 'product' as const, entry })),
  ];
}
