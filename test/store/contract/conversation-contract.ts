import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function conversationContract(get: () => ContractContext): void {
  describe('conversations', () => {
    it('creates with defaults and returns the same record on the second getOrCreate', async () => {
      const { store, clock } = get();
      const created = await store.conversations.getOrCreate({ id: 'c-1', channel: 'discord', userId: 'u-1' });
      expect(created).toEqual({
        id: 'c-1',
        channel: 'discord',
        userId: 'u-1',
        ownership: 'bot',
        state: {},
        version: 1,
        createdAt: clock.now(),
        updatedAt: clock.now(),
        lastMessageAt: null,
        ownershipChangedAt: clock.now(),
      });
      clock.advance(1000);
      const again = await store.conversations.getOrCreate({ id: 'c-1', channel: 'discord', userId: 'u-1', state: { x: 1 } });
      expect(again).toEqual(created);
      expect(await store.conversations.get('c-1')).toEqual(created);
      expect(await store.conversations.get('nope')).toBeNull();
    });

    it('stores any well-formed channel id (the registry decides which exist) and refuses malformed ones', async () => {
      const { store } = get();
      const c = await store.conversations.getOrCreate({ id: 'c-sms', channel: 'sms-gateway_2', userId: 'u-1' });
      expect(c.channel).toBe('sms-gateway_2');
      const { turn } = await store.turns.append({ conversationId: 'c-sms', channel: 'sms-gateway_2', messageId: 'm-1', userId: 'u-1', text: 'hi' });
      expect(await store.turns.getByMessage('sms-gateway_2', 'm-1')).toEqual(turn);
      for (const bad of ['', 'SMS', '1sms', 'sms:x', 'a'.repeat(33)]) {
        await expectCode(store.conversations.getOrCreate({ id: `c-${bad}`, channel: bad, userId: 'u-1' }), 'BAD_REQUEST');
      }
      await expectCode(store.turns.getByMessage('Bad Channel', 'm-1'), 'BAD_REQUEST');
    });

    it('refuses to reuse a conversation id for another user or channel', async () => {
      const { store } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'discord', userId: 'u-1' });
      await expectCode(store.conversations.getOrCreate({ id: 'c-1', channel: 'discord', userId: 'u-2' }), 'CONFLICT');
      await expectCode(store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' }), 'CONFLICT');
    });

    it('updates state and ownership, bumping the version; stale expectedVersion is a CONFLICT that writes nothing', async () => {
      const { store, clock } = get();
      const c = await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      clock.advance(5000);
      const state = { task: 'order_status', slots: { orderId: 'SM-1' }, history: ['hi', 'where is my order'] };
      const u1 = await store.conversations.update('c-1', { state }, { expectedVersion: c.version });
      expect(u1).toMatchObject({ state, version: 2, ownership: 'bot', updatedAt: clock.now(), ownershipChangedAt: c.createdAt });
      await expectCode(store.conversations.update('c-1', { state: { lost: true } }, { expectedVersion: 1 }), 'CONFLICT');
      expect((await store.conversations.get('c-1'))!.state).toEqual(state);
      clock.advance(1000);
      const u2 = await store.conversations.update('c-1', { ownership: 'agent' });
      expect(u2).toMatchObject({ state, version: 3, ownership: 'agent', ownershipChangedAt: clock.now() });
      await expectCode(store.conversations.update('missing', { ownership: 'agent' }), 'NOT_FOUND');
    });

    it('stores any JSON state, including null, and rejects non-JSON values with BAD_REQUEST', async () => {
      const { store } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'memory', userId: 'u-1', state: null });
      expect((await store.conversations.get('c-1'))!.state).toBeNull();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      for (const bad of [{ at: new Date() }, { n: Number.NaN }, { f: () => 1 }, cyclic, new Map(), [undefined], 10n]) {
        await expectCode(store.conversations.update('c-1', { state: bad }), 'BAD_REQUEST');
      }
      expect(await store.conversations.get('c-1')).toMatchObject({ state: null, version: 1 });
      // An optional property left undefined is simply absent, as JSON has it.
      const u = await store.conversations.update('c-1', { state: { task: 'faq', orderId: undefined } });
      expect(Object.keys(u.state as object)).toEqual(['task']);
      expect(Object.keys((await store.conversations.get('c-1'))!.state as object)).toEqual(['task']);
      await expectCode(store.conversations.getOrCreate({ id: 'c-2', channel: 'SMS!', userId: 'u-1' }), 'BAD_REQUEST');
      await expectCode(store.conversations.getOrCreate({ id: '', channel: 'memory', userId: 'u-1' }), 'BAD_REQUEST');
      await expectCode(store.conversations.update('c-1', { ownership: 'robot' as never }), 'BAD_REQUEST');
      expect(await store.conversations.get('c-2')).toBeNull();
    });

    it('returns copies: mutating a returned record or the input does not change the stored state', async () => {
      const { store } = get();
      const state = { slots: { a: 1 } };
      const c = await store.conversations.getOrCreate({ id: 'c-1', channel: 'memory', userId: 'u-1', state });
      state.slots.a = 2;
      (c.state as { slots: { a: number } }).slots.a = 3;
      expect((await store.conversations.get('c-1'))!.state).toEqual({ slots: { a: 1 } });
    });

    it('lists the handoff queue longest-waiting first, with positions and paging', async () => {
      const { store, clock } = get();
      for (const id of ['c-a', 'c-b', 'c-c', 'c-d']) {
        await store.conversations.getOrCreate({ id, channel: 'webhook', userId: `u-${id}` });
      }
      await store.conversations.update('c-c', { ownership: 'agent' });
      clock.advance(1000);
      await store.conversations.update('c-a', { ownership: 'agent' });
      await store.conversations.update('c-d', { ownership: 'agent' }); // same instant as c-a: creation order decides
      clock.advance(1000);
      await store.conversations.update('c-b', { ownership: 'closed' });
      const queue = await store.conversations.listHandoffs();
      expect(queue.map((h) => [h.conversation.id, h.position])).toEqual([
        ['c-c', 1],
        ['c-a', 2],
        ['c-d', 3],
      ]);
      expect(queue[0].waitingSince).toEqual(clock.at(0));
      expect((await store.conversations.listHandoffs({ limit: 1, offset: 1 })).map((h) => [h.conversation.id, h.position])).toEqual([
        ['c-a', 2],
      ]);
      expect(await store.conversations.handoffPosition('c-d')).toBe(3);
      expect(await store.conversations.handoffPosition('c-b')).toBeNull();
      // Updating state while waiting must not reset the waiting time.
      await store.conversations.update('c-c', { state: { note: 'agent typing' }, ownership: 'agent' });
      expect(await store.conversations.handoffPosition('c-c')).toBe(1);
      await store.conversations.update('c-c', { ownership: 'bot' });
      expect(await store.conversations.handoffPosition('c-a')).toBe(1);
      await expectCode(store.conversations.listHandoffs({ limit: 0 }), 'BAD_REQUEST');
    });

    it('lists conversations by user', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-2', channel: 'webhook', userId: 'u-1' });
      clock.advance(10);
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'discord', userId: 'u-1' });
      await store.conversations.getOrCreate({ id: 'c-3', channel: 'discord', userId: 'u-2' });
      expect((await store.conversations.listByUser('u-1')).map((c) => c.id)).toEqual(['c-2', 'c-1']);
    });
  });
}
