import type { Reply } from '../../../core/message.ts';

export type BotReply = Reply & { replyId: string };

export type HistoryEntry =
  | { role: 'user'; text: string }
  | { role: 'bot'; reply: BotReply; feedback?: 'up' | 'down' }
  | { role: 'error'; text: string }
  /** A person's reply after a handoff, fetched by polling; `id` is the outbox cursor (dedupes repeated polls). */
  | { role: 'agent'; id: string; reply: BotReply };

export interface WidgetState {
  conversationId: string;
  userId: string;
  history: HistoryEntry[];
  /** Last operator message seen (GET /chat/updates `after`). */
  updatesCursor?: string;
}

const KEY = 'shopmate.widget.v1';
/** Enough to pick up a conversation after a reload without letting localStorage grow forever. */
const MAX_HISTORY = 100;

/** randomUUID exists only in secure contexts (a shop on plain http has none); getRandomValues works everywhere. */
export function newId(): string {
  const c: Crypto = crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  return Array.from(c.getRandomValues(new Uint8Array(16)), (b: number) => b.toString(16).padStart(2, '0')).join('');
}

export function loadState(storage: Storage | undefined): WidgetState {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? 'null') as WidgetState | null;
    if (parsed && typeof parsed.conversationId === 'string' && typeof parsed.userId === 'string' && Array.isArray(parsed.history)) return parsed;
  } catch {
    // Corrupt or foreign data: start a fresh conversation rather than break the page.
  }
  return { conversationId: newId(), userId: newId(), history: [] };
}

export function saveState(storage: Storage | undefined, state: WidgetState): void {
  try {
    storage?.setItem(KEY, JSON.stringify({ ...state, history: state.history.slice(-MAX_HISTORY) }));
  } catch {
    // Private mode / quota: the chat still works, it just will not survive a reload.
  }
}

/** localStorage throws in some sandboxed iframes; treat that as "no storage". */
export function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
