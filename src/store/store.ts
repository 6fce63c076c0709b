/**
 * The storage contracts. Every method returns a Promise: the memory and SQLite implementations are synchronous
 * inside, the PostgreSQL one is networked, and callers cannot tell them apart.
 *
 * Error contract (same for every implementation, enforced by test/store/store-contract.ts):
 * - malformed input (bad enum, non-JSON value, empty id, invalid Date) -> ShopmateError BAD_REQUEST
 * - a referenced record that does not exist (turn for an unknown conversation, ...) -> NOT_FOUND
 * - uniqueness / state / version clashes -> CONFLICT
 * - using a closed store -> INTERNAL
 * A rejected call writes nothing.
 */
import type {
  AdminFlash,
  AdminSessionRecord,
  AppendTurnResult,
  ConversationPatch,
  ConversationRecord,
  CustomerDeletion,
  RetentionPurge,
  CustomerExport,
  DecidedReview,
  EventQuery,
  FeedbackRecord,
  HandoffEntry,
  KnowledgeKind,
  KnowledgeRevision,
  ModelKind,
  ModelStatus,
  ModelVersionRecord,
  NewAdminSession,
  NewConversation,
  NewFeedback,
  NewGateDecision,
  NewKnowledgeRevision,
  NewModelVersion,
  NewOperator,
  NewReviewItem,
  NewShopEvent,
  NewTurn,
  NewOperatorNote,
  NewOrderChange,
  OperatorNote,
  OutboxRecord,
  OrderChangeRecord,
  OperatorRecord,
  OperatorRole,
  Page,
  ReviewDecisionInput,
  ReviewItem,
  ReviewQuery,
  ShopEvent,
  Signal,
  SignalChannel,
  TurnRecord,
} from './types.ts';
import type { AnalyticsQuery, AnalyticsWindow, DemandCount, DemandQuery, DemandRules, ModelAggregate, TurnAggregates, TurnExtent } from './analytics-types.ts';

export interface ConversationStore {
  /** Returns the existing conversation when `id` is known (CONFLICT if its channel/userId differ). */
  getOrCreate(input: NewConversation): Promise<ConversationRecord>;
  get(id: string): Promise<ConversationRecord | null>;
  /** NOT_FOUND if unknown; CONFLICT if `expectedVersion` is given and the stored version differs. */
  update(id: string, patch: ConversationPatch, options?: { expectedVersion?: number }): Promise<ConversationRecord>;
  listByUser(userId: string): Promise<ConversationRecord[]>;
  /** Conversations owned by 'agent', longest waiting first. */
  listHandoffs(options?: { limit?: number; offset?: number }): Promise<HandoffEntry[]>;
  /** How many conversations wait for an agent (a COUNT, for the customer's place in the queue). */
  countHandoffs(): Promise<number>;
  /** 1-based queue position, or null when the conversation is not waiting for an agent. */
  handoffPosition(conversationId: string): Promise<number | null>;
}

export interface TurnListOptions {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit?: number;
  offset?: number;
}

export interface TurnStore {
  /** Idempotent on (channel, messageId). Also advances the conversation's lastMessageAt. */
  append(input: NewTurn): Promise<AppendTurnResult>;
  get(id: string): Promise<TurnRecord | null>;
  getByMessage(channel: TurnRecord['channel'], messageId: string): Promise<TurnRecord | null>;
  /** Oldest first (ties in insertion order). */
  listByConversation(conversationId: string, options?: TurnListOptions): Promise<TurnRecord[]>;
  /** The newest `limit` (1..1000) turns of a conversation, returned oldest first: a transcript tail, an inbox row. */
  recentByConversation(conversationId: string, limit: number): Promise<TurnRecord[]>;
  /** The newest `limit` (1..1000) turns of one customer across their conversations, oldest first: customer insight. */
  recentByUser(userId: string, limit: number): Promise<TurnRecord[]>;
  /** All turns in a time window, oldest first: what the learning job reads. */
  list(options?: TurnListOptions): Promise<TurnRecord[]>;
}

export interface FeedbackStore {
  /** NOT_FOUND if the turn is unknown; conversationId is taken from the turn. */
  add(input: NewFeedback): Promise<FeedbackRecord>;
  get(id: string): Promise<FeedbackRecord | null>;
  listByTurn(turnId: string): Promise<FeedbackRecord[]>;
  listByConversation(conversationId: string): Promise<FeedbackRecord[]>;
}

export interface ReviewStore {
  /** Idempotent on (turnId, reason): flagging the same turn twice for one reason returns the existing item. */
  enqueue(input: NewReviewItem): Promise<ReviewItem>;
  get(id: string): Promise<ReviewItem | null>;
  /** Open items, highest priority first, then oldest first. */
  listOpen(query?: ReviewQuery): Promise<Page<ReviewItem>>;
  /** 'dismiss' -> status 'dismissed', any other action -> 'resolved'. CONFLICT if the item is not open. */
  resolve(id: string, decision: ReviewDecisionInput): Promise<ReviewItem>;
  /** All or nothing: NOT_FOUND / CONFLICT if any id is unknown / not open, and then nothing changes. */
  bulkResolve(ids: string[], decision: ReviewDecisionInput): Promise<ReviewItem[]>;
  /** Resolved and dismissed items decided after `decidedAfter` (all when absent), oldest decision first, with their
   * turn's text: what the learning loop replays, read through an index instead of every turn. */
  listDecided(options?: { decidedAfter?: Date }): Promise<DecidedReview[]>;
  /** How many items were decided after `decidedAfter`: the retrain trigger's check, one indexed COUNT. */
  countDecided(options?: { decidedAfter?: Date }): Promise<number>;
}

export interface RevisionStore {
  append(input: NewKnowledgeRevision): Promise<KnowledgeRevision>;
  get(id: number): Promise<KnowledgeRevision | null>;
  /** Oldest first. */
  list(options?: { kind?: KnowledgeKind; entryId?: string; afterId?: number; limit?: number }): Promise<KnowledgeRevision[]>;
}

export interface ModelRegistryStore {
  /** New versions start as 'candidate'. CONFLICT if the version exists. */
  register(input: NewModelVersion): Promise<ModelVersionRecord>;
  get(version: string): Promise<ModelVersionRecord | null>;
  /** Newest first. */
  list(options?: { kind?: ModelKind; status?: ModelStatus }): Promise<ModelVersionRecord[]>;
  /** Candidates only; a failed gate moves the candidate to 'rejected'. */
  recordGate(version: string, gate: NewGateDecision): Promise<ModelVersionRecord>;
  /**
   * Makes `version` the serving model of its kind and retires the previous one, in one transaction, so there is
   * never zero or two serving models. Works for candidates and for retired versions (rollback); CONFLICT if rejected.
   */
  promote(version: string): Promise<ModelVersionRecord>;
  getServing(kind: ModelKind): Promise<ModelVersionRecord | null>;
}

export interface OperatorStore {
  /** CONFLICT if the username is taken (case-insensitively). */
  create(input: NewOperator): Promise<OperatorRecord>;
  get(id: string): Promise<OperatorRecord | null>;
  getByUsername(username: string): Promise<OperatorRecord | null>;
  list(): Promise<OperatorRecord[]>;
  /** Atomic increment (two concurrent bad logins count twice); returns the updated record. */
  recordLoginFailure(id: string): Promise<OperatorRecord>;
  /** Resets failedLogins and lockedUntil. */
  recordLoginSuccess(id: string): Promise<OperatorRecord>;
  lockUntil(id: string, until: Date | null): Promise<OperatorRecord>;
  setPasswordHash(id: string, passwordHash: string): Promise<OperatorRecord>;
  setRole(id: string, role: OperatorRole): Promise<OperatorRecord>;
  /** Returns whether an operator was deleted. */
  delete(id: string): Promise<boolean>;
}

export interface EventStore {
  record(input: NewShopEvent): Promise<ShopEvent>;
  /** Oldest first. */
  list(query?: EventQuery): Promise<ShopEvent[]>;
}

export interface PrivacyStore {
  /** Everything stored about one customer; JSON.stringify-able (Dates become ISO strings). */
  exportCustomer(userId: string): Promise<CustomerExport>;
  /** Removes the customer's conversations, turns (also in their conversations), feedback and review items on those
   * turns, and events, in one transaction. */
  deleteCustomer(userId: string): Promise<CustomerDeletion>;
  /**
   * Retention: deletes turns with `at` < cutoff together with their feedback and review items, conversations (and
   * their saved state) whose last activity is before the cutoff and that have no turns left, and events before it.
   */
  purgeOlderThan(cutoff: Date): Promise<RetentionPurge>;
}

/**
 * Dashboard aggregates computed by the database: the caller never loads turns. The SQL stores sum hourly rollups kept
 * by triggers when turns and feedback are written (a few thousand rows for 30 days of a million turns) whenever they
 * answer exactly (windows on whole hours, the demand rules the store was opened with), else they scan the turns;
 * the memory store always scans. Both ways give the same numbers (test/store/contract/analytics-rollups-contract.ts).
 */
export interface AnalyticsStore {
  extent(window: AnalyticsWindow): Promise<TurnExtent>;
  aggregate(query: AnalyticsQuery): Promise<TurnAggregates>;
  /** Per intent model version over the window (ignores `modelVersion`), ordered by version, null last. */
  perModel(window: AnalyticsWindow): Promise<ModelAggregate[]>;
  /** Price-demand signals per product; clicks come from the events table and ignore `modelVersion`. */
  demandSignals(query: DemandQuery): Promise<DemandCount[]>;
}

export interface OrderChangeStore {
  append(input: NewOrderChange): Promise<OrderChangeRecord>;
  /** Oldest first. */
  list(options?: { platform?: string; afterSeq?: number }): Promise<OrderChangeRecord[]>;
}

export interface NoteStore {
  /** NOT_FOUND if `conversationId` is given and unknown. */
  add(input: NewOperatorNote): Promise<OperatorNote>;
  /** Unresolved notes, oldest first. */
  listOpen(options?: { limit?: number }): Promise<OperatorNote[]>;
  /** NOT_FOUND if unknown; CONFLICT if already resolved. */
  resolve(id: string): Promise<OperatorNote>;
}

/** Operator dashboard sessions (src/server/admin/session-store.ts keeps the policy: timeouts, token hashing). */
export interface AdminSessionStore {
  /** CONFLICT if the id is taken; NOT_FOUND if the operator is unknown. Deleting the operator deletes its sessions. */
  create(input: NewAdminSession): Promise<AdminSessionRecord>;
  get(id: string): Promise<AdminSessionRecord | null>;
  /** Moves lastSeenAt (never backwards); a session that is gone stays gone. */
  touch(id: string, at: Date): Promise<void>;
  /** Sets or (null) clears the one-shot message; a session that is gone stays gone. */
  setFlash(id: string, flash: AdminFlash | null): Promise<void>;
  /** Returns whether a session was deleted. */
  delete(id: string): Promise<boolean>;
  /** Ends every session of one operator; returns how many. */
  deleteForOperator(operatorId: string): Promise<number>;
  /** Deletes sessions last seen before `idleBefore` or created before `createdBefore`; returns how many. */
  purgeExpired(options: { idleBefore: Date; createdBefore: Date }): Promise<number>;
}

/** Messages waiting for a widget's poll, shared by every instance (see channels/webhook/web-outbox). */
export interface OutboxStore {
  /** NOT_FOUND if the conversation is unknown. */
  push(input: { conversationId: string; payload: string; at?: Date }): Promise<OutboxRecord>;
  /** The conversation's messages with seq > afterSeq, oldest first, at most `limit` (the newest ones). */
  listAfter(conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<OutboxRecord[]>;
}

/**
 * Token buckets shared by every instance (per-user message limits, per-address chat limits). Keys are stored as
 * SHA-256 hashes: they hold user ids and IP addresses.
 */
export interface RateLimitStore {
  /**
   * One atomic step of the bucket `key`: refilled at `perMinute` tokens a minute up to `capacity` (default
   * `perMinute`), then one token taken if there is one. BAD_REQUEST when the bucket would take over a day to refill
   * (idle buckets are swept after a day, which must not hand out tokens early).
   */
  take(key: string, perMinute: number, options?: { capacity?: number }): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  /** Gives `tokens` (default 1) back to the bucket, never beyond its capacity: a taken attempt that should not count. */
  refund(key: string, perMinute: number, options?: { capacity?: number; tokens?: number }): Promise<void>;
}

/**
 * Change signals: a hint that something changed, so whoever keeps a copy (the served model, the knowledge index, a
 * live view) re-reads it at once instead of at its next poll. A signal is never the data and may be lost (SQLite:
 * another process writing the same file is not heard; PostgreSQL: a dropped connection), so readers keep a slower
 * poll and re-read on every `listening` signal.
 */
export interface SignalStore {
  /**
   * 'database': every process on the store hears every signal (PostgreSQL LISTEN/NOTIFY on one dedicated connection,
   * reconnected after errors); 'process': only this process's (memory, SQLite).
   */
  readonly reach: 'process' | 'database';
  /**
   * Tells every subscriber of `channel` (this process's too) that something changed. `payload` (at most 2000
   * characters) names what, as ids. BAD_REQUEST for an unknown channel or a long payload, INTERNAL when closed.
   */
  notify(channel: SignalChannel, payload?: string): Promise<void>;
  /**
   * Calls `listener` for every signal on `channel`, starting with a `listening` one once signals reach it (again after
   * each reconnect). A listener must not throw (one that does is reported as a process warning). Returns the
   * function that unsubscribes. Throws INTERNAL when closed.
   */
  subscribe(channel: SignalChannel, listener: (signal: Signal) => void): () => void;
}

/** Named leases: one holder at a time across every process on the store (the retrain leader). */
export interface LeaseStore {
  /** Takes the lease, or renews it for the same holder, until now + ttlMs; false while another holder's is unexpired. */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it (a no-op otherwise). */
  release(name: string, holder: string): Promise<void>;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  readonly conversations: ConversationStore;
  readonly turns: TurnStore;
  readonly feedback: FeedbackStore;
  readonly reviews: ReviewStore;
  readonly revisions: RevisionStore;
  readonly models: ModelRegistryStore;
  readonly operators: OperatorStore;
  readonly events: EventStore;
  readonly privacy: PrivacyStore;
  readonly analytics: AnalyticsStore;
  readonly orderChanges: OrderChangeStore;
  /** Notes for operators; deleted with their conversation (customer delete, retention purge). */
  readonly notes: NoteStore;
  readonly adminSessions: AdminSessionStore;
  /**
   * Runs `work` while holding the conversation's lock: messages of one conversation are processed one at a time, in
   * the order they asked for the lock, also across instances sharing a PostgreSQL database (an advisory lock; memory
   * and SQLite queue in the process). Resolves or rejects with what `work` does; the lock is released either way.
   * Never nest two locks in one `work` (two conversations locked in opposite orders would deadlock).
   * BAD_REQUEST for an empty id, INTERNAL when closed, UNAVAILABLE when PostgreSQL cannot grant the lock in 30 s.
   */
  withConversationLock<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
  readonly leases: LeaseStore;
  readonly rateLimits: RateLimitStore;
  /** Deleted with their conversation and by the retention purge. */
  readonly outbox: OutboxStore;
  /** Model promotions and rollbacks, revision appends and outbox pushes signal on their own (see signal-on-write). */
  readonly signals: SignalStore;
  /** Idempotent. Later calls on any sub-store reject with INTERNAL. */
  close(): Promise<void>;
}

/** Shared options of every factory. */
export interface StoreOptions {
  /** Clock for default timestamps (tests pin it). */
  now?: () => Date;
  /** Id generator for string ids (default crypto.randomUUID). */
  newId?: () => string;
  /**
   * The price-demand rules (README "Price-demand signals") the SQL stores count at write time, into their hourly
   * rollups; opening with rules other than the stored ones rebuilds that rollup from the turns. Without them the
   * stored rules stay, and a demand query with other rules is answered by scanning the turns.
   */
  demandRules?: DemandRules;
}
