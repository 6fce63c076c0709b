import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryChannel } from '../../../src/channels/memory/memory-channel.ts';
import { replyToText } from '../../../src/core/message.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { buildApp, type App } from '../../../src/main.ts';
import { createMemoryStore } from '../../../src/store/index.ts';
import { prepareTrainedModels } from '../../support/trained-models.ts';
import { FAKE_SHOPIFY_TOKEN, FAKE_SHOPIFY_VERSION, FAKE_SHOPIFY_WEBHOOK_SECRET, FakeShopify } from './fake-shopify.ts';

/** The real app on SHOPMATE_SHOP_PLATFORM=shopify against the fake store: what a customer sees end to end. */
let fake: FakeShopify;
let app: App;
let channel: MemoryChannel;
let turn = 0;

beforeAll(async () => {
  const trained = await prepareTrainedModels();
  fake = await new FakeShopify().start();
  fake.bucket.restoreRate = 1000;
  const config = {
    ...trained,
    shop: {
      ...trained.shop,
      platform: 'shopify' as const,
      http: { timeoutMs: 1000, retries: 1, backoffMs: 10, breakerFailures: 50, breakerCooldownMs: 1000 },
      shopify: { storeUrl: fake.url, accessToken: FAKE_SHOPIFY_TOKEN, apiVersion: FAKE_SHOPIFY_VERSION, webhookSecret: FAKE_SHOPIFY_WEBHOOK_SECRET },
    },
  };
  app = await buildApp({ config, logger: silentLogger, store: createMemoryStore() });
  fake.webhookTarget = (d) => app.shop.webhooks!.receive(d);
  channel = new MemoryChannel();
  await channel.start(app.bot.handle);
});

afterAll(async () => {
  await channel?.stop();
  await app?.close();
  await fake?.close();
});

async function say(conversationId: string, ...lines: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const line of lines) out.push((await channel.say(line, { conversationId, userId: `u-${conversationId}`, messageId: `m-${turn++}` })).map(replyToText).join('\n'));
  return out;
}

it('answers with the price a products/update webhook just set', async () => {
  const [before] = await say('c-price-1', 'how much is the Walnut Bread Bin?');
  expect(before).toMatch(/32[.,]50/);
  await fake.changeProduct(7010, { price: '77.70' });
  // The live catalog applies changes in batches: give it a moment, as the next customer message would.
  await new Promise((r) => setTimeout(r, 300));
  const [after] = await say('c-price-2', 'how much is the Walnut Bread Bin?');
  expect(after).toMatch(/77[.,]70/);
});

it('cancels an open order only after Shopify confirmed it', async () => {
  const replies = await say('c-cancel', 'I want to cancel order #1001', 'ada@example.com', 'yes');
  expect(replies[2]).toMatch(/order #?1001 is cancelled/);
  expect(fake.store.orders.get(5_001_001)!.cancelledAt).not.toBeNull();
});

it('says the order system is unreachable, offers a person and changes nothing when Shopify is down', async () => {
  const replies = await say('c-down', 'I want to cancel order #1006', 'ada@example.com');
  fake.breakDown();
  const [answer] = await say('c-down', 'yes');
  fake.repair();
  expect(answer).toMatch(/can't reach our order system/);
  expect(replies.join('\n')).not.toMatch(/cancelled/);
  expect(fake.store.orders.get(5_001_006)!.cancelledAt).toBeNull();
  const notes = await app.store.notes.listOpen();
  expect(notes.some((n) => n.orderId === '1006' && /did not answer/.test(n.text))).toBe(true);
});
