import { describe, expect, it } from 'vitest';
import { newConversationState } from '../../src/dialogue/conversation-state.ts';
import { MemoryConversationStateStore, type ConversationStateStore } from '../../src/dialogue/conversation-state-store.ts';
import { StoreConversationStateStore } from '../../src/dialogue/store-conversation-state-store.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../src/core/logger.ts';
import { DataVault } from '../../src/privacy/data-vault.ts';
import type { Store } from '../../src/store/store.ts';

const storeBacked = (store: Store, key = randomBytes(32)) => new StoreConversationStateStore({ store, vault: new DataVault(key), logger: silentLogger });

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
contract('store-backed', () => storeBacked(createMemoryStore()));

describe('StoreConversationStateStore', () => {
  it('takes ownership from the store, where operators change it', async () => {
    const store = createMemoryStore();
    const states = storeBacked(store);
    await states.save(newConversationState({ id: 'c3', userId: 'u3', channel: 'webhook', language: 'en', now: new Date() }));
    await store.conversations.update('c3', { ownership: 'agent' });
    expect((await states.load('c3'))?.ownership).toBe('agent');
  });
});

describe('StoreConversationStateStore saves with a version check', () => {
  const started = () => newConversationState({ id: 'v1', userId: 'u-v1', channel: 'webhook', language: 'en', now: new Date('2026-11-20T10:00:00Z') });
  const say = (state: ReturnType<typeof started>, text: string) => state.history.push({ role: 'customer', text, at: state.createdAt });

  it('keeps an operator\'s hand-back made while the bot answered, and the bot\'s turn too', async () => {
    const store = createMemoryStore();
    const states = storeBacked(store);
    const first = started();
    first.ownership = 'agent';
    await states.save(first);
    const turn = (await states.load('v1'))!;
    await store.conversations.update('v1', { ownership: 'bot' }); // the operator hands back mid-turn
    say(turn, 'are you still there?');
    await states.save(turn);
    const stored = (await states.load('v1'))!;
    expect(stored.ownership).toBe('bot');
    expect(stored.history.map((h) => h.text)).toEqual(['are you still there?']);
    expect(turn.ownership).toBe('bot');
    say(turn, 'next message');
    await states.save(turn); // the saved version is remembered: no conflict with itself
    expect((await states.load('v1'))!.history).toHaveLength(2);
  });

  it('refuses to overwrite a dialogue state written since the load (CONFLICT), and a conversation started twice', async () => {
    const store = createMemoryStore();
    const states = storeBacked(store);
    await states.save(started());
    const a = (await states.load('v1'))!;
    const b = (await states.load('v1'))!;
    say(a, 'from instance a');
    await states.save(a);
    say(b, 'from instance b');
    await expect(states.save(b)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await states.load('v1'))!.history.map((h) => h.text)).toEqual(['from instance a']);
    await expect(states.save(started())).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('StoreConversationStateStore keeps nothing personal in clear', () => {
  const running = () => {
    const state = newConversationState({ id: 'p1', userId: 'u-p1', channel: 'webhook', language: 'en', now: new Date('2026-11-20T10:00:00Z') });
    state.task = { name: 'change_order', step: 'confirm', slots: { orderId: 'SM-100815', email: 'lukas.schneider@example.org', what: 'address', value: 'Kerkstraat 77, 1017 GC Amsterdam' }, attempts: 0 };
    state.focus.email = 'lukas.schneider@example.org';
    state.focus.lastAnswer = { id: 'faq-1', title: 'Delivery', asked: 'can you send it to 12 Baker Street, my number is 06 1234 5678' };
    state.pending = { intent: 'order_status', text: 'and where is my other order, I moved to Hoofdweg 3' };
    state.history.push({ role: 'customer', text: 'mail me at lukas.schneider@example.org', at: state.createdAt });
    return state;
  };

  it('seals task slots, a kept email and a deferred request, and opens them again', async () => {
    const store = createMemoryStore();
    const states = storeBacked(store);
    const state = running();
    await states.save(state);
    const raw = JSON.stringify((await store.conversations.get('p1'))!.state);
    for (const secret of ['lukas.schneider', 'Kerkstraat', '1017 GC', 'Baker Street', '1234 5678', 'Hoofdweg']) expect(raw).not.toContain(secret);
    const loaded = (await states.load('p1'))!;
    expect(loaded.task?.slots).toEqual(state.task!.slots);
    expect(loaded.focus.email).toBe('lukas.schneider@example.org');
    expect(loaded.pending?.text).toBe(state.pending!.text);
    expect(loaded.focus.lastAnswer?.asked).toBe('can you send it to [address], my number is [phone]');
    expect(loaded.history[0]!.text).toBe('mail me at [email]');
  });

  it('drops the running task, not the conversation, when the data was sealed with another key', async () => {
    const store = createMemoryStore();
    await storeBacked(store).save(running());
    const loaded = (await storeBacked(store).load('p1'))!;
    expect(loaded.task).toBeUndefined();
    expect(loaded.pending).toBeUndefined();
    expect(loaded.focus.email).toBeUndefined();
    expect(loaded.history).toHaveLength(1);
  });
});
