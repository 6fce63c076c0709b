import { beforeEach, describe, expect, it } from 'vitest';
import { newConversationState, type ConversationState } from '../../src/dialogue/conversation-state.ts';
import type { DialogueDeps } from '../../src/dialogue/dialogue-deps.ts';
import { respond } from '../../src/dialogue/dialogue-policy.ts';
import type { ShopCatalog } from '../../src/shop-catalog.ts';
import { demoDialogueDeps, nluFor } from '../support/dialogue-deps.ts';

let deps: DialogueDeps;
let catalog: ShopCatalog;

beforeEach(async () => {
  ({ deps, catalog } = await demoDialogueDeps());
});

const fresh = (): ConversationState => newConversationState({ id: 'c', userId: 'u', channel: 'memory', language: 'en', now: new Date() });
const say = async (state: ConversationState, text: string, ranking: Array<[string, number]>, outOfScope = false) => {
  const nlu = nluFor(text, ranking, {}, catalog);
  return JSON.stringify(await respond({ state, deps, nlu: { ...nlu, intent: { ...nlu.intent, outOfScope } } }));
};

describe('the product in focus against words that look like another product', () => {
  it('answers a washing-machine question about the rug just shown, never about the espresso machine', async () => {
    const state = fresh();
    const first = await say(state, 'hiya, looking for a rug for my living room, something blue?', [['product_recommendation', 0.9]]);
    expect(first).toMatch(/Wool & Jute Rug/);
    expect(first).not.toMatch(/Duvet/);
    const care = await say(state, 'ok and can it go in the washing machine', [['product_availability', 0.49]], true);
    expect(care).toMatch(/spot clean/);
    expect(care).not.toMatch(/Espresso/);
    expect(state.focus.productId).toBe('P-1109');
  });

  it('answers "how many can i get" with the stock of the product in focus', async () => {
    const state = fresh();
    await say(state, 'how much is the lune armchair', [['product_information', 0.9]]);
    const armchair = catalog.get('P-1048')!;
    expect(await say(state, 'how many can i get', [['delivery_time', 0.4]], true)).toMatch(new RegExp(`up to ${armchair.stock}\\b`));
    expect(await say(state, `can i order ${armchair.stock + 5}`, [['change_order', 0.72]])).toMatch(new RegExp(`not ${armchair.stock + 5}`));
    // Even a classifier sure of an order change: no order named, the armchair in focus.
    expect(await say(state, 'can i order 2', [['change_order', 0.97]])).toMatch(/2 is no problem/);
    expect(state.task).toBeUndefined();
  });

  it('answers a care question about "it" for each of a few products just shown', async () => {
    const state = fresh();
    await say(state, 'searching for a throw for the sofa', [['start_return', 0.45]], true);
    const care = await say(state, 'will it survive the tumble dryer', [['product_information', 0.8]], true);
    expect(care).toMatch(/Wool Throw Blanket.*hand wash/);
    expect(care).toMatch(/Waffle Cotton Bedspread.*machine wash/);
  });

  it('answers a question about "they" for the two products just compared, not as a search', async () => {
    const state = fresh();
    await say(state, 'is there any difference between the morning kettle in cream and the one in sage', [['product_information', 0.9]]);
    const answer = await say(state, 'and how many temperature settings do they have', [['product_information', 0.9]]);
    expect(answer).toMatch(/40, 70, 80, 90, 100/);
    expect(answer).not.toMatch(/Here are our/);
  });
});
