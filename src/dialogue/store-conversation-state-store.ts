import type { Store } from '../store/store.ts';
import type { ConversationState } from './conversation-state.ts';
import type { ConversationStateStore } from './conversation-state-store.ts';

/**
 * Dialogue state on the database. Ownership lives in its own column because operators change it from the
 * dashboard (take over, hand back, close); the column wins over the copy inside the state JSON.
 */
export class StoreConversationStateStore implements ConversationStateStore {
  constructor(private readonly store: Store) {}

  async load(id: string): Promise<ConversationState | undefined> {
    const record = await this.store.conversations.get(id);
    if (!record || typeof record.state !== 'object' || record.state === null || !('history' in record.state)) return undefined;
    return { ...(record.state as unknown as ConversationState), ownership: record.ownership };
  }

  async save(state: ConversationState): Promise<void> {
    await this.store.conversations.getOrCreate({ id: state.id, channel: state.channel, userId: state.userId });
    await this.store.conversations.update(state.id, { state, ownership: state.ownership });
  }
}
