/**
 * The in-memory store's tables. Maps keep insertion order, which stands in for SQLite's rowid as the tie-breaker in
 * every ordering, so both implementations return equal-timestamp records in the same order.
 */
import type {
  AdminSessionRecord,
  ConversationRecord,
  FeedbackRecord,
  KnowledgeRevision,
  ModelVersionRecord,
  OperatorNote,
  OperatorRecord,
  OrderChangeRecord,
  OutboxRecord,
  ReviewItem,
  ShopEvent,
  TurnRecord,
} from '../types.ts';

/** Review items are stored without `intent`, which is read from the turn at query time (as the SQL join does). */
export type StoredReviewItem = Omit<ReviewItem, 'intent'>;

export interface MemoryState {
  now: () => Date;
  newId: () => string;
  conversations: Map<string, ConversationRecord>;
  turns: Map<string, TurnRecord>;
  /** messageKey(channel, messageId) -> turn id. */
  turnsByMessage: Map<string, string>;
  feedback: Map<string, FeedbackRecord>;
  reviews: Map<string, StoredReviewItem>;
  revisions: KnowledgeRevision[];
  lastRevisionId: number;
  models: Map<string, ModelVersionRecord>;
  operators: Map<string, OperatorRecord>;
  events: ShopEvent[];
  lastEventId: number;
  orderChanges: OrderChangeRecord[];
  notes: Map<string, OperatorNote>;
  adminSessions: Map<string, AdminSessionRecord>;
  leases: Map<string, { holder: string; expiresAt: number }>;
  outbox: OutboxRecord[];
}

export function createMemoryState(now: () => Date, newId: () => string): MemoryState {
  return {
    now,
    newId,
    conversations: new Map(),
    turns: new Map(),
    turnsByMessage: new Map(),
    feedback: new Map(),
    reviews: new Map(),
    revisions: [],
    lastRevisionId: 0,
    models: new Map(),
    operators: new Map(),
    events: [],
    lastEventId: 0,
    orderChanges: [],
    notes: new Map(),
    adminSessions: new Map(),
    leases: new Map(),
    outbox: [],
  };
}

/** Stable sort by timestamp, keeping insertion order for ties. */
export function byTime<T>(items: T[], at: (t: T) => Date): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => at(a.item).getTime() - at(b.item).getTime() || a.i - b.i)
    .map((x) => x.item);
}

export function inRange(d: Date, from?: Date, to?: Date): boolean {
  const t = d.getTime();
  return (from === undefined || t >= from.getTime()) && (to === undefined || t < to.getTime());
}

export function page<T>(items: T[], offset = 0, limit?: number): T[] {
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}
