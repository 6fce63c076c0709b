import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode, seedTurn } from './contract-helpers.ts';

const operator = 'op-ann';

export function reviewContract(get: () => ContractContext): void {
  describe('review queue', () => {
    it('enqueues once per (turn, reason) and rejects unknown turns', async () => {
      const { store, clock } = get();
      const turn = await seedTurn(store);
      const item = await store.reviews.enqueue({ turnId: turn.id, reason: 'thumbs_down', priority: 5 });
      expect(item).toEqual({
        id: expect.any(String),
        turnId: turn.id,
        reason: 'thumbs_down',
        priority: 5,
        status: 'open',
        decision: null,
        intent: 'order_status',
        createdAt: clock.now(),
      });
      expect(await store.reviews.enqueue({ turnId: turn.id, reason: 'thumbs_down', priority: 9 })).toEqual(item);
      const other = await store.reviews.enqueue({ turnId: turn.id, reason: 'low_confidence', priority: 1 });
      expect(other.id).not.toBe(item.id);
      await expectCode(store.reviews.enqueue({ turnId: 'ghost', reason: 'handoff', priority: 1 }), 'NOT_FOUND');
      await expectCode(store.reviews.enqueue({ turnId: turn.id, reason: 'angry' as never, priority: 1 }), 'BAD_REQUEST');
      await expectCode(store.reviews.enqueue({ turnId: turn.id, reason: 'handoff', priority: Number.NaN }), 'BAD_REQUEST');
      expect((await store.reviews.listOpen()).total).toBe(2);
    });

    it('lists open items by priority (high first) then age (old first), with filters and paging', async () => {
      const { store, clock } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      const mk = async (name: string, intent: string, reason: 'thumbs_down' | 'out_of_scope', priority: number, atMs: number) => {
        const turn = await seedTurn(store, { turn: { text: name, intents: [{ intent, score: 0.5 }] } });
        const item = await store.reviews.enqueue({ turnId: turn.id, reason, priority, createdAt: clock.at(atMs) });
        return [name, item.id] as const;
      };
      const ids = Object.fromEntries([
        await mk('lowOld', 'returns', 'thumbs_down', 1, 0),
        await mk('highNew', 'returns', 'out_of_scope', 10, 3000),
        await mk('highOld', 'order_status', 'thumbs_down', 10, 1000),
        await mk('midTieA', 'order_status', 'thumbs_down', 5, 2000),
        await mk('midTieB', 'returns', 'thumbs_down', 5, 2000),
      ]);
      const names = (p: { items: Array<{ id: string }> }) => p.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));
      const all = await store.reviews.listOpen();
      expect(names(all)).toEqual(['highOld', 'highNew', 'midTieA', 'midTieB', 'lowOld']);
      expect(all.total).toBe(5);
      expect(names(await store.reviews.listOpen({ reason: 'thumbs_down' }))).toEqual(['highOld', 'midTieA', 'midTieB', 'lowOld']);
      expect(names(await store.reviews.listOpen({ intent: 'returns' }))).toEqual(['highNew', 'midTieB', 'lowOld']);
      const window = await store.reviews.listOpen({ from: clock.at(1000), to: clock.at(3000) });
      expect(names(window)).toEqual(['highOld', 'midTieA', 'midTieB']);
      const paged = await store.reviews.listOpen({ limit: 2, offset: 2 });
      expect(names(paged)).toEqual(['midTieA', 'midTieB']);
      expect(paged.total).toBe(5);
      await store.reviews.resolve(ids.highOld, { action: 'dismiss', operator });
      expect(names(await store.reviews.listOpen({ limit: 1 }))).toEqual(['highNew']);
      await expectCode(store.reviews.listOpen({ limit: 0 }), 'BAD_REQUEST');
      await expectCode(store.reviews.listOpen({ reason: 'nope' as never }), 'BAD_REQUEST');
    });

    it('resolves with a decision; dismiss -> dismissed; a second decision is a CONFLICT', async () => {
      const { store, clock } = get();
      const turn = await seedTurn(store);
      const a = await store.reviews.enqueue({ turnId: turn.id, reason: 'low_confidence', priority: 1 });
      const b = await store.reviews.enqueue({ turnId: turn.id, reason: 'thumbs_down', priority: 1 });
      clock.advance(60_000);
      const resolved = await store.reviews.resolve(a.id, { action: 'relabel', label: 'returns', operator });
      expect(resolved).toMatchObject({
        status: 'resolved',
        decision: { action: 'relabel', label: 'returns', operator, at: clock.now() },
      });
      expect(await store.reviews.get(a.id)).toEqual(resolved);
      const faq = { question: 'Do you ship to Norway?', answer: 'Yes, 5-7 days.' };
      const dismissed = await store.reviews.resolve(b.id, { action: 'dismiss', operator });
      expect(dismissed.status).toBe('dismissed');
      await expectCode(store.reviews.resolve(a.id, { action: 'new_faq', faq, operator }), 'CONFLICT');
      await expectCode(store.reviews.resolve('ghost', { action: 'dismiss', operator }), 'NOT_FOUND');
      expect(await store.reviews.get(a.id)).toEqual(resolved);
    });

    it('validates decisions: labels for relabel/new_intent, an FAQ for new_faq, an operator always', async () => {
      const { store } = get();
      const turn = await seedTurn(store);
      const item = await store.reviews.enqueue({ turnId: turn.id, reason: 'out_of_scope', priority: 1 });
      for (const d of [
        { action: 'relabel', operator },
        { action: 'new_intent', label: ' ', operator },
        { action: 'new_faq', operator },
        { action: 'new_faq', faq: { question: 'q' }, operator },
        { action: 'mark_oos' },
        { action: 'delete', operator },
      ]) {
        await expectCode(store.reviews.resolve(item.id, d as never), 'BAD_REQUEST');
      }
      expect((await store.reviews.get(item.id))!.status).toBe('open');
      const ok = await store.reviews.resolve(item.id, {
        action: 'new_faq',
        faq: { question: 'Do you gift wrap?', answer: 'Yes, for 3 EUR.', faqId: 'faq-gift' },
        operator,
      });
      expect(ok.decision).toMatchObject({ faq: { faqId: 'faq-gift' } });
    });

    it('records an operator sentiment correction; anger only on a negative reading; takes the new reasons', async () => {
      const { store } = get();
      const turn = await seedTurn(store);
      const item = await store.reviews.enqueue({ turnId: turn.id, reason: 'handoff_after_answer', priority: 90 });
      await store.reviews.enqueue({ turnId: turn.id, reason: 'repeated', priority: 85 });
      await store.reviews.enqueue({ turnId: turn.id, reason: 'correction', priority: 95 });
      expect((await store.reviews.listOpen()).items.map((i) => i.reason)).toEqual(['correction', 'handoff_after_answer', 'repeated']);
      for (const d of [
        { action: 'sentiment', operator },
        { action: 'sentiment', sentiment: { label: 'positive', angry: true }, operator },
        { action: 'sentiment', sentiment: { label: 'furious', angry: false }, operator },
      ]) {
        await expectCode(store.reviews.resolve(item.id, d as never), 'BAD_REQUEST');
      }
      const done = await store.reviews.resolve(item.id, { action: 'sentiment', sentiment: { label: 'negative', angry: true }, operator });
      expect(done).toMatchObject({ status: 'resolved', decision: { action: 'sentiment', sentiment: { label: 'negative', angry: true }, operator } });
      expect(await store.reviews.get(item.id)).toEqual(done);
    });

    it('bulk-resolves all or nothing', async () => {
      const { store } = get();
      const items = [];
      for (let i = 0; i < 4; i++) {
        const turn = await seedTurn(store);
        items.push(await store.reviews.enqueue({ turnId: turn.id, reason: 'out_of_scope', priority: i }));
      }
      const [a, b, c, d] = items.map((i) => i.id);
      await store.reviews.resolve(d, { action: 'dismiss', operator });
      await expectCode(store.reviews.bulkResolve([a, b, 'ghost'], { action: 'mark_oos', operator }), 'NOT_FOUND');
      await expectCode(store.reviews.bulkResolve([a, b, d], { action: 'mark_oos', operator }), 'CONFLICT');
      await expectCode(store.reviews.bulkResolve([], { action: 'mark_oos', operator }), 'BAD_REQUEST');
      expect((await store.reviews.listOpen()).total).toBe(3);
      const done = await store.reviews.bulkResolve([a, b, c, a], { action: 'mark_oos', operator });
      expect(done.map((i) => [i.id, i.status])).toEqual([
        [a, 'resolved'],
        [b, 'resolved'],
        [c, 'resolved'],
      ]);
      expect((await store.reviews.listOpen()).total).toBe(0);
    });
  });
}
