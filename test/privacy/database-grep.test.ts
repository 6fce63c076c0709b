import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { replyIdFor } from '../../src/channels/feedback-sink.ts';
import { replyToText, type Reply } from '../../src/core/message.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildApp, type App } from '../../src/main.ts';
import { CustomerInsights } from '../../src/server/admin/customer-insights.ts';
import { HandoffInbox } from '../../src/server/admin/handoff-inbox.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

/**
 * The whole promise in one check: after a scripted conversation full of personal data (typed by the customer, echoed
 * by the bot from an order, given in feedback, quoted by an operator), the database file holds none of it in clear,
 * also while a task is still running.
 */
const SEEDED = [
  'Johanna', 'Vermeulen', '123-4567', '987-6543', '123-45-6789', // what the customer says about herself
  'lukas.schneider', 'Lukas', 'Schneider', 'Brüsseler', '50674', // the order's customer, echoed by the bot
  'Kerkstraat', '1017 GC', // the new address, held by the running task
  '4111 1111', '4111111111111111', 'NL91', 'ABNA 0417', // card and IBAN
  'johanna.v@example.net', '9876 5432', // feedback and an operator reply
];

let dir: string;
let app: App;
let channel: MemoryChannel;
const conversationId = 'privacy-1';
const userId = 'u-privacy';

function databaseText(): string {
  return ['shopmate.db', 'shopmate.db-wal', 'shopmate.db-journal']
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('utf8'))
    .join('\n')
    .toLowerCase();
}

const inClear = () => {
  const text = databaseText();
  return SEEDED.filter((s) => text.includes(s.toLowerCase()));
};

const all = (replies: Reply[]) => replies.map(replyToText).join('\n');
const say = (text: string) => channel.say(text, { conversationId, userId });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopmate-privacy-'));
  const trained = await prepareTrainedModels();
  const config = { ...trained, privacy: { ...trained.privacy, dataKey: randomBytes(32).toString('hex') } };
  app = await buildApp({ config, logger: silentLogger, store: await openSqliteStore({ path: join(dir, 'shopmate.db') }) });
  channel = new MemoryChannel();
  await channel.start(app.bot.handle);
});

afterAll(async () => {
  await app?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('no personal data in the database file', () => {
  it('holds none while a task is running and none after the conversation, feedback and an operator reply', async () => {
    await say('hi, my name is Johanna Vermeulen, you can reach me on (555) 123-4567 or 555-987-6543, ssn 123-45-6789');
    await say('I want to change the delivery address of my order SM-100815');
    const echoed = all(await say('lukas.schneider@example.org'));
    expect(echoed).toMatch(/Brüsseler Straße 18/); // the bot does show the customer their address
    const confirm = all(await say('Kerkstraat 77, 1017 GC Amsterdam'));
    expect(confirm).toMatch(/Kerkstraat 77/);
    expect(inClear()).toEqual([]); // the running task keeps the new address only sealed

    const done = await say('yes');
    expect(all(done)).toMatch(/Kerkstraat 77/);
    expect((await app.orders.get('SM-100815'))?.shippingAddress).toMatch(/Kerkstraat 77/);
    await say('btw my card is 4111 1111 1111 1111 and refunds go to NL91 ABNA 0417 1643 00');
    const turn = (await app.store.turns.listByConversation(conversationId)).at(-1)!;
    await app.feedback.record({ replyId: replyIdFor('memory', turn.messageId, 0), conversationId, userId, channel: 'memory', kind: 'correction', value: 'no, mail johanna.v@example.net instead', at: new Date() });

    await say('I want to talk to a real person please');
    expect((await app.store.conversations.get(conversationId))?.ownership).toBe('agent');
    const delivered: Reply[] = [];
    const clock = () => new Date();
    const insights = new CustomerInsights({ store: app.store, orders: app.orders, clock });
    const inbox = new HandoffInbox({ store: app.store, insights, activity: app.activity, deliver: async (_c, r) => void delivered.push(r), logger: silentLogger, clock });
    await inbox.reply(conversationId, 'Hi Johanna, I will call you on 06 9876 5432 in a minute', 'op-1');
    expect(all(delivered)).toContain('06 9876 5432'); // the customer gets it as typed

    expect((await app.store.turns.listByConversation(conversationId)).length).toBeGreaterThanOrEqual(7);
    expect(inClear()).toEqual([]);
    await app.store.close(); // checkpoints the WAL into the file
    expect(inClear()).toEqual([]);
  });
});
