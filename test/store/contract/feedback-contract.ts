import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode, seedTurn } from './contract-helpers.ts';

export function feedbackContract(get: () => ContractContext): void {
  describe('feedback', () => {
    it('stores thumbs, ratings and corrections with the conversation taken from the turn', async () => {
      const { store, clock } = get();
      const turn = await seedTurn(store, { conversationId: 'c-9' });
      const thumbs = await store.feedback.add({ turnId: turn.id, replyId: 'r-0', kind: 'thumbs', value: 'down' });
      clock.advance(10);
      const rating = await store.feedback.add({ turnId: turn.id, kind: 'rating', value: 4 });
      clock.advance(10);
      const correction = await store.feedback.add({ turnId: turn.id, kind: 'correction', value: 'I asked about returns' });
      expect(thumbs).toEqual({
        id: expect.any(String),
        turnId: turn.id,
        replyId: 'r-0',
        conversationId: 'c-9',
        kind: 'thumbs',
        value: 'down',
        at: clock.at(0),
      });
      expect(rating).toMatchObject({ kind: 'rating', value: 4, replyId: null });
      expect(typeof rating.value).toBe('number');
      expect(await store.feedback.get(correction.id)).toEqual(correction);
      expect((await store.feedback.listByTurn(turn.id)).map((f) => f.id)).toEqual([thumbs.id, rating.id, correction.id]);
      expect((await store.feedback.listByConversation('c-9')).map((f) => f.kind)).toEqual(['thumbs', 'rating', 'correction']);
      expect(await store.feedback.listByConversation('c-other')).toEqual([]);
    });

    it('rejects values that do not fit the kind, and feedback on unknown turns, writing nothing', async () => {
      const { store } = get();
      const turn = await seedTurn(store);
      const bad = [
        { kind: 'thumbs', value: 'meh' },
        { kind: 'thumbs', value: 1 },
        { kind: 'rating', value: 6 },
        { kind: 'rating', value: 0 },
        { kind: 'rating', value: 3.5 },
        { kind: 'rating', value: '5' },
        { kind: 'correction', value: '   ' },
        { kind: 'emoji', value: 'up' },
        { kind: 'thumbs' },
      ];
      for (const b of bad) await expectCode(store.feedback.add({ turnId: turn.id, ...b } as never), 'BAD_REQUEST');
      await expectCode(store.feedback.add({ turnId: 'ghost', kind: 'thumbs', value: 'up' }), 'NOT_FOUND');
      expect(await store.feedback.listByTurn(turn.id)).toEqual([]);
      expect(await store.feedback.listByTurn('ghost')).toEqual([]);
    });
  });
}
