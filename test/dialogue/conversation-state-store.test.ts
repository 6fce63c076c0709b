import { describe, expect, it } from 'vitest';
import { newConversationState } from '../../src/dialogue/conversation-state.ts';
import { MemoryConversationStateStore, type ConversationStateStore } from '../../src/dialogue/conversation-state-store.ts';
import { StoreConversationStateStore } from '../../src/dialogue/store-conversation-state-store.ts';
import { createMemoryStore } from '../../src/store/index.ts';

/** One contract for every ConversationStateStore implementation. */
function contract(name: string, create: () => ConversationStateStore): void {
  describe(`ConversationStateStore contract: ${name}`, () => {
    it('returns undefined for an unknown conversation and round-trips a saved state', async () => {
      const store = create();
      expect(await store.load('nope')).toBeUndefined();
      const state = newConversationState({ id: 'c1', userId: 'u1', channel: 'webhook', language: 'en', now: new Date('2026-11-20T10:00:00Z') });
      state.task = { name: 'order_status', step: 'ask_email', slots: { orderId: 'SM-100648' }, attempts: 1 };
      state.history.push({ role: 'customer', text: 'where is my order', at: state.createdAt, intent: 'track_order' });
      await store.save(state);
      expect(await store.load('c1')).toEqual(state);
    });

    it('never shares a mutable object with the caller', async () => {
      const store = create();
      const state = newConversationState({ id: 'c2', userId: 'u2', channel: 'webhook', language: 'en', now: new Date() });
      await store.save(state);
      state.ownership = 'agent';
      expect((await store.load('c2'))?.ownership).toBe('bot');
      state.ownership = 'agent';
      await store.save(state);
      expect((await store.load('c2'))?.ownership).toBe('agent');
    });
  });
}

contract('memory', () => new MemoryConversationStateStore());
contract('store-backed', () => new StoreConversationStateStore(createMemoryStore()));

describe('StoreConversationStateStore', () => {
  it('takes ownership from the store, where operators change it', async () => {
    const store = createMemoryStore();
    const states = new StoreConversationStateStore(store);
    await states.save(newConversationState({ id: 'c3', userId: 'u3', channel: 'webhook', language: 'en', now: new Date() }));
    await store.conversations.update('c3', { ownership: 'agent' });
    expect((await states.load('c3'))?.ownership).toBe('agent');
  });
});
