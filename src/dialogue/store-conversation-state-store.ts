import type { Logger } from '../core/logger.ts';
import { redact } from '../feedback/redact.ts';
import type { DataVault } from '../privacy/data-vault.ts';
import type { Store } from '../store/store.ts';
import type { ConversationState } from './conversation-state.ts';
import type { ConversationStateStore } from './conversation-state-store.ts';

/** What a running task needs in clear between two messages; stored only sealed. */
interface SealedParts {
  slots?: Record<string, string>;
  email?: string;
  pending?: string;
}

type StoredState = ConversationState & { sealed?: string };

/**
 * Dialogue state on the database. Ownership lives in its own column because operators change it from the
 * dashboard (take over, hand back, close); the column wins over the copy inside the state JSON.
 * Nothing personal is stored in clear: task slots (email, new address, problem description), an email kept for a
 * task, and a deferred request are sealed with the data key; the history and the last question are redacted.
 */
export class StoreConversationStateStore implements ConversationStateStore {
  constructor(private readonly o: { store: Store; vault: DataVault; logger: Logger }) {}

  async load(id: string): Promise<ConversationState | undefined> {
    const record = await this.o.store.conversations.get(id);
    if (!record || typeof record.state !== 'object' || record.state === null || !('history' in record.state)) return undefined;
    const { sealed, ...state } = record.state as unknown as StoredState;
    return this.unseal({ ...state, ownership: record.ownership }, sealed);
  }

  async save(state: ConversationState): Promise<void> {
    await this.o.store.conversations.getOrCreate({ id: state.id, channel: state.channel, userId: state.userId });
    await this.o.store.conversations.update(state.id, { state: this.seal(state) as unknown as Record<string, unknown>, ownership: state.ownership });
  }

  private seal(state: ConversationState): StoredState {
    const out: StoredState = structuredClone(state);
    const parts: SealedParts = { slots: out.task?.slots, email: out.focus.email, pending: out.pending?.text };
    if (out.task) out.task.slots = {};
    delete out.focus.email;
    if (out.pending) out.pending.text = '';
    if (out.focus.lastAnswer?.asked) out.focus.lastAnswer.asked = redact(out.focus.lastAnswer.asked);
    for (const h of out.history) h.text = redact(h.text);
    if (parts.slots || parts.email || parts.pending) out.sealed = this.o.vault.seal(JSON.stringify(parts));
    return out;
  }

  private unseal(state: ConversationState, sealed: string | undefined): ConversationState {
    if (sealed === undefined) return state;
    const opened = this.o.vault.open(sealed);
    if (opened === undefined) {
      // Another data key (or an altered row): the task cannot go on, but the conversation can.
      this.o.logger.warn('sealed conversation data could not be opened; the running task is dropped', { conversationId: state.id });
      delete state.task;
      delete state.pending;
      return state;
    }
    const parts = JSON.parse(opened) as SealedParts;
    if (state.task && parts.slots) state.task.slots = parts.slots;
    if (parts.email !== undefined) state.focus.email = parts.email;
    if (state.pending && parts.pending !== undefined) state.pending.text = parts.pending;
    return state;
  }
}
