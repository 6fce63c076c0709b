import { describe, expect, it } from 'vitest';
import { newConversationState, type ConversationState } from '../../src/dialogue/conversation-state.ts';
import { DEFAULT_DIALOGUE_SETTINGS, type DialogueDeps } from '../../src/dialogue/dialogue-deps.ts';
import { respond } from '../../src/dialogue/dialogue-policy.ts';
import { MemoryOrderBook } from '../../src/dialogue/order-book.ts';
import type { ShopProfile } from '../../src/knowledge/types.ts';
import type { NluResult } from '../../src/nlu/nlu-result.ts';

const profile: ShopProfile = {
  name: 'Test Shop', currency: 'EUR', language: 'en', returnWindowDays: 30, cancellableStatuses: ['pending'],
  changeableStatuses: ['pending'], freeShippingThreshold: 50, supportEmail: 'help@test.example', supportPhone: '+1', hours: 'Mon-Fri 9-17',
};

function deps(): DialogueDeps {
  return {
    profile,
    knowledge: { search: async () => [] },
    recommender: { recommend: async () => [] },
    catalog: { get: () => undefined, find: async () => [] },
    orders: new MemoryOrderBook({ orders: [], cancellableStatuses: ['pending'], changeableStatuses: ['pending'] }),
    shopUrl: '',
    handoffs: { waitingCount: async () => 2 },
    clock: () => new Date('2026-11-20T12:00:00Z'),
    settings: DEFAULT_DIALOGUE_SETTINGS,
  };
}

function nlu(text: string, ranking: Array<[string, number]>, extra: Partial<NluResult> = {}): NluResult {
  return {
    text,
    intent: { ranking: ranking.map(([intent, score]) => ({ intent, score })), outOfScope: false, inScopeScore: 0.9 },
    sentiment: { label: 'neutral', scores: { negative: 0.1, neutral: 0.8, positive: 0.1 }, angry: false, angerScore: 0 },
    entities: [],
    modelVersions: { intent: 't', sentiment: 't' },
    ...extra,
  };
}

const fresh = (): ConversationState => newConversationState({ id: 'c', userId: 'u', channel: 'memory', language: 'en', now: new Date() });

describe('dialogue policy', () => {
  it('asks a clarifying question offering the top intents when confidence is low', async () => {
    const replies = await respond({ state: fresh(), deps: deps(), nlu: nlu('refund thing', [['refund_status', 0.3], ['get_refund', 0.28], ['return_policy', 0.2], ['greeting', 0.1]]) });
    expect(replies[0].kind).toBe('quick_replies');
    if (replies[0].kind !== 'quick_replies') return;
    expect(replies[0].options.map((o) => o.label)).toEqual(['Where is my refund?', 'I want a refund', 'What is your return policy?']);
  });

  it('offers a human after two misunderstood turns and hands over on the third', async () => {
    const state = fresh();
    const low = () => nlu('hmm', [['invoice', 0.2], ['warranty', 0.19]]);
    await respond({ state, deps: deps(), nlu: low() });
    const second = await respond({ state, deps: deps(), nlu: low() });
    expect(JSON.stringify(second)).toContain('Talk to a person');
    const third = await respond({ state, deps: deps(), nlu: low() });
    expect(third[0].kind).toBe('handoff');
    expect(state.ownership).toBe('agent');
  });

  it('stays silent while an agent owns the conversation and reopens a closed one', async () => {
    const state = fresh();
    state.ownership = 'agent';
    expect(await respond({ state, deps: deps(), nlu: nlu('hello', [['greeting', 0.99]]) })).toEqual([]);
    state.ownership = 'closed';
    const replies = await respond({ state, deps: deps(), nlu: nlu('hello', [['greeting', 0.99]]) });
    expect(replies.length).toBeGreaterThan(0);
    expect(state.ownership).toBe('bot');
  });

  it('treats a clicked quick reply label as its intent whatever the classifier says', async () => {
    const replies = await respond({ state: fresh(), deps: deps(), nlu: nlu('Talk to a person', [['complaint', 0.5]]) });
    expect(replies[0].kind).toBe('handoff');
    if (replies[0].kind === 'handoff') expect(replies[0].queuePosition).toBe(3);
  });

  it('hands over on anger even in the middle of a task', async () => {
    const state = fresh();
    state.task = { name: 'order_status', step: 'ask_order', slots: {}, attempts: 0 };
    const angry = nlu('this is a joke', [['complaint', 0.6]], {
      sentiment: { label: 'negative', scores: { negative: 0.95, neutral: 0.03, positive: 0.02 }, angry: true, angerScore: 0.9 },
    });
    expect((await respond({ state, deps: deps(), nlu: angry }))[0].kind).toBe('handoff');
    expect(state.task).toBeUndefined();
  });

  it('lets a confident new request interrupt a task, and "never mind" abort it', async () => {
    const state = fresh();
    state.task = { name: 'order_status', step: 'ask_order', slots: {}, attempts: 0 };
    await respond({ state, deps: deps(), nlu: nlu('hi there', [['greeting', 0.95]]) });
    expect(state.task).toBeUndefined();
    state.task = { name: 'cancel_order', step: 'ask_order', slots: {}, attempts: 0 };
    const replies = await respond({ state, deps: deps(), nlu: nlu('never mind', [['cancel_order', 0.5]]) });
    expect(state.task).toBeUndefined();
    expect(JSON.stringify(replies)).toMatch(/stopped/);
  });
});
