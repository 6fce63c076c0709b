import type { ConversationRecord, JsonValue, TurnRecord } from '../../store/types.ts';
import { isOperatorTurn } from './conversation-view.ts';

/**
 * What the operator views read from a conversation's saved dialogue state. The state is opaque JSON to the store and
 * may come from an older version, so every field is read defensively and a missing one reads as empty.
 */
export interface ConversationFacts {
  handoffReason: string | null;
  verifiedOrderIds: string[];
  viewedProductIds: string[];
}

const record = (v: JsonValue | undefined): Record<string, JsonValue> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function conversationFacts(state: JsonValue): ConversationFacts {
  const s = record(state);
  const reason = record(s?.handoff)?.reason;
  return {
    handoffReason: typeof reason === 'string' ? reason : null,
    verifiedOrderIds: strings(s?.verifiedOrderIds),
    viewedProductIds: strings(s?.viewedProductIds),
  };
}

/** Operator wording for the dialogue's HandoffReason values; an unknown one is shown as stored. */
const REASON_LABELS: Record<string, string> = {
  requested: 'asked for a person',
  negative_sentiment: 'angry or upset',
  repeated_failure: 'bot failed repeatedly',
  verification_failed: 'order check failed',
  language: 'language the bot does not speak',
};

export const handoffReasonLabel = (reason: string | null): string => (reason ? REASON_LABELS[reason] ?? reason : 'unknown');

export interface TurnSentiment {
  label: 'negative' | 'neutral' | 'positive';
  /** positive minus negative probability, -1..1. */
  score: number;
  angry: boolean;
}

/** The sentiment the NLU logged with a customer turn, or null (operator turns, unclassified turns). */
export function turnSentiment(t: TurnRecord): TurnSentiment | null {
  const s = record(t.sentiment);
  if (!s || isOperatorTurn(t)) return null;
  const label = s.label === 'negative' || s.label === 'positive' ? s.label : 'neutral';
  const scores = record(s.scores);
  const p = typeof scores?.positive === 'number' ? scores.positive : label === 'positive' ? 1 : 0;
  const n = typeof scores?.negative === 'number' ? scores.negative : label === 'negative' ? 1 : 0;
  return { label, score: Math.round(Math.max(-1, Math.min(1, p - n)) * 100) / 100, angry: s.angry === true };
}

/** The newest customer turn's sentiment. */
export function latestSentiment(turns: TurnRecord[]): TurnSentiment | null {
  for (let i = turns.length - 1; i >= 0; i--) {
    const s = turnSentiment(turns[i]!);
    if (s) return s;
  }
  return null;
}

/**
 * Since when the customer has been waiting for a person: the handoff, or the first customer message after the last
 * operator reply; null when the operator's reply is the newest word (nobody is waiting) or nobody owns it.
 * `turns` are the conversation's newest turns, oldest first; when they start after the handoff and hold no operator
 * reply, the handoff time is used (an older reply outside the window would only make the wait shorter).
 */
export function waitingSince(conversation: ConversationRecord, turns: TurnRecord[]): Date | null {
  if (conversation.ownership !== 'agent') return null;
  const handoff = conversation.ownershipChangedAt;
  let since: Date | null = handoff;
  for (const t of turns) {
    if (t.at < handoff) continue;
    if (isOperatorTurn(t)) since = null;
    else if (since === null) since = t.at;
  }
  return since;
}
