import { describe, expect, it } from 'vitest';
import { ShopmateError } from '../../src/core/errors.ts';
import { newConversationState, type ConversationState } from '../../src/dialogue/conversation-state.ts';
import type { DialogueDeps } from '../../src/dialogue/dialogue-deps.ts';
import { respond } from '../../src/dialogue/dialogue-policy.ts';
import { extractEntities } from '../../src/nlu/entities/extract-entities.ts';
import { numberedOrderIds } from '../../src/shop/order-id-format.ts';
import { demoDialogueDeps, nluFor } from '../support/dialogue-deps.ts';

const fresh = (): ConversationState => newConversationState({ id: 'c-safe', userId: 'u', channel: 'memory', language: 'en', now: new Date() });
const all = (replies: unknown) => JSON.stringify(replies);
const down = () => Promise.reject(new ShopmateError('SHOP_UNAVAILABLE', 'shopify: orderCancel failed: no answer within 8000 ms'));

async function say(deps: DialogueDeps, state: ConversationState, text: string, ranking: Array<[string, number]>) {
  const nlu = nluFor(text, ranking);
  nlu.entities = extractEntities(text, { orderIds: deps.orderIds, now: new Date('2026-11-18T10:00:00Z') });
  return respond({ state, deps, nlu });
}

describe('order actions when the shop platform is down', () => {
  it('confirms nothing, says so, offers a person and leaves the team a note', async () => {
    const { deps, orders, notes } = await demoDialogueDeps();
    const state = fresh();
    await say(deps, state, 'please cancel SM-100815', [['cancel_order', 0.95]]);
    await say(deps, state, 'lukas.schneider@example.org', [['cancel_order', 0.3]]);
    expect(state.task?.step).toBe('confirm');
    const broken: DialogueDeps = { ...deps, orders: { ...deps.orders, cancel: down } };
    const replies = await say(broken, state, 'yes', [['affirm', 0.9]]);
    expect(all(replies)).toMatch(/can't reach our order system.*nothing has been changed/);
    expect(all(replies)).toContain('Talk to a person');
    expect(all(replies)).not.toMatch(/Done|is cancelled/);
    expect((await orders.get('SM-100815'))!.status).toBe('pending');
    expect(notes).toEqual([{ conversationId: 'c-safe', orderId: 'SM-100815', text: expect.stringMatching(/cancel order SM-100815.*did not answer.*by hand/) }]);
  });

  it('does not say "nothing changed" when the platform accepted a cancellation it has not confirmed yet', async () => {
    const { deps, notes } = await demoDialogueDeps();
    const state = fresh();
    await say(deps, state, 'please cancel SM-100815', [['cancel_order', 0.95]]);
    await say(deps, state, 'lukas.schneider@example.org', [['cancel_order', 0.3]]);
    const unconfirmed = () => Promise.reject(new ShopmateError('SHOP_UNAVAILABLE', 'shopify: cancel job not finished', { details: { reason: 'cancel-unconfirmed' } }));
    const replies = await say({ ...deps, orders: { ...deps.orders, cancel: unconfirmed } }, state, 'yes', [['affirm', 0.9]]);
    expect(all(replies)).toMatch(/hasn't confirmed it yet.*can't promise/);
    expect(all(replies)).not.toMatch(/nothing has been changed/);
    expect(notes[0]!.text).toMatch(/check whether it was applied/);
  });

  it('answers a lookup the platform cannot make with the same honesty instead of an error', async () => {
    const { deps } = await demoDialogueDeps();
    const broken: DialogueDeps = { ...deps, orders: { ...deps.orders, get: down, verify: down } };
    const state = fresh();
    const replies = await say(broken, state, 'where is my order SM-100648? my email is marco.bianchi@example.org', [['track_order', 0.95]]);
    expect(all(replies)).toMatch(/can't reach our order system/);
    expect(all(replies)).toContain('Talk to a person');
  });

  it('tells the customer when a change needs a person because the platform cannot make it', async () => {
    const { deps } = await demoDialogueDeps();
    const state = fresh();
    await say(deps, state, 'can you switch SM-100822 to express', [['change_order', 0.95]]);
    await say(deps, state, 'tom.verbeek@example.com', [['change_order', 0.3]]);
    expect(state.task?.step).toBe('confirm');
    const unsupported = () => Promise.reject(new ShopmateError('CONFLICT', 'shopify cannot change the shipping method through its API', { details: { reason: 'unsupported' } }));
    const broken: DialogueDeps = { ...deps, orders: { ...deps.orders, changeShippingMethod: unsupported } };
    const replies = await say(broken, state, 'yes', [['affirm', 0.9]]);
    expect(all(replies)).toMatch(/can't make that change.*colleague/);
  });
});

describe('a shop that numbers its orders (#1001)', () => {
  it('asks with its own example and takes a bare number as the answer', async () => {
    const base = await demoDialogueDeps();
    const seen: string[] = [];
    const deps: DialogueDeps = {
      ...base.deps,
      orderIds: numberedOrderIds(),
      orders: { ...base.deps.orders, verify: async (id) => (seen.push(id), false), get: async () => undefined },
    };
    const state = fresh();
    const asked = await say(deps, state, 'where is my order', [['track_order', 0.95]]);
    expect(all(asked)).toContain('It looks like #1001');
    await say(deps, state, '1042', [['track_order', 0.2]]);
    expect(state.task?.slots.orderId).toBe('1042');
    await say(deps, state, 'me@example.com', [['track_order', 0.2]]);
    expect(seen).toEqual(['1042']);
  });
});
