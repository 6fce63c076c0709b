import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { replyToText, type Reply } from '../../src/core/message.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildApp, type App } from '../../src/main.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

/**
 * Scripted multi-turn conversations through the whole pipeline (real encoder, trained models, demo shop) on the
 * in-memory channel. Each test uses its own conversation id; the app is shared.
 */
let app: App;
let channel: MemoryChannel;

beforeAll(async () => {
  app = await buildApp({ config: await prepareTrainedModels(), logger: silentLogger, store: createMemoryStore() });
  channel = new MemoryChannel();
  await channel.start(app.bot.handle);
});

const all = (replies: Reply[]) => replies.map(replyToText).join('\n');
const say = (conversationId: string, text: string) => channel.say(text, { conversationId, userId: `u-${conversationId}` });

describe('order status', () => {
  it('asks for the order id and the email, verifies both, then shows status and tracking', async () => {
    expect(all(await say('status-ok', 'where is my order?'))).toMatch(/order number/i);
    expect(all(await say('status-ok', 'it is SM-100648'))).toMatch(/email/i);
    const answer = all(await say('status-ok', 'marco.bianchi@example.org'));
    expect(answer).toMatch(/SM-100648.*shipped/);
    expect(answer).toMatch(/tracking number/i);
  });

  it('reveals nothing when the email does not match the order', async () => {
    await say('status-bad', 'can you track my package');
    await say('status-bad', 'SM-100648');
    const answer = all(await say('status-bad', 'someone.else@example.com'));
    expect(answer).toMatch(/could not find an order with that order number and email/i);
    expect(answer).not.toMatch(/shipped|tracking number|DHL|PostNL/i);
    const state = await app.states.load('status-bad');
    expect(state?.verifiedOrderIds).toEqual([]);
  });
});

describe('returns', () => {
  it('refuses a return outside the return window and gives the policy reason', async () => {
    await say('return-late', 'Return an item from my order SM-100344');
    const answer = all(await say('return-late', 'tom.verbeek@example.com'));
    expect(answer).toMatch(/can't open a return/i);
    expect(answer).toMatch(/return window is 30 days from delivery/i);
    expect((await app.orders.returnsFor('SM-100344')).length).toBe(0);
  });
});

describe('cancel order', () => {
  it('cancels only after an explicit confirmation', async () => {
    await say('cancel', 'please cancel my order');
    await say('cancel', 'SM-100815');
    const question = all(await say('cancel', 'lukas.schneider@example.org'));
    expect(question).toMatch(/do you want me to cancel it/i);
    expect((await app.orders.get('SM-100815'))?.status).toBe('pending');
    expect(all(await say('cancel', 'yes'))).toMatch(/cancelled/);
    expect((await app.orders.get('SM-100815'))?.status).toBe('cancelled');
  });

  it('keeps the order when the customer says no', async () => {
    await say('cancel-no', 'cancel order SM-100822');
    await say('cancel-no', 'tom.verbeek@example.com');
    expect(all(await say('cancel-no', 'no, keep it'))).toMatch(/stays as it is/);
    expect((await app.orders.get('SM-100822'))?.status).toBe('pending');
  });
});

describe('handoff', () => {
  it('hands an angry customer to a person, then acknowledges their next message once instead of staying silent', async () => {
    const replies = await say('angry', 'This is absolutely ridiculous!!! Third time my order is late, I am furious, worst service ever');
    expect(replies.some((r) => r.kind === 'handoff')).toBe(true);
    expect((await app.states.load('angry'))?.ownership).toBe('agent');
    expect(all(await say('angry', 'hello? where is my order'))).toMatch(/added that to your conversation|team/);
    expect(await say('angry', 'anyone there')).toEqual([]);
  });

  it('hands over on an explicit request', async () => {
    const replies = await say('human', 'I want to speak to a real person please');
    expect(replies[0]?.kind).toBe('handoff');
  });
});

describe('understanding limits', () => {
  it('declines an out-of-scope question and offers what it can do', async () => {
    const replies = await say('oos', 'what is the capital of mongolia');
    expect(all(replies)).toMatch(/can only help with/i);
    expect(replies[0]?.kind).toBe('quick_replies');
  });

  it('offers a human after repeated misunderstandings', async () => {
    await say('oos-twice', 'who won the football match yesterday');
    const second = await say('oos-twice', 'who is the president of france');
    expect(all(second)).toMatch(/talk to a person/i);
  });
});

describe('recommendations and products', () => {
  it('recommends in-stock products only', async () => {
    const replies = await say('recs', 'can you recommend something nice for my kitchen');
    const cards = replies.flatMap((r) => (r.kind === 'product_cards' ? r.products : []));
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(app.catalog.get(c.productId)?.stock).toBeGreaterThan(0);
  });

  it('answers an FAQ question from the knowledge base with its source', async () => {
    const answer = all(await say('faq', 'which payment methods do you accept?'));
    expect(answer).toMatch(/PayPal|Klarna|card/i);
    expect(answer).toMatch(/Source:/);
  });
});
