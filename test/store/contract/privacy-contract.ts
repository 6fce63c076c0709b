import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.ts';
import type { ContractContext } from '../store-contract.ts';
import { expectCode, seedTurn, turnInput } from './contract-helpers.ts';

/** Two customers with conversations, turns, feedback, review items and events; an agent turn in u-a's chat. */
async function seedTwoCustomers(store: Store, clock: ContractContext['clock']) {
  const a1 = await seedTurn(store, { conversationId: 'c-a', userId: 'u-a', turn: { at: clock.at(0) } });
  const a2 = (await store.turns.append(turnInput('c-a', { userId: 'agent-7', text: 'agent here', at: clock.at(1000) }))).turn;
  const b1 = await seedTurn(store, { conversationId: 'c-b', userId: 'u-b', turn: { at: clock.at(5000) } });
  await store.feedback.add({ turnId: a1.id, kind: 'thumbs', value: 'down' });
  await store.feedback.add({ turnId: a2.id, kind: 'rating', value: 5 });
  await store.feedback.add({ turnId: b1.id, kind: 'thumbs', value: 'up' });
  await store.reviews.enqueue({ turnId: a1.id, reason: 'thumbs_down', priority: 3 });
  await store.reviews.enqueue({ turnId: b1.id, reason: 'low_confidence', priority: 1 });
  await store.events.record({ userId: 'u-a', productId: 'P-1', kind: 'purchase' });
  await store.events.record({ userId: 'u-b', productId: 'P-1', kind: 'click' });
  return { a1, a2, b1 };
}

export function privacyContract(get: () => ContractContext): void {
  describe('customer data (export, delete, retention)', () => {
    it('exports everything about one customer and nothing about others, as JSON', async () => {
      const { store, clock } = get();
      const { a1, a2 } = await seedTwoCustomers(store, clock);
      const exp = await store.privacy.exportCustomer('u-a');
      expect(exp.userId).toBe('u-a');
      expect(exp.conversations.map((c) => c.id)).toEqual(['c-a']);
      expect(exp.turns.map((t) => t.id)).toEqual([a1.id, a2.id]);
      expect(exp.feedback.map((f) => f.turnId)).toEqual([a1.id, a2.id]);
      expect(exp.reviewItems.map((r) => [r.turnId, r.reason])).toEqual([[a1.id, 'thumbs_down']]);
      expect(exp.events.map((e) => [e.userId, e.kind])).toEqual([['u-a', 'purchase']]);
      const json = JSON.parse(JSON.stringify(exp));
      expect(json.turns[0].at).toBe(clock.at(0).toISOString());
      expect(JSON.stringify(exp)).not.toContain('u-b');
      const empty = await store.privacy.exportCustomer('nobody');
      expect([empty.conversations, empty.turns, empty.feedback, empty.reviewItems, empty.events].every((l) => l.length === 0)).toBe(true);
    });

    it('deletes one customer completely and leaves the others alone', async () => {
      const { store, clock } = get();
      const { a1, b1 } = await seedTwoCustomers(store, clock);
      const before = await store.privacy.exportCustomer('u-b');
      expect(await store.privacy.deleteCustomer('u-a')).toEqual({ conversations: 1, turns: 2, feedback: 2, reviewItems: 1, events: 1 });
      const gone = await store.privacy.exportCustomer('u-a');
      expect([gone.conversations, gone.turns, gone.feedback, gone.reviewItems, gone.events].every((l) => l.length === 0)).toBe(true);
      expect(await store.turns.get(a1.id)).toBeNull();
      expect(await store.turns.getByMessage('webhook', a1.messageId)).toBeNull();
      expect(await store.conversations.get('c-a')).toBeNull();
      expect((await store.reviews.listOpen()).items.map((i) => i.turnId)).toEqual([b1.id]);
      expect({ ...(await store.privacy.exportCustomer('u-b')), exportedAt: before.exportedAt }).toEqual(before);
      expect(await store.privacy.deleteCustomer('u-a')).toEqual({ conversations: 0, turns: 0, feedback: 0, reviewItems: 0, events: 0 });
      // The customer can come back: ids are free again.
      await store.conversations.getOrCreate({ id: 'c-a', channel: 'webhook', userId: 'u-a' });
      expect((await store.turns.append(turnInput('c-a', { userId: 'u-a', messageId: a1.messageId }))).created).toBe(true);
    });

    it('purges turns older than the cutoff with their feedback and review items, idle conversations and old events', async () => {
      const { store, clock } = get();
      const { a1, a2, b1 } = await seedTwoCustomers(store, clock);
      await expectCode(store.privacy.purgeOlderThan(new Date('garbage')), 'BAD_REQUEST');
      expect(await store.privacy.purgeOlderThan(clock.at(1000))).toEqual({ turns: 1, conversations: 0, events: 2 });
      expect(await store.turns.get(a1.id)).toBeNull();
      expect(await store.turns.get(a2.id)).not.toBeNull();
      expect((await store.feedback.listByConversation('c-a')).map((f) => f.turnId)).toEqual([a2.id]);
      expect((await store.reviews.listOpen()).items.map((r) => r.turnId)).toEqual([b1.id]);
      expect(await store.conversations.get('c-a')).not.toBeNull();
      expect(await store.privacy.purgeOlderThan(clock.at(1000))).toEqual({ turns: 0, conversations: 0, events: 0 });
      // A conversation without turns but active after the cutoff keeps its state.
      clock.advance(20_000);
      await store.conversations.getOrCreate({ id: 'c-new', channel: 'webhook', userId: 'u-c' });
      expect(await store.privacy.purgeOlderThan(clock.at(10_000))).toEqual({ turns: 2, conversations: 2, events: 0 });
      expect(await store.turns.list()).toEqual([]);
      expect(await store.conversations.get('c-a')).toBeNull();
      expect(await store.conversations.get('c-b')).toBeNull();
      expect(await store.conversations.get('c-new')).not.toBeNull();
    });
  });

  describe('lifecycle', () => {
    it('rejects calls after close with INTERNAL; close is idempotent', async () => {
      const { store } = get();
      await store.conversations.getOrCreate({ id: 'c-1', channel: 'memory', userId: 'u-1' });
      await store.close();
      await store.close();
      await expectCode(store.conversations.get('c-1'), 'INTERNAL');
      await expectCode(store.turns.append(turnInput('c-1')), 'INTERNAL');
    });
  });
}
