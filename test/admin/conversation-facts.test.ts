import { describe, expect, it } from 'vitest';
import { conversationFacts, handoffReasonLabel, latestSentiment, waitingSince } from '../../src/server/admin/conversation-facts.ts';
import type { ConversationRecord, TurnRecord } from '../../src/store/types.ts';

const T0 = Date.parse('2026-03-10T12:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000);

function conversation(ownership: ConversationRecord['ownership'], handoffAtMin = 0): ConversationRecord {
  return { id: 'c-1', channel: 'webhook', userId: 'u-1', ownership, state: {}, version: 1, createdAt: at(-10), updatedAt: at(handoffAtMin), lastMessageAt: null, ownershipChangedAt: at(handoffAtMin) };
}

function turn(min: number, who: 'customer' | 'operator', sentiment: unknown = null): TurnRecord {
  return {
    id: `t-${min}-${who}`, conversationId: 'c-1', channel: 'webhook', messageId: who === 'operator' ? `operator:alice:${min}` : `m-${min}`, userId: 'u-1',
    text: who === 'operator' ? '' : `message at ${min}`, intents: [], outOfScope: false, inScopeScore: null, sentiment: sentiment as TurnRecord['sentiment'],
    entities: [], replies: [], latencyMs: null, modelVersion: null, language: null, outcome: null, slotAnswer: false, at: at(min),
  };
}

describe('waitingSince', () => {
  it('counts from the handoff while nobody has answered', () => {
    expect(waitingSince(conversation('agent', 1), [turn(0, 'customer'), turn(3, 'customer')])).toEqual(at(1));
  });
  it('resets on an operator reply and starts again at the next customer message', () => {
    const c = conversation('agent', 1);
    expect(waitingSince(c, [turn(0, 'customer'), turn(5, 'operator')])).toBeNull();
    expect(waitingSince(c, [turn(0, 'customer'), turn(5, 'operator'), turn(8, 'customer'), turn(9, 'customer')])).toEqual(at(8));
  });
  it('ignores replies from an earlier handoff and conversations nobody waits in', () => {
    expect(waitingSince(conversation('agent', 20), [turn(5, 'operator'), turn(19, 'customer')])).toEqual(at(20));
    expect(waitingSince(conversation('bot'), [turn(1, 'customer')])).toBeNull();
  });
});

describe('conversationFacts', () => {
  it('reads the handoff reason and verified orders from the saved dialogue state', () => {
    expect(conversationFacts({ handoff: { reason: 'negative_sentiment', at: 'x' }, verifiedOrderIds: ['SM-1', 7], viewedProductIds: ['p-1'] }))
      .toEqual({ handoffReason: 'negative_sentiment', verifiedOrderIds: ['SM-1'], viewedProductIds: ['p-1'] });
    expect(handoffReasonLabel('negative_sentiment')).toBe('angry or upset');
  });
  it('reads an old or odd state as empty instead of failing', () => {
    for (const state of [null, 'x', [], {}, { handoff: 'x', verifiedOrderIds: 'SM-1' }]) {
      expect(conversationFacts(state as never)).toEqual({ handoffReason: null, verifiedOrderIds: [], viewedProductIds: [] });
    }
    expect(handoffReasonLabel(null)).toBe('unknown');
  });
});

describe('latestSentiment', () => {
  it('is the newest customer turn with a sentiment, operator turns skipped', () => {
    const angry = { label: 'negative', scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, angry: true, angerScore: 0.9 };
    const calm = { label: 'positive', scores: { negative: 0.1, neutral: 0.2, positive: 0.7 }, angry: false, angerScore: 0 };
    expect(latestSentiment([turn(1, 'customer', calm), turn(2, 'customer', angry), turn(3, 'operator', calm)])).toEqual({ label: 'negative', score: -0.85, angry: true });
    expect(latestSentiment([turn(1, 'customer')])).toBeNull();
  });
});
