/**
 * Row <-> record mapping. JSON columns are parsed defensively: a row edited by hand into invalid JSON surfaces as a
 * coded INTERNAL error naming the column instead of a bare SyntaxError deep in a handler.
 */
import { ShopmateError } from '../../core/errors.ts';
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
export const date = (v: number): Date => new Date(v);
export const dateOrNull = (v: number | null): Date | null => (v === null ? null : new Date(v));

export function parseColumn<T>(table: string, column: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ShopmateError('INTERNAL', `corrupt JSON in ${table}.${column}`, { cause, details: { table, column } });
  }
}

/** SQL selects in the mappers' column order; kept next to them so they cannot drift apart. */
export const TURN_COLUMNS =
  'id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, in_scope_score, sentiment, entities, replies, latency_ms, model_version, language, outcome, slot_answer, at';

export function toConversation(r: any): ConversationRecord {
  return {
    id: r.id,
    channel: r.channel,
    userId: r.user_id,
    ownership: r.ownership,
    state: parseColumn('conversations', 'state', r.state),
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
    intents: parseColumn('turns', 'intents', r.intents),
    outOfScope: r.out_of_scope === 1,
    inScopeScore: r.in_scope_score,
    sentiment: parseColumn('turns', 'sentiment', r.sentiment),
    entities: parseColumn('turns', 'entities', r.entities),
    replies: parseColumn('turns', 'replies', r.replies),
    latencyMs: r.latency_ms,
    modelVersion: r.model_version,
    language: r.language ?? null,
    outcome: r.outcome ?? null,
    slotAnswer: r.slot_answer === 1,
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
    value: parseColumn('feedback', 'value', r.value),
    at: date(r.at),
  } as FeedbackRecord;
}

/** Expects the review_items row joined with `t.top_intent AS intent`. */
export function toReviewItem(r: any): ReviewItem {
  const decision = r.decision === null ? null : parseColumn<object>('review_items', 'decision', r.decision);
  return {
    id: r.id,
    turnId: r.turn_id,
    reason: r.reason,
    priority: r.priority,
    status: r.status,
    decision: decision === null ? null : ({ ...decision, at: date(r.decided_at) } as ReviewItem['decision']),
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
    before: parseColumn('knowledge_revisions', 'before', r.before),
    after: parseColumn('knowledge_revisions', 'after', r.after),
    author: r.author,
    revertOf: r.revert_of ?? null,
  };
}

export function toModelVersion(r: any): ModelVersionRecord {
  const gate = r.gate === null ? null : parseColumn<{ passed: boolean; reason: string; details: never; at: number }>('model_versions', 'gate', r.gate);
  return {
    version: r.version,
    kind: r.kind,
    createdAt: date(r.created_at),
    status: r.status,
    statusChangedAt: date(r.status_changed_at),
    metrics: parseColumn('model_versions', 'metrics', r.metrics),
    gate: gate === null ? null : { ...gate, at: date(gate.at) },
    dataSummary: parseColumn('model_versions', 'data_summary', r.data_summary),
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
