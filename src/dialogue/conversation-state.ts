import type { ChannelId } from '../core/message.ts';

export type Ownership = 'bot' | 'agent' | 'closed';
export type TaskName = 'order_status' | 'cancel_order' | 'change_order' | 'start_return';

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

export function rememberProducts(state: ConversationState, ids: string[]): void {
  for (const id of ids) {
    state.viewedProductIds = state.viewedProductIds.filter((x) => x !== id);
    state.viewedProductIds.push(id);
  }
  if (state.viewedProductIds.length > 20) state.viewedProductIds.splice(0, state.viewedProductIds.length - 20);
}
