import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordChannel } from '../../../src/channels/discord/discord-channel.ts';
import { MemoryFeedbackSink } from '../../../src/channels/feedback-sink.ts';
import { memoryLogger } from '../../../src/core/logger.ts';
import { fakeBot, type FakeBot } from '../fake-bot.ts';
import { ALICE, BOT, DM_CHANNEL_ID, FakeDiscord, TEXT_CHANNEL_ID } from './fake-discord.ts';

let discord: FakeDiscord;
let channel: DiscordChannel;
let bot: FakeBot;
let feedback: MemoryFeedbackSink;
const logger = memoryLogger();

beforeAll(async () => {
  discord = new FakeDiscord();
  await discord.start();
  feedback = new MemoryFeedbackSink();
  bot = fakeBot();
  channel = new DiscordChannel({
    token: 'fake-token', logger, feedback, publicBaseUrl: 'https://shop.example',
    clientOptions: { rest: { api: discord.apiUrl }, waitGuildTimeout: 1000 },
  });
  await channel.start(bot.handle);
}, 20_000);

afterAll(async () => {
  await channel?.stop();
  await discord?.stop();
});

beforeEach(() => {
  discord.requests.length = 0;
});

afterEach(() => {
  // A failed REST call is only logged by the channel (it must not crash the client), so surface it here.
  expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
});

const threadPosts = () => discord.posts(/^\/channels\/\d+\/messages\/\d+\/threads$/);
const messagesIn = (channelId: string) => discord.posts(new RegExp(`^/channels/${channelId}/messages$`));
const messagesWith = (content: string) => discord.posts(/^\/channels\/\d+\/messages$/).filter((p) => p.body.content === content);

/** Sends a DM that must be answered and waits for its answer: returns everything posted in the DM so far. */
async function answerTo(text: string) {
  discord.messageCreate({ content: text, dm: true });
  await discord.waitFor(() => messagesWith(`You said: ${text}`)[0]);
  return messagesIn(DM_CHANNEL_ID);
}

describe('DiscordChannel against a fake Discord', () => {
  it('opens a thread for a mention and answers there with text, buttons and embeds', async () => {
    const messageId = discord.messageCreate({ content: 'where is my order', mention: true });
    const thread = await discord.waitFor(() => threadPosts()[0]);
    expect(thread.path).toBe(`/channels/${TEXT_CHANNEL_ID}/messages/${messageId}/threads`);
    const threadId = await discord.waitFor(() => discord.requests.find((r) => /typing$/.test(r.path))?.path.split('/')[2]);
    const posted = await discord.waitFor(() => messagesIn(threadId).length >= 3 && messagesIn(threadId));
    expect(messagesIn(TEXT_CHANNEL_ID)).toHaveLength(0);
    expect(posted[0]!.body.content).toBe('Order NW-1042 shipped yesterday and arrives Friday.');
    const quick = posted[1]!.body.components.flatMap((row: any) => row.components.map((c: any) => c.custom_id));
    expect(quick).toEqual([
      `sm|q|discord:${messageId}:1|track my parcel`,
      `sm|q|discord:${messageId}:1|talk to a person`,
      `sm|t|up|discord:${messageId}:1`,
      `sm|t|down|discord:${messageId}:1`,
    ]);
    expect(posted[2]!.body.embeds[0]).toMatchObject({ title: 'Oak Table Lamp', url: 'https://shop.example/products/lamp-01', thumbnail: { url: 'https://shop.example/images/products/lamp-01.svg' } });
    expect(posted.every((p) => p.body.allowed_mentions?.parse?.length === 0)).toBe(true);
    const turn = await bot.log.findByMessage('discord', messageId);
    expect(turn).toMatchObject({ conversationId: `discord:${threadId}`, userId: `discord:${ALICE.id}`, text: 'where is my order' });
  });

  it('continues a conversation inside its thread without a new mention', async () => {
    discord.messageCreate({ content: 'where is my order', mention: true });
    const threadId = await discord.waitFor(() => discord.requests.find((r) => /typing$/.test(r.path))?.path.split('/')[2]);
    await discord.waitFor(() => messagesIn(threadId).length >= 3);
    const followUp = discord.messageCreate({ content: 'thanks a lot', channelId: threadId });
    await discord.waitFor(() => messagesIn(threadId).find((p) => p.body.content === 'You said: thanks a lot'));
    expect(threadPosts()).toHaveLength(1);
    expect((await bot.log.findByMessage('discord', followUp))?.conversationId).toBe(`discord:${threadId}`);
  });

  it('answers a DM in the DM channel', async () => {
    discord.messageCreate({ content: 'hello from a DM', dm: true });
    const posted = await discord.waitFor(() => messagesIn(DM_CHANNEL_ID)[0]);
    expect(posted.body.content).toBe('You said: hello from a DM');
    expect(threadPosts()).toHaveLength(0);
  });

  it('records a thumbs click as feedback and acknowledges the interaction', async () => {
    const interactionId = discord.buttonClick({ customId: 'sm|t|down|discord:123:1', channelId: DM_CHANNEL_ID });
    const callback = await discord.waitFor(() => discord.posts(/^\/interactions\//)[0]);
    expect(callback.path).toBe(`/interactions/${interactionId}/token-${interactionId}/callback`);
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(feedback.events.at(-1)).toMatchObject({
      replyId: 'discord:123:1', conversationId: `discord:${DM_CHANNEL_ID}`, userId: `discord:${ALICE.id}`, channel: 'discord', kind: 'thumbs', value: 'down',
    });
  });

  it('sends a quick-reply click through the bot like a typed message', async () => {
    const interactionId = discord.buttonClick({ customId: 'sm|q|discord:123:1|track my parcel', channelId: DM_CHANNEL_ID });
    const callback = await discord.waitFor(() => discord.posts(/^\/interactions\//)[0]);
    expect(callback.body).toMatchObject({ type: 6 });
    const posted = await discord.waitFor(() => messagesIn(DM_CHANNEL_ID)[0]);
    expect(posted.body.content).toBe('Tracking: parcel is at the local depot.');
    expect((await bot.log.findByMessage('discord', interactionId))?.text).toBe('track my parcel');
  });

  it('splits a long answer into chunks of at most 2,000 characters', async () => {
    discord.messageCreate({ content: 'give me the long answer', dm: true });
    await discord.waitFor(() => messagesIn(DM_CHANNEL_ID).length >= 3);
    // A fourth chunk would be queued right behind the third, before the bot even reads the next message.
    const posted = (await answerTo('and one more thing')).slice(0, -1);
    const chunks = posted.map((p) => p.body.content as string);
    expect(chunks.length).toBe(3);
    expect(chunks.every((c) => c.length <= 2000)).toBe(true);
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe((await import('../fake-bot.ts')).LONG_TEXT.trim().replace(/\s+/g, ' '));
    expect(posted.at(-1)!.body.components).toHaveLength(1); // thumbs only on the last chunk
  });

  // Each message that must be ignored is followed by one that must be answered, on the same path through the
  // channel (guild mention: a new thread; DM: the DM channel). Discord delivers them in order and the channel handles
  // them in order, so had the first been taken up, its turn and posts would come before the second's answer.
  it('ignores other bots, its own messages and guild messages that do not mention it', async () => {
    const cases = [
      { ignored: { content: 'beep', author: { ...ALICE, id: '100000000000000099', bot: true }, mention: true }, answered: { content: 'a mention after the bot', mention: true } },
      { ignored: { content: 'echo', author: BOT, dm: true }, answered: { content: 'a DM after my own', dm: true } },
      { ignored: { content: 'no mention here' }, answered: { content: 'a mention after no mention', mention: true } },
    ];
    for (const { ignored, answered } of cases) {
      discord.requests.length = 0;
      const before = bot.calls();
      const ignoredId = discord.messageCreate(ignored);
      const answeredId = discord.messageCreate(answered);
      const conversation = await discord.waitFor(() => messagesWith(`You said: ${answered.content}`)[0]?.path.split('/')[2]);
      expect(bot.calls() - before).toBe(1);
      expect(await bot.log.findByMessage('discord', ignoredId)).toBeUndefined();
      expect((await bot.log.findByMessage('discord', answeredId))?.conversationId).toBe(`discord:${conversation}`);
      expect(discord.posts(/\/messages$/).map((p) => p.body.content)).toEqual([`You said: ${answered.content}`]);
      expect(threadPosts()).toHaveLength(answered.mention ? 1 : 0);
    }
  });

  it('posts nothing when the bot returns no replies (agent owns the conversation)', async () => {
    const before = bot.calls();
    discord.messageCreate({ content: 'agent owns this one', dm: true });
    const posted = await answerTo('and now?');
    expect(bot.calls() - before).toBe(2);
    expect(posted.map((p) => p.body.content)).toEqual(['You said: and now?']);
  });

  it('pushes operator replies with send()', async () => {
    await channel.send(`discord:${DM_CHANNEL_ID}`, { kind: 'text', text: 'Hi, this is Sam from support.' });
    expect(messagesIn(DM_CHANNEL_ID)[0]!.body.content).toBe('Hi, this is Sam from support.');
  });

  it('cannot be constructed without a token', () => {
    expect(() => new DiscordChannel({ token: '', logger, feedback })).toThrow(/DISCORD_TOKEN/);
  });
});
