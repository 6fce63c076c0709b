import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode, seedTurn } from './contract-helpers.ts';

/** Reads the serving path and the schedulers make every minute: by watermark or COUNT, never by loading a table. */
export function watermarkContract(get: () => ContractContext): void {
  describe('reads by watermark and count', () => {
    it('lists decided review items after a decision time, oldest first, with their turn text, and counts them', async () => {
      const { store, clock } = get();
      const a = await seedTurn(store, { conversationId: 'c-w1', turn: { messageId: 'm-1', text: 'where is my parcel' } });
      const b = await seedTurn(store, { conversationId: 'c-w2', userId: 'u-w2', turn: { messageId: 'm-2', text: 'do you ship to Norway' } });
      const ia = await store.reviews.enqueue({ turnId: a.id, reason: 'low_confidence', priority: 1 });
      const ib = await store.reviews.enqueue({ turnId: b.id, reason: 'out_of_scope', priority: 1 });
      await store.reviews.enqueue({ turnId: a.id, reason: 'thumbs_down', priority: 1 });
      expect(await store.reviews.listDecided()).toEqual([]);
      clock.advance(1000);
      await store.reviews.resolve(ib.id, { action: 'relabel', label: 'shipping_countries', operator: 'ann' });
      const mark = clock.now();
      clock.advance(1000);
      await store.reviews.resolve(ia.id, { action: 'dismiss', operator: 'ann' });
      const all = await store.reviews.listDecided();
      expect(all.map((d) => [d.item.id, d.text])).toEqual([[ib.id, 'do you ship to Norway'], [ia.id, 'where is my parcel']]);
      expect(all[1]!.item).toMatchObject({ status: 'dismissed', decision: { action: 'dismiss', at: clock.now() } });
      expect((await store.reviews.listDecided({ decidedAfter: mark })).map((d) => d.item.id)).toEqual([ia.id]);
      expect(await store.reviews.countDecided()).toBe(2);
      expect(await store.reviews.countDecided({ decidedAfter: mark })).toBe(1);
      expect(await store.reviews.countDecided({ decidedAfter: clock.now() })).toBe(0);
      await expectCode(store.reviews.countDecided({ decidedAfter: new Date('x') }), 'BAD_REQUEST');
    });

    it('counts the conversations waiting for an agent', async () => {
      const { store } = get();
      expect(await store.conversations.countHandoffs()).toBe(0);
      for (const id of ['h-1', 'h-2', 'h-3']) await store.conversations.getOrCreate({ id, channel: 'webhook', userId: `u-${id}` });
      await store.conversations.update('h-1', { ownership: 'agent' });
      await store.conversations.update('h-3', { ownership: 'agent' });
      expect(await store.conversations.countHandoffs()).toBe(2);
      await store.conversations.update('h-1', { ownership: 'bot' });
      expect(await store.conversations.countHandoffs()).toBe(1);
    });

    it('lists events after an id (an incremental reader resumes where it stopped)', async () => {
      const { store } = get();
      const first = await store.events.record({ userId: 'u', productId: 'P-1', kind: 'purchase' });
      const second = await store.events.record({ userId: 'u', productId: 'P-2', kind: 'click' });
      expect((await store.events.list({ afterId: first.id })).map((e) => e.id)).toEqual([second.id]);
      expect(await store.events.list({ afterId: second.id })).toEqual([]);
      await expectCode(store.events.list({ afterId: -1 }), 'BAD_REQUEST');
    });
  });
}
