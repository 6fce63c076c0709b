/**
 * Record types of the storage layer. Every enum is a `const` tuple so the runtime validators (store-schemas.ts) and
 * the TypeScript unions come from one list (shipped migrations spell their CHECKs out as literal SQL). Channel ids
 * are not an enum: any id of the CHANNEL_ID_PATTERN format is stored; the channel registry decides which exist.
 * Timestamps are `Date` objects in the API (stored as epoch milliseconds in SQLite).
 */
import type { ChannelId, Reply } from '../core/message.ts';

export type { ChannelId, Reply };

/** Plain JSON data. Inputs typed `unknown` are checked against this at runtime (no Dates, Maps, NaN, cycles). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const OWNERSHIPS = ['bot', 'agent', 'closed'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

// ---------- conversations ----------

export interface ConversationRecord {
  /** Channel-assigned conversation id (IncomingMessage.conversationId). */
  id: string;
  channel: ChannelId;
  /** The customer the conversation belongs to (privacy export/delete key). */
  userId: string;
  ownership: Ownership;
  /** Dialogue state (task, slots, history tail). Opaque to the store: the dialogue validates it on read. */
  state: JsonValue;
  /** Bumped on every state/ownership change; pass it back as `expectedVersion` for optimistic concurrency. */
  version: number;
  createdAt: Date;
  /** Last state/ownership change. Appending a turn does not touch it (see lastMessageAt). */
  updatedAt: Date;
  /** `at` of the newest turn, null before the first one. */
  lastMessageAt: Date | null;
  /** When `ownership` last changed: for 'agent' this is when the customer started waiting for a human. */
  ownershipChangedAt: Date;
}

export interface NewConversation {
  id: string;
  channel: ChannelId;
  userId: string;
  /** Any JSON-serializable value; defaults to {}. */
  state?: unknown;
  ownership?: Ownership;
}

export interface ConversationPatch {
  state?: unknown;
  ownership?: Ownership;
}

export interface HandoffEntry {
  conversation: ConversationRecord;
  waitingSince: Date;
  /** 1-based place in the queue (what `Reply.handoff.queuePosition` shows the customer). */
  position: number;
}

// ---------- turns ----------

/** Same list as dialogue's TurnOutcome, redeclared so the store does not depend on the dialogue. */
export const TURN_OUTCOMES = ['answered', 'clarification', 'out_of_scope', 'handoff', 'silent'] as const;
export type TurnOutcome = (typeof TURN_OUTCOMES)[number];

/** Structurally identical to nlu/intent's IntentScore, redeclared so the store does not depend on the NLU. */
export interface IntentScore {
  intent: string;
  score: number;
}

export interface TurnRecord {
  id: string;
  conversationId: string;
  channel: ChannelId;
  /** Channel-assigned message id; (channel, messageId) is unique, which makes redelivered messages idempotent. */
  messageId: string;
  userId: string;
  /** Already redacted by the caller: the store never sees raw PII it would have to scrub. */
  text: string;
  /** Top-k intent ranking, best first; empty when the turn was not classified (e.g. agent-owned). */
  intents: IntentScore[];
  outOfScope: boolean;
  inScopeScore: number | null;
  sentiment: JsonValue;
  entities: JsonValue[];
  replies: Reply[];
  latencyMs: number | null;
  modelVersion: string | null;
  /** ISO 639-1 language of the message (`und` when it could not be told); null for turns logged before it was kept. */
  language: string | null;
  /** How the dialogue handled the turn (TURN_OUTCOMES); null when it never got there or for turns logged before it was kept. */
  outcome: TurnOutcome | null;
  /** The message answered the bot's own question (an email, yes/no, an address, an order id asked for by a task). */
  slotAnswer: boolean;
  at: Date;
}

export interface NewTurn {
  conversationId: string;
  channel: ChannelId;
  messageId: string;
  userId: string;
  text: string;
  intents?: IntentScore[];
  outOfScope?: boolean;
  inScopeScore?: number | null;
  sentiment?: unknown;
  entities?: unknown[];
  replies?: Reply[];
  latencyMs?: number | null;
  modelVersion?: string | null;
  language?: string | null;
  outcome?: TurnOutcome | null;
  slotAnswer?: boolean;
  at?: Date;
}

export interface AppendTurnResult {
  turn: TurnRecord;
  /** false when (channel, messageId) was already stored and the existing turn is returned. */
  created: boolean;
}

// ---------- feedback ----------

export const FEEDBACK_KINDS = ['thumbs', 'rating', 'correction'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export type FeedbackValue =
  | { kind: 'thumbs'; value: 'up' | 'down' }
  | { kind: 'rating'; value: 1 | 2 | 3 | 4 | 5 }
  | { kind: 'correction'; value: string };

export type FeedbackRecord = FeedbackValue & {
  id: string;
  turnId: string;
  /** Which reply of the turn the feedback is about (channels give replies ids); null = the turn as a whole. */
  replyId: string | null;
  /** Copied from the turn so per-conversation queries need no join. */
  conversationId: string;
  at: Date;
};

export type NewFeedback = FeedbackValue & { turnId: string; replyId?: string | null; at?: Date };

// ---------- review queue ----------

/**
 * Why a turn is in the queue. The last three are about a bot *answer* the customer's next message showed was wrong:
 * "no, that's not what I asked" (correction), the same question again (repeated), a handoff right after it.
 */
export const REVIEW_REASONS = ['thumbs_down', 'low_confidence', 'out_of_scope', 'clarification', 'handoff', 'correction', 'repeated', 'handoff_after_answer'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
export const REVIEW_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** `sentiment`: the operator corrects the sentiment/anger read from the message (training data for the sentiment head). */
export const REVIEW_ACTIONS = ['relabel', 'new_intent', 'mark_oos', 'new_faq', 'dismiss', 'sentiment'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface FaqProposal {
  question: string;
  answer: string;
  /** Existing FAQ entry to extend with this phrasing, if any. */
  faqId?: string;
}

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

/** An operator's reading of the message's sentiment; `angry` only with 'negative'. */
export interface SentimentCorrection {
  label: (typeof SENTIMENT_LABELS)[number];
  angry: boolean;
}

export interface ReviewDecisionInput {
  action: ReviewAction;
  /** Required for sentiment. */
  sentiment?: SentimentCorrection;
  /** Required for relabel / new_intent. */
  label?: string;
  /** Required for new_faq. */
  faq?: FaqProposal;
  operator: string;
}

export interface ReviewDecision extends ReviewDecisionInput {
  at: Date;
}

export interface ReviewItem {
  id: string;
  turnId: string;
  reason: ReviewReason;
  /** Higher = more urgent. */
  priority: number;
  status: ReviewStatus;
  decision: ReviewDecision | null;
  /** Top intent of the turn (null when unclassified); read from the turn, used by the intent filter. */
  intent: string | null;
  createdAt: Date;
}

/** A decided review item with the text of the turn it is about (what the learning loop replays). */
export interface DecidedReview {
  item: ReviewItem;
  text: string;
}

export interface NewReviewItem {
  turnId: string;
  reason: ReviewReason;
  priority: number;
  createdAt?: Date;
}

export interface ReviewQuery {
  reason?: ReviewReason;
  intent?: string;
  /** Inclusive lower bound on createdAt. */
  from?: Date;
  /** Exclusive upper bound on createdAt. */
  to?: Date;
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  /** Matches before paging, so the dashboard can render page counts. */
  total: number;
}

// ---------- knowledge revisions ----------

export const KNOWLEDGE_KINDS = ['product', 'faq', 'policy', 'order', 'profile'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];
export const REVISION_ACTIONS = ['create', 'update', 'delete', 'revert'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

export interface KnowledgeRevision {
  /** Monotonic: never reused, also after deletes, so "revert to N" is unambiguous. */
  id: number;
  at: Date;
  kind: KnowledgeKind;
  entryId: string;
  action: RevisionAction;
  /** null for create. */
  before: JsonValue;
  /** null for delete. */
  after: JsonValue;
  author: string;
  /** The revision this one undid, if it is a revert. */
  revertOf: number | null;
}

export interface NewKnowledgeRevision {
  kind: KnowledgeKind;
  entryId: string;
  action: RevisionAction;
  before: unknown;
  after: unknown;
  author: string;
  at?: Date;
  revertOf?: number;
}

// ---------- model registry ----------

export const MODEL_KINDS = ['intent', 'sentiment'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const MODEL_STATUSES = ['candidate', 'serving', 'rejected', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export interface GateDecision {
  passed: boolean;
  reason: string;
  /** Per-metric comparison against the serving model, regression-set results, ... */
  details: JsonValue;
  at: Date;
}

export interface NewGateDecision {
  passed: boolean;
  reason: string;
  details?: unknown;
  at?: Date;
}

export interface ModelVersionRecord {
  /** Artifact version, e.g. "intent-20261128T205501Z-ab12cd". */
  version: string;
  kind: ModelKind;
  createdAt: Date;
  status: ModelStatus;
  statusChangedAt: Date;
  metrics: JsonValue;
  gate: GateDecision | null;
  dataSummary: JsonValue;
  artifactDir: string;
}

export interface NewModelVersion {
  version: string;
  kind: ModelKind;
  metrics: unknown;
  dataSummary: unknown;
  artifactDir: string;
  createdAt?: Date;
}

// ---------- operators ----------

export const OPERATOR_ROLES = ['admin', 'agent', 'viewer'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface OperatorRecord {
  id: string;
  /** Unique case-insensitively ("Alice" and "alice" are one operator). */
  username: string;
  passwordHash: string;
  role: OperatorRole;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface NewOperator {
  username: string;
  passwordHash: string;
  role: OperatorRole;
}

// ---------- recommender events ----------

export const EVENT_KINDS = ['purchase', 'click'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ShopEvent {
  id: number;
  userId: string;
  productId: string;
  kind: EventKind;
  at: Date;
}

export interface NewShopEvent {
  userId: string;
  productId: string;
  kind: EventKind;
  at?: Date;
}

export interface EventQuery {
  /** Only events with a larger id (an incremental reader's cursor). */
  afterId?: number;
  userId?: string;
  productId?: string;
  kind?: EventKind;
  from?: Date;
  to?: Date;
  limit?: number;
}

// ---------- privacy ----------

export interface CustomerExport {
  userId: string;
  exportedAt: Date;
  conversations: ConversationRecord[];
  turns: TurnRecord[];
  feedback: FeedbackRecord[];
  reviewItems: ReviewItem[];
  events: ShopEvent[];
}

/** What one retention purge deleted. */
export interface RetentionPurge {
  turns: number;
  conversations: number;
  events: number;
}

export interface CustomerDeletion {
  conversations: number;
  turns: number;
  feedback: number;
  reviewItems: number;
  events: number;
}

// ---------- shop orders and operator notes ----------

/** Order changes the bot made in a shop that keeps no state of its own (the demo shop): replayed at start. */
export const ORDER_CHANGE_KINDS = ['cancel', 'address', 'method', 'return', 'note'] as const;
export type OrderChangeKind = (typeof ORDER_CHANGE_KINDS)[number];

export interface OrderChangeRecord {
  seq: number;
  platform: string;
  orderId: string;
  kind: OrderChangeKind;
  /** The change's data as the caller sealed it (an address is personal data): opaque to the store. */
  payload: string;
  at: Date;
}

export interface NewOrderChange {
  platform: string;
  orderId: string;
  kind: OrderChangeKind;
  payload: string;
  at?: Date;
}

/** A message waiting for the customer's web widget to poll it (an operator reply); the payload is sealed. */
export interface OutboxRecord {
  seq: number;
  conversationId: string;
  payload: string;
  at: Date;
}

/** Something the bot could not finish and a person must (the shop's system was down during a cancellation). */
export interface OperatorNote {
  id: string;
  conversationId: string | null;
  orderId: string | null;
  text: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface NewOperatorNote {
  conversationId?: string;
  orderId?: string;
  text: string;
  at?: Date;
}

// ---------- operator dashboard sessions ----------

export const FLASH_KINDS = ['ok', 'warning', 'error'] as const;

/** A one-shot message shown on the next dashboard page (after a form's redirect, possibly on another instance). */
export interface AdminFlash {
  kind: (typeof FLASH_KINDS)[number];
  text: string;
}

/** A signed-in operator. In the store so sessions survive a restart and work on every instance. */
export interface AdminSessionRecord {
  /** The caller's key: a hash of the cookie's token, never the token itself (a leaked table opens no session). */
  id: string;
  operatorId: string;
  username: string;
  role: OperatorRole;
  /** Synchronizer token every non-GET request must echo. */
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  flash: AdminFlash | null;
}

export interface NewAdminSession {
  id: string;
  operatorId: string;
  username: string;
  role: OperatorRole;
  csrfToken: string;
  at?: Date;
}

// ---------- change signals ----------

/** What a change signal is about: the serving models, knowledge revisions, the web outbox, conversation activity. */
export const SIGNAL_CHANNELS = ['models', 'revisions', 'outbox', 'activity'] as const;
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];

/**
 * `change`: something on the channel changed (`payload` says what, '' when nothing more; a hint, never the data).
 * `listening`: from now on this subscriber hears every change; whatever happened before (it just subscribed, or the
 * store lost its connection for a while) may have been missed, so it re-reads what it keeps.
 */
export type Signal = { channel: SignalChannel; kind: 'change'; payload: string } | { channel: SignalChannel; kind: 'listening' };
