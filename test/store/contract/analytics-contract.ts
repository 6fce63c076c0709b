import { describe, expect, it } from 'vitest';
import type { NewTurn, Reply, Store } from '../../../src/store/index.ts';
import type { ContractContext } from '../store-contract.ts';
import { expectCode, turnInput } from './contract-helpers.ts';
import { CONTRACT_DEMAND_RULES as RULES } from './contract-demand-rules.ts';

const HOUR = 3_600_000;
const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const OP = 'operator:';
const WINDOW = { from: T0, to: at(24) };

const product = (productId: string) => ({ type: 'product', value: { productId, candidates: [{ productId, confidence: 0.9 }] }, raw: productId, start: 0, end: 1, confidence: 0.9 });
const cards = (...items: Array<[string, boolean]>): Reply => ({
  kind: 'product_cards',
  products: items.map(([productId, inStock]) => ({ productId, title: productId, price: 10, currency: 'EUR', image: '', url: '', inStock })),
});
const intent = (name: string, score = 0.9) => [{ intent: name, score }];

async function seed(store: Store, conversationId: string, channel: string, turns: Array<Partial<NewTurn>>) {
  await store.conversations.getOrCreate({ id: conversationId, channel, userId: `u-${conversationId}` });
  const out = [];
  for (const t of turns) out.push((await store.turns.append(turnInput(conversationId, { channel, userId: `u-${conversationId}`, ...t }))).turn);
  return out;
}

export function analyticsContract(get: () => ContractContext): void {
  describe('analytics aggregates', () => {
    it('aggregates customer turns per bucket and channel, apart from operator replies, with feedback and per model', async () => {
      const { store } = get();
      const a = await seed(store, 'c-a', 'webhook', [
        { at: at(1.5), intents: intent('track_order', 0.95), sentiment: { label: 'positive', scores: { positive: 0.75, negative: 0.25, neutral: 0 } }, modelVersion: 'v1' },
        { at: at(1.75), intents: intent('track_order', 0.31), sentiment: { label: 'negative' }, modelVersion: 'v1', replies: [{ kind: 'handoff', text: 'a person will help' }] },
        { at: at(2), messageId: `${OP}ann:1`, intents: [], sentiment: null, replies: [{ kind: 'text', text: 'hi, Ann here' }] },
      ]);
      const b = await seed(store, 'c-b', 'discord', [
        { at: at(5), intents: intent('returns', 1), outOfScope: false, sentiment: 'weird', modelVersion: 'v2' },
        { at: at(5.5), intents: [], outOfScope: true, sentiment: null, modelVersion: null },
        { at: at(30), intents: intent('returns') }, // outside the window
      ]);
      await store.feedback.add({ turnId: a[0]!.id, kind: 'thumbs', value: 'up' });
      await store.feedback.add({ turnId: a[1]!.id, kind: 'thumbs', value: 'down' });
      await store.feedback.add({ turnId: b[0]!.id, kind: 'thumbs', value: 'up' });
      await store.feedback.add({ turnId: b[0]!.id, kind: 'rating', value: 5 });
      await store.feedback.add({ turnId: a[0]!.id, kind: 'rating', value: 2 });
      await store.feedback.add({ turnId: b[2]!.id, kind: 'rating', value: 1 }); // its turn is outside the window

      expect(await store.analytics.extent(WINDOW)).toEqual({ first: at(1.5), last: at(5.5) });
      expect(await store.analytics.extent({ ...WINDOW, from: at(6) })).toEqual({ first: null, last: null });
      const agg = await store.analytics.aggregate({ ...WINDOW, bucketMs: HOUR });
      expect(agg).toEqual({
        customerTurns: 4,
        operatorTurns: 1,
        conversations: 2,
        outOfScope: 1,
        handoffConversations: 1,
        byBucket: [{ bucket: 1, channel: 'webhook', count: 2 }, { bucket: 5, channel: 'discord', count: 2 }],
        sentimentByBucket: [{ bucket: 1, sum: expect.closeTo(-0.5, 9), count: 2 }],
        topIntents: [{ intent: 'track_order', count: 2 }, { intent: 'returns', count: 1 }],
        confidenceBins: [0, 0, 0, 1, 0, 0, 0, 0, 0, 2],
        feedback: { thumbsUp: 2, thumbsDown: 1, ratings: 2, ratingSum: 7, ratingsAtLeast4: 1 },
      });
      const daily = await store.analytics.aggregate({ ...WINDOW, bucketMs: 24 * HOUR });
      expect(daily.byBucket).toEqual([{ bucket: 0, channel: 'discord', count: 2 }, { bucket: 0, channel: 'webhook', count: 2 }]);

      const v1 = await store.analytics.aggregate({ ...WINDOW, bucketMs: HOUR, modelVersion: 'v1' });
      expect(v1).toMatchObject({ customerTurns: 2, conversations: 1, feedback: { thumbsUp: 1, thumbsDown: 1, ratings: 1 } });
      expect((await store.analytics.aggregate({ ...WINDOW, bucketMs: HOUR, modelVersion: null })).customerTurns).toBe(1);

      // perModel compares versions, so it ignores the version filter
      expect(await store.analytics.perModel({ ...WINDOW, modelVersion: 'v1' })).toEqual([
        { version: 'v1', messages: 2, classified: 2, topScoreSum: expect.closeTo(1.26, 9), outOfScope: 0, thumbsUp: 1, thumbsDown: 1 },
        { version: 'v2', messages: 1, classified: 1, topScoreSum: 1, outOfScope: 0, thumbsUp: 1, thumbsDown: 0 },
        { version: null, messages: 1, classified: 0, topScoreSum: 0, outOfScope: 1, thumbsUp: 0, thumbsDown: 0 },
      ]);
    });

    it('counts price-demand signals per product and bucket as the README defines them', async () => {
      const { store } = get();
      await seed(store, 'c-p', 'webhook', [
        // a price question naming the product: counted for it, not for the card of another product
        { at: at(1), text: 'HOW MUCH is the oslo sofa?', intents: intent('product_information'), entities: [product('sofa')], replies: [cards(['lamp', true])] },
        // "how much is it?": no product named, so the bot's card (the conversation's focus) carries it
        { at: at(1.2), text: 'and what is the price of it', intents: intent('product_information'), entities: [], replies: [cards(['sofa', true])] },
        // a complaint about the price is "too expensive", never also a price question
        { at: at(2), text: 'that price is way too expensive', intents: intent('product_information'), entities: [product('sofa')] },
        { at: at(2.5), text: 'any code for the lamp?', intents: intent('discounts_coupons'), entities: [product('lamp'), product('lamp')] },
        // out of scope: no discount request even with the intent on top
        { at: at(2.6), text: 'discount?', intents: intent('discounts_coupons'), outOfScope: true, entities: [product('lamp')] },
        // price words under another intent (shipping cost) are no price question
        { at: at(3), text: 'how much is delivery of the sofa', intents: intent('delivery_options'), entities: [product('sofa')] },
        // availability: only the product shown out of stock counts
        { at: at(3.5), text: 'do you have these?', intents: intent('product_availability'), replies: [cards(['sofa', false], ['lamp', true])] },
        { at: at(3.6), messageId: `${OP}ann:2`, text: 'too expensive? how much', intents: intent('product_information'), entities: [product('sofa')] },
      ]);
      await store.events.record({ userId: 'u-1', productId: 'lamp', kind: 'click', at: at(4) });
      await store.events.record({ userId: 'u-2', productId: 'lamp', kind: 'click', at: at(4.5) });
      await store.events.record({ userId: 'u-2', productId: 'lamp', kind: 'purchase', at: at(4.5) });
      await store.events.record({ userId: 'u-2', productId: 'lamp', kind: 'click', at: at(25) });

      expect(await store.analytics.demandSignals({ ...WINDOW, bucketMs: HOUR, rules: RULES })).toEqual([
        { productId: 'lamp', signal: 'discount_request', bucket: 2, count: 1 },
        { productId: 'lamp', signal: 'recommendation_click', bucket: 4, count: 2 },
        { productId: 'sofa', signal: 'out_of_stock', bucket: 3, count: 1 },
        { productId: 'sofa', signal: 'price_question', bucket: 1, count: 2 },
        { productId: 'sofa', signal: 'too_expensive', bucket: 2, count: 1 },
      ]);
      const v = await store.analytics.demandSignals({ ...WINDOW, bucketMs: HOUR, rules: RULES, modelVersion: 'other' });
      expect(v).toEqual([{ productId: 'lamp', signal: 'recommendation_click', bucket: 4, count: 2 }]);
    });

    it('rejects malformed windows with BAD_REQUEST', async () => {
      const { store } = get();
      await expectCode(store.analytics.aggregate({ ...WINDOW, from: at(5), to: at(1), bucketMs: HOUR }), 'BAD_REQUEST');
      await expectCode(store.analytics.aggregate({ ...WINDOW, bucketMs: 1000 }), 'BAD_REQUEST');
      await expectCode(store.analytics.aggregate({ ...WINDOW, to: at(24 * 365 * 2), bucketMs: 60_000 }), 'BAD_REQUEST');
      await expectCode(store.analytics.extent({ ...WINDOW, from: new Date(Number.NaN) }), 'BAD_REQUEST');
      await expectCode(store.analytics.demandSignals({ ...WINDOW, bucketMs: HOUR, rules: { ...RULES, pricePhrases: [''] } }), 'BAD_REQUEST');
    });
  });
}
