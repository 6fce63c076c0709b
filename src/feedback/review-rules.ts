import type { ReviewReason, TurnOutcome } from '../store/types.ts';
import { wordOverlap } from './message-key.ts';
import type { TurnRecord } from './turn-log.ts';

/**
 * Which logged turns an operator should look at, and how urgently. What the customer showed was wrong ranks highest:
 * a thumbs-down, then "no, that's not what I asked", a handoff right after an answer, the same question again. Then
 * handoffs, out-of-scope, low confidence and clarifications.
 */
export const REVIEW_PRIORITY: Record<ReviewReason, number> = {
  thumbs_down: 100,
  correction: 95,
  handoff_after_answer: 90,
  repeated: 85,
  handoff: 80,
  out_of_scope: 60,
  low_confidence: 50,
  clarification: 40,
};

/** Reasons to review this turn itself. A slot answer (the customer answering the bot's own question) has none. */
export function reviewReasons(record: TurnRecord, options: { lowConfidenceBelow: number }): ReviewReason[] {
  if (record.slotAnswer) return [];
  const reasons: ReviewReason[] = [];
  if (record.outcome === 'handoff') reasons.push('handoff');
  if (record.outcome === 'out_of_scope' || record.outOfScope) reasons.push('out_of_scope');
  if (record.outcome === 'clarification') reasons.push('clarification');
  const top = record.intent[0];
  if (top && !record.outOfScope && top.score < options.lowConfidenceBelow && record.outcome !== 'clarification') reasons.push('low_confidence');
  return [...new Set(reasons)];
}

/** "no, that's not what I asked", "you misunderstood me", "that doesn't answer my question". */
const CORRECTION =
  /\b(not what i (asked|meant|wanted|said|was asking)|(that'?s|that is|this is|thats) (not|wrong)( (it|right|the answer|my question|what))?\b|wrong (answer|product|item|size|one)|(doesn'?t|does not|didn'?t|did not) answer (my|the) question|you (misunderstood|misread|got (it|that|me) wrong|didn'?t (understand|get it|read))|i (didn'?t|did not|never) ask(ed)? (that|about that|for that|for this|about this))\b/i;

export function isCorrection(text: string): boolean {
  return CORRECTION.test(text);
}

/** Content-word overlap above which a customer's next message is the same question again. */
export const REPEAT_OVERLAP = 0.6;

export interface FollowedTurn {
  text: string;
  outcome: TurnOutcome | null;
  slotAnswer: boolean;
  replies: readonly unknown[];
}

/**
 * What the customer's next message says about the bot's previous *answer* (not about a clarifying question, a
 * refusal or a slot prompt the customer answered): a correction, the same question again, or a handoff right after.
 * These are the confidently wrong answers no score flags, so the previous turn goes to the queue for them.
 */
export function followUpReasons(previous: FollowedTurn, next: { text: string; outcome: TurnOutcome | null; slotAnswer: boolean }): ReviewReason[] {
  if (previous.outcome !== 'answered' || previous.slotAnswer || previous.replies.length === 0 || next.slotAnswer) return [];
  const reasons: ReviewReason[] = [];
  if (isCorrection(next.text)) reasons.push('correction');
  else if (wordOverlap(previous.text, next.text) >= REPEAT_OVERLAP) reasons.push('repeated');
  if (next.outcome === 'handoff') reasons.push('handoff_after_answer');
  return reasons;
}
