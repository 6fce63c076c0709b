import type { ConversationState } from './conversation-state.ts';

/** Where dialogue state lives between turns. The SQLite-backed store adapts src/store; memory is for tests. */
export interface ConversationStateStore {
  load(id: string): Promise<ConversationState | undefined>;
  save(state: ConversationState): Promise<void>;
}

export class MemoryConversationStateStore implements ConversationStateStore {
  private readonly states = new Map<string, string>();

  async load(id: string): Promise<ConversationState | undefined> {
    const raw = this.states.get(id);
    // Stored as JSON so callers never share a mutable object with the store, as with a real database.
    return raw === undefined ? undefined : (JSON.parse(raw) as ConversationState);
  }

  async save(state: ConversationState): Promise<void> {
    this.states.set(state.id, JSON.stringify(state));
  }
}
