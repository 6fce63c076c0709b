import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function shopNotesContract(get: () => ContractContext): void {
  describe('order changes', () => {
    it('appends changes per platform and lists them oldest first, after a sequence number', async () => {
      const { store, clock } = get();
      const a = await store.orderChanges.append({ platform: 'demo', orderId: 'SM-1', kind: 'cancel', payload: 'sealed-1' });
      clock.advance(1000);
      await store.orderChanges.append({ platform: 'other', orderId: 'X', kind: 'note', payload: 'p' });
      const c = await store.orderChanges.append({ platform: 'demo', orderId: 'SM-2', kind: 'address', payload: 'sealed-2' });
      expect(a).toEqual({ seq: expect.any(Number), platform: 'demo', orderId: 'SM-1', kind: 'cancel', payload: 'sealed-1', at: clock.at(0) });
      expect((await store.orderChanges.list({ platform: 'demo' })).map((x) => x.orderId)).toEqual(['SM-1', 'SM-2']);
      expect((await store.orderChanges.list({ platform: 'demo', afterSeq: a.seq })).map((x) => x.seq)).toEqual([c.seq]);
      expect(await store.orderChanges.list()).toHaveLength(3);
      await expectCode(store.orderChanges.append({ platform: 'demo', orderId: 'SM-1', kind: 'explode' as never, payload: '' }), 'BAD_REQUEST');
      await expectCode(store.orderChanges.append({ platform: '', orderId: 'SM-1', kind: 'cancel', payload: '' }), 'BAD_REQUEST');
      expect(await store.orderChanges.list()).toHaveLength(3);
    });
  });

  describe('operator notes', () => {
    it('adds, lists open notes oldest first and resolves each once', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-n', channel: 'webhook', userId: 'u-n' });
      const first = await store.notes.add({ conversationId: 'c-n', orderId: '1001', text: 'cancel 1001 failed: shop unreachable' });
      clock.advance(1000);
      const second = await store.notes.add({ text: 'no conversation' });
      expect(first).toEqual({ id: expect.any(String), conversationId: 'c-n', orderId: '1001', text: 'cancel 1001 failed: shop unreachable', createdAt: clock.at(0), resolvedAt: null });
      expect((await store.notes.listOpen()).map((n) => n.id)).toEqual([first.id, second.id]);
      expect((await store.notes.resolve(first.id)).resolvedAt).toEqual(clock.now());
      await expectCode(store.notes.resolve(first.id), 'CONFLICT');
      await expectCode(store.notes.resolve('ghost'), 'NOT_FOUND');
      await expectCode(store.notes.add({ conversationId: 'ghost', text: 'x' }), 'NOT_FOUND');
      await expectCode(store.notes.add({ text: '' }), 'BAD_REQUEST');
      expect((await store.notes.listOpen()).map((n) => n.id)).toEqual([second.id]);
    });

    it('deletes notes with their customer and with the retention purge', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-del', channel: 'webhook', userId: 'u-del' });
      await store.notes.add({ conversationId: 'c-del', text: 'about u-del' });
      const keep = await store.notes.add({ text: 'recent, no conversation' });
      await store.privacy.deleteCustomer('u-del');
      expect((await store.notes.listOpen()).map((n) => n.id)).toEqual([keep.id]);
      clock.advance(10 * 86_400_000);
      await store.privacy.purgeOlderThan(clock.at(5 * 86_400_000));
      expect(await store.notes.listOpen()).toEqual([]);
    });
  });
}
