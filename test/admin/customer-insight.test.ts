import { describe, expect, it } from 'vitest';
import { computeCustomerInsight } from '../../src/server/admin/customer-insight.ts';
import type { ConversationRecord, FeedbackRecord, Reply, TurnRecord } from '../../src/store/types.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const ANGRY = { label: 'negative', scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, angry: true, angerScore: 0.9 };
const CALM = { label: 'positive', scores: { negative: 0.05, neutral: 0.25, positive: 0.7 }, angry: false, angerScore: 0 };

let seq = 0;
function turn(o: { at: Date; intent?: string; sentiment?: unknown; entities?: unknown[]; replies?: Reply[]; operator?: boolean; conversationId?: string }): TurnRecord {
  seq++;
  return {
    id: `t-${seq}`, conversationId: o.conversationId ?? 'c-1', channel: 'webhook', messageId: o.operator ? `operator:alice:${seq}` : `m-${seq}`, userId: 'u-1',
    text: o.operator ? '' : 'text', intents: o.intent ? [{ intent: o.intent, score: 0.9 }] : [], outOfScope: false, inScopeScore: null,
    sentiment: (o.sentiment ?? null) as TurnRecord['sentiment'], entities: (o.entities ?? []) as TurnRecord['entities'], replies: o.replies ?? [],
    latencyMs: null, modelVersion: null, language: null, outcome: null, slotAnswer: false, at: o.at,
  };
}

function conversation(id: string, state: unknown, last: Date): ConversationRecord {
  return { id, channel: 'webhook', userId: 'u-1', ownership: 'bot', state: state as ConversationRecord['state'], version: 1, createdAt: last, updatedAt: last, lastMessageAt: last, ownershipChangedAt: last };
}

/** Two complaints, an angry message and a cancellation, `age` days ago. */
const unhappy = (age: number) => [
  turn({ at: daysAgo(age), intent: 'complaint', sentiment: ANGRY }),
  turn({ at: daysAgo(age), intent: 'complaint' }),
  turn({ at: daysAgo(age), intent: 'cancel_order' }),
];

const insight = (turns: TurnRecord[], extra: { conversations?: ConversationRecord[]; feedback?: FeedbackRecord[] } = {}) =>
  computeCustomerInsight({ userId: 'u-1', conversations: extra.conversations ?? [], turns, feedback: extra.feedback ?? [], now: NOW });

describe('computeCustomerInsight', () => {
  it('flags a customer with recent complaints, anger and a cancellation as high churn risk, strongest reason first', () => {
    const { churn } = insight(unhappy(1));
    expect(churn.level).toBe('high');
    expect(churn.reasons).toEqual(['2 complaints', '1 cancellation request', 'angry in 1 message']);
  });

  it('lets old signals fade: the same history three months ago is low risk with no reasons', () => {
    const { churn } = insight(unhappy(90));
    expect(churn.level).toBe('low');
    expect(churn.reasons).toEqual([]);
    // Half-life: a month-old history weighs less than a fresh one but is not gone.
    expect(insight(unhappy(14)).churn.score).toBeCloseTo(insight(unhappy(0)).churn.score / 2, 5);
  });

  it('counts a handoff nobody answered as unresolved once it is no longer fresh', () => {
    const handoff: Reply = { kind: 'handoff', text: 'A colleague will take over.' };
    expect(insight([turn({ at: daysAgo(1), replies: [handoff] })]).churn.reasons).toEqual(['1 unanswered handoff']);
    expect(insight([turn({ at: daysAgo(1), replies: [handoff] }), turn({ at: daysAgo(0.9), operator: true })]).churn.reasons).toEqual([]);
    expect(insight([turn({ at: new Date(NOW.getTime() - 10 * 60_000), replies: [handoff] })]).churn.reasons).toEqual([]);
  });

  it('collects orders asked about, products of interest (time-weighted) and sentiment over time', () => {
    const turns = [
      turn({ at: daysAgo(30), sentiment: CALM, entities: [{ type: 'product', value: { productId: 'old-lamp', candidates: [] }, raw: 'lamp', confidence: 1 }] }),
      turn({ at: daysAgo(1), sentiment: ANGRY, entities: [{ type: 'order_id', value: 'SM-100200', raw: 'SM-100200', confidence: 1 }, { type: 'product', value: { productId: 'oak-table', candidates: [] }, raw: 'table', confidence: 1 }] }),
      turn({ at: daysAgo(0.5), operator: true }),
    ];
    const conversations = [conversation('c-1', { verifiedOrderIds: ['SM-100300'], viewedProductIds: ['oak-table', 'rug'] }, daysAgo(1))];
    const thumbsDown: FeedbackRecord = { id: 'f-1', turnId: 't-x', replyId: null, conversationId: 'c-1', kind: 'thumbs', value: 'down', at: daysAgo(1) };
    const i = insight(turns, { conversations, feedback: [thumbsDown] });
    expect(i.verifiedOrderIds).toEqual(['SM-100300']);
    expect(i.ordersAskedAbout.sort()).toEqual(['SM-100200', 'SM-100300']);
    expect(i.products.map((p) => p.productId)).toEqual(['oak-table', 'rug', 'old-lamp']);
    expect(i.sentiment.map((s) => [s.score, s.angry])).toEqual([[0.65, false], [-0.85, true]]);
    expect(i.churn.reasons).toContain('1 thumbs-down');
    expect(i.conversations).toEqual([expect.objectContaining({ id: 'c-1', messages: 2, handoffReason: null })]);
  });
});
