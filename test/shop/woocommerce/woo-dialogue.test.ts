import { afterEach, describe, expect, it } from 'vitest';
import { newConversationState, type ConversationState } from '../../../src/dialogue/conversation-state.ts';
import type { DialogueDeps } from '../../../src/dialogue/dialogue-deps.ts';
import { respond } from '../../../src/dialogue/dialogue-policy.ts';
import { extractEntities } from '../../../src/nlu/entities/extract-entities.ts';
import { demoDialogueDeps, nluFor } from '../../support/dialogue-deps.ts';
import { startWoo } from './woo-test-setup.ts';

let env: Awaited<ReturnType<typeof startWoo>>;
afterEach(async () => env?.close());

/** The real dialogue policy over the WooCommerce connector and its fake (intents given, as a trained model would). */
async function wooDialogue() {
  env = await startWoo();
  const base = await demoDialogueDeps({ now: new Date('2026-12-02T10:00:00Z') });
  const deps: DialogueDeps = { ...base.deps, orders: env.platform.orders, orderIds: env.platform.orderIds, profile: { ...base.deps.profile, ...env.platform.rules } };
  const state: ConversationState = newConversationState({ id: 'c-woo', userId: 'u', channel: 'memory', language: 'en', now: new Date() });
  const say = async (text: string, ranking: Array<[string, number]>) => {
    const nlu = nluFor(text, ranking);
    nlu.entities = extractEntities(text, { orderIds: deps.orderIds, now: new Date('2026-12-02T10:00:00Z') });
    return JSON.stringify(await respond({ state, deps, nlu }));
  };
  return { say, notes: base.notes };
}

describe('the dialogue on a WooCommerce shop', () => {
  it('answers where an order is from WooCommerce, after checking the billing email', async () => {
    const { say } = await wooDialogue();
    await say('where is my order #1203?', [['track_order', 0.95]]);
    const reply = await say('ada@example.org', [['track_order', 0.3]]);
    expect(reply).toMatch(/1203/);
    expect(reply).toMatch(/is delivered.*postnl, tracking number 3SABCD1234567/);
  });

  it('cancels an order only once WooCommerce did, and says so', async () => {
    const { say } = await wooDialogue();
    await say('please cancel order 1201', [['cancel_order', 0.95]]);
    await say('ada@example.org', [['cancel_order', 0.3]]);
    const reply = await say('yes', [['affirm', 0.9]]);
    expect(env.fake.orders.get(1201)!.status).toBe('cancelled');
    expect(reply).toMatch(/cancel/i);
  });

  it('when WooCommerce is down: nothing confirmed, a person offered, a note for the team', async () => {
    const { say, notes } = await wooDialogue();
    await say('please cancel order 1201', [['cancel_order', 0.95]]);
    await say('ada@example.org', [['cancel_order', 0.3]]);
    env.fake.setDown(true);
    const reply = await say('yes', [['affirm', 0.9]]);
    expect(reply).toMatch(/can't reach our order system/);
    expect(reply).toContain('Talk to a person');
    expect(env.fake.orders.get(1201)!.status).toBe('processing');
    expect(notes).toEqual([expect.objectContaining({ orderId: '1201' })]);
  });
});
