import type { ChannelId } from '../core/message.ts';

export type Ownership = 'bot' | 'agent' | 'closed';
export type TaskName = 'order_status' | 'cancel_order' | 'change_order' | 'start_return' | 'report_problem';
export type HandoffReason = 'requested' | 'negative_sentiment' | 'repeated_failure' | 'verification_failed' | 'language';

/** What the conversation is about right now, so that "it", "the second one" and "and to Belgium?" resolve. */
export interface Focus {
  /** Products on the cards or options last shown, in order. */
  shown: string[];
  /** The product last talked about. */
  productId?: string;
  /** What the last answer was about (an intent), for elliptical follow-ups. */
  topic?: string;
  /** The country last asked about (shipping). */
  country?: string;
  /** A product question waiting for the customer to say which product ("which board do you mean?"). */
  question?: string;
  /** The products last offered as options ("the large or the small board?"), for "and the small one?" later on. */
  options?: string[];
  /** What the last product answer was about ("price", "dimensions"), for "what about the armchair?". */
  lastFacts?: string[];
  /** The order number last mentioned (verified or not), kept for a task that starts later. */
  orderId?: string;
  /** An email address given before a task started, kept only until a task uses it. */
  email?: string;
  /** The knowledge entry that answered last, and the customer message it answered (the subject of follow-ups). */
  lastAnswer?: { id: string; title: string; asked?: string };
  /** The bot's last answer came from the knowledge base (not a product, task or small talk). */
  knowledgeLast?: boolean;
  /** The last product search (a ProductQuery), refined by "the cheapest one?", "any in green?", "under 50?". */
  search?: Record<string, unknown>;
  /** The message that asked for the products on show, and every product shown for it, for "something else?". */
  productAsk?: string;
  seen?: string[];
}

/** Set while a person owns the conversation: why, since when, and when the customer was last told someone is coming. */
export interface HandoffState {
  reason: HandoffReason;
  at: string;
  lastAckAt?: string;
}

/** A multi-turn task in progress: which step waits for the customer, and what has been collected so far. */
export interface TaskState {
  name: TaskName;
  step: string;
  slots: Record<string, string>;
  /** Failed attempts at the current step (wrong email, unreadable answer); bounded so the bot never loops. */
  attempts: number;
}

export interface HistoryEntry {
  role: 'customer' | 'bot' | 'agent';
  text: string;
  at: string;
  intent?: string;
}

export interface ConversationState {
  id: string;
  userId: string;
  channel: ChannelId;
  ownership: Ownership;
  language: string;
  task?: TaskState;
  /** Orders whose id + email this customer proved in this conversation; they are not asked again. */
  verifiedOrderIds: string[];
  /** Products shown or asked about, most recent last; seeds for recommendations. */
  viewedProductIds: string[];
  focus: Focus;
  handoff?: HandoffState;
  /** A second request made during a task ("...and change the address too"), taken up when the task ends. */
  pending?: { intent: string; text: string };
  /** Consecutive turns the bot could not understand; drives the offer of a human. */
  failures: number;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

const HISTORY_LIMIT = 50;

export function newConversationState(init: { id: string; userId: string; channel: ChannelId; language: string; now: Date }): ConversationState {
  const at = init.now.toISOString();
  return {
    id: init.id,
    userId: init.userId,
    channel: init.channel,
    ownership: 'bot',
    language: init.language,
    verifiedOrderIds: [],
    viewedProductIds: [],
    focus: { shown: [] },
    failures: 0,
    history: [],
    createdAt: at,
    updatedAt: at,
  };
}

export function appendHistory(state: ConversationState, entry: HistoryEntry): void {
  state.history.push(entry);
  if (state.history.length > HISTORY_LIMIT) state.history.splice(0, state.history.length - HISTORY_LIMIT);
}

/** States saved before `focus` existed load with an empty one. */
export function withDefaults(state: ConversationState): ConversationState {
  state.focus ??= { shown: [] };
  state.viewedProductIds ??= [];
  return state;
}

export function rememberProducts(state: ConversationState, ids: string[]): void {
  for (const id of ids) {
    state.viewedProductIds = state.viewedProductIds.filter((x) => x !== id);
    state.viewedProductIds.push(id);
  }
  if (state.viewedProductIds.length > 20) state.viewedProductIds.splice(0, state.viewedProductIds.length - 20);
}
