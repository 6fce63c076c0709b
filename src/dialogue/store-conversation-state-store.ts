import { ShopmateError, isShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { redact } from '../feedback/redact.ts';
import type { DataVault } from '../privacy/data-vault.ts';
import type { Store } from '../store/store.ts';
import type { ConversationRecord } from '../store/types.ts';
import type { ConversationState } from './conversation-state.ts';
import type { ConversationStateStore } from './conversation-state-store.ts';

/** What a running task needs in clear between two messages; stored only sealed. */
interface SealedParts {
  slots?: Record<string, string>;
  email?: string;
  pending?: string;
}

type StoredState = ConversationState & { sealed?: string };

interface Base {
  version: number;
  ownership: ConversationRecord['ownership'];
  /** The stored state as read, to tell an ownership-only change from a concurrent dialogue write. */
  stateJson: string;
}

const baseOf = (r: ConversationRecord): Base => ({ version: r.version, ownership: r.ownership, stateJson: JSON.stringify(r.state) });
const hasDialogueState = (r: ConversationRecord) => typeof r.state === 'object' && r.state !== null && 'history' in r.state;

/**
 * Dialogue state on the database. Ownership lives in its own column because operators change it from the
 * dashboard (take over, hand back, close); the column wins over the copy inside the state JSON.
 * Nothing personal is stored in clear: task slots (email, new address, problem description), an email kept for a
 * task, and a deferred request are sealed with the data key; the history and the last question are redacted.
 */
export class StoreConversationStateStore implements ConversationStateStore {
  constructor(private readonly o: { store: Store; vault: DataVault; logger: Logger }) {}

  /** The stored record each state object was read from (or last saved as): what `save` expects to find. */
  private readonly bases = new WeakMap<ConversationState, Base>();

  async load(id: string): Promise<ConversationState | undefined> {
    const record = await this.o.store.conversations.get(id);
    if (!record || !hasDialogueState(record)) return undefined;
    const { sealed, ...state } = record.state as unknown as StoredState;
    const loaded = this.unseal({ ...state, ownership: record.ownership }, sealed);
    this.bases.set(loaded, baseOf(record));
    return loaded;
  }

  /**
   * Saves with an optimistic version check, so nothing written since the load is overwritten unseen. An operator who
   * took the conversation over, handed it back or closed it meanwhile changed only the ownership: their ownership is
   * kept and the bot's state written on top (the state object follows). If the dialogue state itself changed (another
   * writer processed a message of this conversation, which the conversation lock should prevent), it is a CONFLICT.
   */
  async save(state: ConversationState): Promise<void> {
    const conversations = this.o.store.conversations;
    let base = this.bases.get(state) ?? (await this.baseForNew(state));
    for (let attempt = 1; ; attempt++) {
      try {
        const saved = await conversations.update(state.id, { state: this.seal(state) as unknown as Record<string, unknown>, ownership: state.ownership }, { expectedVersion: base.version });
        this.bases.set(state, baseOf(saved));
        return;
      } catch (e) {
        if (!isShopmateError(e) || e.code !== 'CONFLICT' || attempt >= 3) throw e;
        const current = await conversations.get(state.id);
        if (!current || JSON.stringify(current.state) !== base.stateJson) throw e;
        if (current.ownership !== base.ownership) {
          this.o.logger.info('ownership changed while the bot answered; the operator\'s choice is kept', { conversationId: state.id, ownership: current.ownership });
          state.ownership = current.ownership;
        }
        base = baseOf(current);
      }
    }
  }

  /** A state the dialogue started: the conversation may exist (created by the turn log, say) but holds no dialogue yet. */
  private async baseForNew(state: ConversationState): Promise<Base> {
    const record = await this.o.store.conversations.getOrCreate({ id: state.id, channel: state.channel, userId: state.userId });
    if (hasDialogueState(record)) throw new ShopmateError('CONFLICT', `conversation "${state.id}" was started twice at once`, { details: { id: state.id } });
    return baseOf(record);
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
