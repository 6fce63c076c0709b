import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { replyToText, type Reply } from '../../src/core/message.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { FaqCatalog } from '../../src/knowledge/faq-catalog.ts';
import { buildApp, type App } from '../../src/main.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

/**
 * FAQ fold-in: an entry an operator adds answers its question and a paraphrase at once, in conversations already
 * running, whether it came through this process (dashboard) or another one sharing the store (`shopmate faq add`).
 */
let app: App;
let knowledgeDir: string;
let channel: MemoryChannel;
const all = (replies: Reply[]) => replies.map(replyToText).join('\n');
const say = (conversationId: string, text: string) => channel.say(text, { conversationId, userId: `u-${conversationId}` });
const DOGS = 'Dogs on a lead are welcome in our Utrecht showroom; there is a water bowl by the entrance.';

beforeAll(async () => {
  const config = await prepareTrainedModels();
  knowledgeDir = config.knowledgeDir;
  app = await buildApp({ config, logger: silentLogger, store: createMemoryStore() });
  channel = new MemoryChannel();
  await channel.start(app.bot.handle);
});

describe('operator FAQ entries answer at once', () => {
  it('answers the question and a paraphrase in a conversation that was already running, added through the shared store', async () => {
    expect(all(await say('running', 'hi there'))).not.toContain(DOGS);
    const before = all(await say('running', 'are pets allowed in your store in utrecht'));
    expect(before).not.toContain(DOGS);
    // Another process (shopmate faq add) appends the revision; this server picks it up with its knowledge sync.
    await new FaqCatalog({ store: app.store, knowledgeDir }).add({ question: 'Can I bring my dog into the Utrecht showroom?', answer: DOGS, author: 'cli:test' });
    expect(await app.knowledge.syncRevisions()).toBe(1);
    expect(all(await say('running', 'Can I bring my dog into the Utrecht showroom?'))).toContain(DOGS);
    expect(all(await say('running', 'are pets allowed in your store in utrecht'))).toContain(DOGS);
    expect(all(await say('other', 'is it ok to bring my puppy to the shop'))).toContain(DOGS);
    // Unrelated questions keep their own answers.
    expect(all(await say('other', 'where is your showroom'))).toMatch(/Kanaalweg/);
    expect(all(await say('other', 'where is my order'))).toMatch(/order number/i);
  });
});
