import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { DiscordChannel } from '../../src/channels/discord/discord-channel.ts';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { TerminalChannel } from '../../src/channels/terminal/terminal-channel.ts';
import { WebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { replyToText, type Reply } from '../../src/core/message.ts';
import { createServer, startServer } from '../../src/server/index.ts';
import { channelContract } from './channel-contract.ts';
import { DM_CHANNEL_ID, FakeDiscord } from './discord/fake-discord.ts';

channelContract('memory', async (start) => {
  const channel = new MemoryChannel();
  await start(channel);
  return {
    channel,
    customerSays: async (text) => void (await channel.say(text, { conversationId: 'conv-contract' })),
    shown: async () => (channel.sent.get('conv-contract') ?? []).map(replyToText).join('\n'),
    foreignConversationId: 'discord:123',
    close: async () => channel.stop(),
  };
});

channelContract('terminal', async (start) => {
  const input = new PassThrough();
  let output = '';
  const channel = new TerminalChannel({
    io: { out: (t) => void (output += t), lines: () => createInterface({ input })[Symbol.asyncIterator]() },
    userId: 'u-terminal',
    conversationId: 'terminal-contract',
    format: 'text',
  });
  // The terminal reads until its input ends: running, not awaited.
  const running = start(channel);
  return {
    channel,
    customerSays: async (text) => void input.write(`${text}\n`),
    shown: async () => output,
    foreignConversationId: 'web:someone-else',
    close: async () => {
      input.end();
      await running;
    },
  };
});

channelContract('webhook', async (start) => {
  const conversations = new Map<string, { channel: string; userId: string }>();
  const channel = new WebhookChannel({ webhook: { secret: 'contract-secret-123456' }, feedback: new MemoryFeedbackSink(), logger: silentLogger, conversations: async (id) => conversations.get(id) ?? null });
  await start(channel);
  const http = await startServer(createServer({ logger: silentLogger, channels: [channel], staticRoutes: false }).app, 0, '127.0.0.1');
  const answers: Reply[] = [];
  let n = 0;
  const ids = { conversationId: 'contract-conversation', userId: 'contract-visitor' };
  return {
    channel,
    // The widget's path: the same-origin proxy answers in the response, operator replies arrive by polling.
    customerSays: async (text) => {
      const res = await fetch(`${http.url}/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...ids, messageId: `contract-message-${++n}`, text }) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      answers.push(...((await res.json()) as { replies: Reply[] }).replies);
    },
    shown: async () => {
      const res = await fetch(`${http.url}/chat/updates?conversationId=${ids.conversationId}&userId=${ids.userId}`);
      const pushed = res.ok ? ((await res.json()) as { messages: Array<{ reply: Reply }> }).messages.map((m) => m.reply) : [];
      return [...answers, ...pushed].map(replyToText).join('\n');
    },
    foreignConversationId: 'discord:123',
    close: async () => {
      await channel.stop();
      await http.close();
    },
  };
});

channelContract('discord', async (start) => {
  const discord = new FakeDiscord();
  await discord.start();
  const channel = new DiscordChannel({ token: 'fake-token', logger: silentLogger, feedback: new MemoryFeedbackSink(), clientOptions: { rest: { api: discord.apiUrl }, waitGuildTimeout: 1000 } });
  await start(channel);
  return {
    channel,
    customerSays: async (text) => void discord.messageCreate({ content: text, dm: true }),
    shown: async () => discord.posts(new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`)).map(({ body }) => [
      body.content ?? '',
      ...(body.embeds ?? []).flatMap((e: { title?: string; description?: string }) => [e.title ?? '', e.description ?? '']),
      ...(body.components ?? []).flatMap((row: { components: Array<{ label?: string }> }) => row.components.map((c) => c.label ?? '')),
    ].join('\n')).join('\n'),
    foreignConversationId: 'web:someone-else',
    close: async () => {
      await channel.stop();
      await discord.stop();
    },
  };
});
