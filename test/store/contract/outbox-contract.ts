import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function outboxContract(get: () => ContractContext): void {
  describe('widget outbox', () => {
    it('keeps messages per conversation in order, lists the newest after a cursor, and refuses unknown conversations', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-o', channel: 'webhook', userId: 'u-o' });
      await store.conversations.getOrCreate({ id: 'c-p', channel: 'webhook', userId: 'u-p' });
      const first = await store.outbox.push({ conversationId: 'c-o', payload: 'sealed-1' });
      await store.outbox.push({ conversationId: 'c-p', payload: 'other' });
      const second = await store.outbox.push({ conversationId: 'c-o', payload: 'sealed-2' });
      const third = await store.outbox.push({ conversationId: 'c-o', payload: 'sealed-3' });
      expect(first).toEqual({ seq: expect.any(Number), conversationId: 'c-o', payload: 'sealed-1', at: clock.now() });
      expect((await store.outbox.listAfter('c-o')).map((m) => m.payload)).toEqual(['sealed-1', 'sealed-2', 'sealed-3']);
      expect((await store.outbox.listAfter('c-o', { afterSeq: first.seq })).map((m) => m.seq)).toEqual([second.seq, third.seq]);
      expect((await store.outbox.listAfter('c-o', { limit: 2 })).map((m) => m.payload)).toEqual(['sealed-2', 'sealed-3']);
      await expectCode(store.outbox.push({ conversationId: 'ghost', payload: 'x' }), 'NOT_FOUND');
      await expectCode(store.outbox.push({ conversationId: 'c-o', payload: '' }), 'BAD_REQUEST');
    });

    it('goes with its conversation and with the retention purge', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-o', channel: 'webhook', userId: 'u-o' });
      await store.conversations.getOrCreate({ id: 'c-p', channel: 'webhook', userId: 'u-p' });
      await store.outbox.push({ conversationId: 'c-o', payload: 'to u-o' });
      await store.outbox.push({ conversationId: 'c-p', payload: 'old' });
      await store.privacy.deleteCustomer('u-o');
      expect(await store.outbox.listAfter('c-o')).toEqual([]);
      clock.advance(10_000);
      await store.conversations.update('c-p', { ownership: 'agent' }); // active after the cutoff: the conversation stays
      await store.outbox.push({ conversationId: 'c-p', payload: 'new' });
      await store.privacy.purgeOlderThan(clock.at(5_000));
      expect((await store.outbox.listAfter('c-p')).map((m) => m.payload)).toEqual(['new']);
    });
  });
}
