import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode, seedTurn, turnInput } from './contract-helpers.ts';

export function turnContract(get: () => ContractContext): void {
  describe('turns', () => {
    it('stores every field and returns it unchanged; advances the conversation lastMessageAt only', async () => {
      const { store, clock } = get();
      const c = await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      clock.advance(2000);
      const input = turnInput('c-1', { messageId: 'msg-1', at: clock.at(1500) });
      const { turn, created } = await store.turns.append(input);
      expect(created).toBe(true);
      expect(turn.id).toEqual(expect.any(String));
      const { at, ...rest } = input;
      expect(turn).toEqual({ ...rest, id: turn.id, at });
      expect(await store.turns.get(turn.id)).toEqual(turn);
      expect(await store.turns.getByMessage('webhook', 'msg-1')).toEqual(turn);
      const after = (await store.conversations.get('c-1'))!;
      expect(after.lastMessageAt).toEqual(clock.at(1500));
      // A turn is not a state change: optimistic-concurrency holders keep a valid version.
      expect(after.version).toBe(c.version);
      // An older, late-arriving turn does not move lastMessageAt backwards.
      await store.turns.append(turnInput('c-1', { at: clock.at(100) }));
      expect((await store.conversations.get('c-1'))!.lastMessageAt).toEqual(clock.at(1500));
    });

    it('fills defaults for an unclassified turn', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'terminal', userId: 'u-1' });
      const { turn } = await store.turns.append({ conversationId: 'c-1', channel: 'terminal', messageId: 'x', userId: 'u-1', text: '' });
      expect(turn).toMatchObject({
        intents: [],
        outOfScope: false,
        inScopeScore: null,
        sentiment: null,
        entities: [],
        replies: [],
        latencyMs: null,
        modelVersion: null,
        language: null,
        outcome: null,
        slotAnswer: false,
        at: clock.now(),
      });
    });

    it('keeps how the dialogue handled the turn and whether it answered the bot; rejects unknown outcomes', async () => {
      const { store } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      const { turn } = await store.turns.append(turnInput('c-1', { text: 'yes', outcome: 'handoff', slotAnswer: true }));
      expect(await store.turns.get(turn.id)).toMatchObject({ outcome: 'handoff', slotAnswer: true });
      await expectCode(store.turns.append(turnInput('c-1', { outcome: 'shrug' as never })), 'BAD_REQUEST');
      await expectCode(store.turns.append(turnInput('c-1', { slotAnswer: 'yes' as never })), 'BAD_REQUEST');
    });

    it('is idempotent on (channel, messageId): a redelivery returns the existing turn and stores nothing new', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      const first = await store.turns.append(turnInput('c-1', { messageId: 'dup', text: 'first' }));
      clock.advance(1000);
      const again = await store.turns.append(turnInput('c-1', { messageId: 'dup', text: 'retried' }));
      expect(again).toEqual({ turn: first.turn, created: false });
      // Concurrent redeliveries (webhook retry storm) still produce exactly one row.
      const burst = await Promise.all(
        Array.from({ length: 5 }, () => store.turns.append(turnInput('c-1', { messageId: 'burst' }))),
      );
      expect(new Set(burst.map((b) => b.turn.id)).size).toBe(1);
      expect(burst.filter((b) => b.created)).toHaveLength(1);
      expect(await store.turns.listByConversation('c-1')).toHaveLength(2);
      // The same message id on another channel is a different message.
      await store.conversations.getOrCreate({ id: 'c-2', channel: 'discord', userId: 'u-1' });
      const other = await store.turns.append(turnInput('c-2', { channel: 'discord', messageId: 'dup' }));
      expect(other.created).toBe(true);
      expect(other.turn.id).not.toBe(first.turn.id);
      // Same (channel, messageId) claimed by another conversation: two messages collide, not a retry.
      await store.conversations.getOrCreate({ id: 'c-3', channel: 'webhook', userId: 'u-1' });
      await expectCode(store.turns.append(turnInput('c-3', { messageId: 'dup' })), 'CONFLICT');
    });

    it('rejects a turn for an unknown conversation (NOT_FOUND) or the wrong channel, writing nothing', async () => {
      const { store } = get();
      await expectCode(store.turns.append(turnInput('ghost', { messageId: 'g-1' })), 'NOT_FOUND');
      expect(await store.turns.getByMessage('webhook', 'g-1')).toBeNull();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'discord', userId: 'u-1' });
      await expectCode(store.turns.append(turnInput('c-1', { channel: 'webhook', messageId: 'w-1' })), 'BAD_REQUEST');
      expect(await store.turns.list()).toEqual([]);
      expect((await store.conversations.get('c-1'))!.lastMessageAt).toBeNull();
    });

    it('rejects malformed turns with BAD_REQUEST and writes nothing', async () => {
      const { store } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      const bad: Array<Record<string, unknown>> = [
        { channel: 'Fax!' },
        { messageId: '' },
        { text: 42 },
        { intents: [{ intent: 'x', score: 'high' }] },
        { intents: { intent: 'x' } },
        { inScopeScore: Number.POSITIVE_INFINITY },
        { outOfScope: 'yes' },
        { sentiment: { at: new Date() } },
        { replies: [{ text: 'no kind' }] },
        { replies: [{ kind: 'text', text: 'x', extra: () => 1 }] },
        { latencyMs: -1 },
        { at: new Date('not a date') },
      ];
      for (const overrides of bad) {
        await expectCode(store.turns.append({ ...turnInput('c-1'), ...overrides } as never), 'BAD_REQUEST');
      }
      await expectCode(store.turns.append(null as never), 'BAD_REQUEST');
      expect(await store.turns.list()).toEqual([]);
    });

    it('lists by conversation oldest first (insertion order on ties), with time window and paging', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      await store.conversations.getOrCreate({ id: 'c-2', channel: 'webhook', userId: 'u-2' });
      const t3 = await store.turns.append(turnInput('c-1', { text: 't3', at: clock.at(3000) }));
      const t1 = await store.turns.append(turnInput('c-1', { text: 't1', at: clock.at(1000) }));
      const t2a = await store.turns.append(turnInput('c-1', { text: 't2a', at: clock.at(2000) }));
      const t2b = await store.turns.append(turnInput('c-1', { text: 't2b', at: clock.at(2000) }));
      await store.turns.append(turnInput('c-2', { userId: 'u-2', text: 'other', at: clock.at(1500) }));
      const texts = (ts: Array<{ text: string }>) => ts.map((t) => t.text);
      expect(texts(await store.turns.listByConversation('c-1'))).toEqual(['t1', 't2a', 't2b', 't3']);
      expect(texts(await store.turns.listByConversation('c-1', { from: clock.at(2000), to: clock.at(3000) }))).toEqual(['t2a', 't2b']);
      expect(texts(await store.turns.listByConversation('c-1', { limit: 2, offset: 1 }))).toEqual(['t2a', 't2b']);
      expect(texts(await store.turns.list({ to: clock.at(2000) }))).toEqual(['t1', 'other']);
      expect([t1, t2a, t2b, t3].every((t) => t.created)).toBe(true);
      await expectCode(store.turns.list({ limit: -1 }), 'BAD_REQUEST');
    });

    it('returns the newest turns of a conversation or of a customer, oldest first', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      await store.conversations.getOrCreate({ id: 'c-2', channel: 'webhook', userId: 'u-1' });
      await store.conversations.getOrCreate({ id: 'c-3', channel: 'webhook', userId: 'u-2' });
      const add = (cid: string, text: string, ms: number, userId = 'u-1') => store.turns.append(turnInput(cid, { text, userId, at: clock.at(ms) }));
      await add('c-1', 'a3', 3000);
      await add('c-1', 'a1', 1000);
      await add('c-2', 'b2', 2000);
      await add('c-1', 'a4-first', 4000);
      await add('c-1', 'a4-second', 4000);
      await add('c-3', 'other', 5000, 'u-2');
      const texts = (ts: Array<{ text: string }>) => ts.map((t) => t.text);
      expect(texts(await store.turns.recentByConversation('c-1', 2))).toEqual(['a4-first', 'a4-second']);
      expect(texts(await store.turns.recentByConversation('c-1', 1000))).toEqual(['a1', 'a3', 'a4-first', 'a4-second']);
      expect(texts(await store.turns.recentByUser('u-1', 3))).toEqual(['a3', 'a4-first', 'a4-second']);
      expect(texts(await store.turns.recentByUser('u-1', 10))).toEqual(['a1', 'b2', 'a3', 'a4-first', 'a4-second']);
      expect(await store.turns.recentByUser('nobody', 5)).toEqual([]);
      await expectCode(store.turns.recentByConversation('c-1', 0), 'BAD_REQUEST');
      await expectCode(store.turns.recentByUser('u-1', 1001), 'BAD_REQUEST');
      await expectCode(store.turns.recentByUser('', 5), 'BAD_REQUEST');
    });

    it('keeps turns separate from the objects the caller passed in', async () => {
      const { store } = get();
      const turn = await seedTurn(store);
      turn.intents[0].intent = 'mutated';
      (turn.replies as unknown[]).push({ kind: 'text', text: 'x' });
      const stored = (await store.turns.get(turn.id))!;
      expect(stored.intents[0].intent).toBe('order_status');
      expect(stored.replies).toHaveLength(1);
    });
  });
}
