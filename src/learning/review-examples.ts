import { OOS_LABEL, type LabeledText } from '../nlu/intent/intent-classifier.ts';
import type { FaqProposal } from '../store/types.ts';
import type { ReviewedItem } from './reviewed-data-source.ts';

/** A training example that came from an operator's review decision (the item id keeps it traceable). */
export interface ReviewedExample extends LabeledText {
  itemId: string;
  decidedAt: Date;
}

export interface FaqDecision {
  itemId: string;
  faq: FaqProposal;
}

/**
 * What each decision means for learning: relabel / new_intent -> the turn's text with that label, mark_oos -> an
 * out-of-scope negative, new_faq -> a knowledge-base entry (not an intent example), dismiss -> nothing.
 */
export function reviewExamples(items: readonly ReviewedItem[]): { examples: ReviewedExample[]; faqs: FaqDecision[] } {
  const examples: ReviewedExample[] = [];
  const faqs: FaqDecision[] = [];
  for (const item of items) {
    const d = item.decision;
    const text = item.text.trim();
    if ((d.action === 'relabel' || d.action === 'new_intent') && d.label && text !== '') {
      examples.push({ itemId: item.itemId, text, label: d.label, decidedAt: d.at });
    } else if (d.action === 'mark_oos' && text !== '') {
      examples.push({ itemId: item.itemId, text, label: OOS_LABEL, decidedAt: d.at });
    } else if (d.action === 'new_faq' && d.faq) {
      faqs.push({ itemId: item.itemId, faq: d.faq });
    }
  }
  return { examples, faqs };
}
