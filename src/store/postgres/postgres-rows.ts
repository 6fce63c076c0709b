/**
 * Row <-> record mapping for PostgreSQL. The pool parses BIGINT and NUMERIC into numbers (open-postgres-store.ts:
 * epoch milliseconds, counts and sums stay far below 2^53) and `json` columns into values, so the mappers only
 * rename columns and turn milliseconds into Dates. Selects name their columns in the mappers' order (TURN_COLUMNS).
 */
import type {
  ConversationRecord,
  FeedbackRecord,
  KnowledgeRevision,
  ModelVersionRecord,
  OperatorRecord,
  ReviewItem,
  ShopEvent,
  TurnRecord,
} from '../types.ts';

export const ms = (d: Date): number => d.getTime();
const date = (v: number): Date => new Date(v);
const dateOrNull = (v: number | null): Date | null => (v === null ? null : new Date(v));

export const TURN_COLUMNS =
  'id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, in_scope_score, sentiment, entities, replies, latency_ms, model_version, language, outcome, slot_answer, at';

/** Review item columns joined with the turn's top intent (the intent filter reads it from the turn). */
export const REVIEW_SELECT = 'SELECT r.*, t.top_intent AS intent FROM review_items r JOIN turns t ON t.id = r.turn_id';

export function toConversation(r: any): ConversationRecord {
  return {
    id: r.id,
    channel: r.channel,
    userId: r.user_id,
    ownership: r.ownership,
    state: r.state,
    version: r.version,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    lastMessageAt: dateOrNull(r.last_message_at),
    ownershipChangedAt: date(r.ownership_changed_at),
  };
}

export function toTurn(r: any): TurnRecord {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    channel: r.channel,
    messageId: r.message_id,
    userId: r.user_id,
    text: r.text,
    intents: r.intents,
    outOfScope: r.out_of_scope,
    inScopeScore: r.in_scope_score,
    sentiment: r.sentiment,
    entities: r.entities,
    replies: r.replies,
    latencyMs: r.latency_ms,
    modelVersion: r.model_version,
    language: r.language,
    outcome: r.outcome,
    slotAnswer: r.slot_answer,
    at: date(r.at),
  };
}

export function toFeedback(r: any): FeedbackRecord {
  return {
    id: r.id,
    turnId: r.turn_id,
    replyId: r.reply_id,
    conversationId: r.conversation_id,
    kind: r.kind,
    value: r.value,
    at: date(r.at),
  } as FeedbackRecord;
}

/** Expects the review_items row joined with `t.top_intent AS intent` (REVIEW_SELECT). */
export function toReviewItem(r: any): ReviewItem {
  return {
    id: r.id,
    turnId: r.turn_id,
    reason: r.reason,
    priority: r.priority,
    status: r.status,
    decision: r.decision === null ? null : ({ ...r.decision, at: date(r.decided_at) } as ReviewItem['decision']),
    intent: r.intent ?? null,
    createdAt: date(r.created_at),
  };
}

export function toRevision(r: any): KnowledgeRevision {
  return {
    id: r.id,
    at: date(r.at),
    kind: r.kind,
    entryId: r.entry_id,
    action: r.action,
    before: r.before,
    after: r.after,
    author: r.author,
    revertOf: r.revert_of,
  };
}

export function toModelVersion(r: any): ModelVersionRecord {
  return {
    version: r.version,
    kind: r.kind,
    createdAt: date(r.created_at),
    status: r.status,
    statusChangedAt: date(r.status_changed_at),
    metrics: r.metrics,
    gate: r.gate === null ? null : { ...r.gate, at: date(r.gate.at) },
    dataSummary: r.data_summary,
    artifactDir: r.artifact_dir,
  };
}

export function toOperator(r: any): OperatorRecord {
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    role: r.role,
    failedLogins: r.failed_logins,
    lockedUntil: dateOrNull(r.locked_until),
    createdAt: date(r.created_at),
  };
}

export function toEvent(r: any): ShopEvent {
  return { id: r.id, userId: r.user_id, productId: r.product_id, kind: r.kind, at: date(r.at) };
}
