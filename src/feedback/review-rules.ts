import type { ReviewReason } from '../store/types.ts';
import type { TurnRecord } from './turn-log.ts';

/**
 * Which logged turns an operator should look at, and how urgently. Thumbs-down (from feedback) ranks highest:
 * a customer told us the answer was wrong. Then handoffs, out-of-scope, low confidence and clarifications.
 */
export const REVIEW_PRIORITY: Record<ReviewReason, number> = {
  thumbs_down: 100,
  handoff: 80,
  out_of_scope: 60,
  low_confidence: 50,
  clarification: 40,
};

export function reviewReasons(record: TurnRecord, options: { lowConfidenceBelow: number }): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (record.outcome === 'handoff') reasons.push('handoff');
  if (record.outcome === 'out_of_scope' || record.outOfScope) reasons.push('out_of_scope');
  if (record.outcome === 'clarification') reasons.push('clarification');
  const top = record.intent[0];
  if (top && !record.outOfScope && top.score < options.lowConfidenceBelow && record.outcome !== 'clarification') reasons.push('low_confidence');
  return [...new Set(reasons)];
}
