import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { TerminalChannel } from '../../src/channels/terminal/terminal-channel.ts';
import { WebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/message.ts';
import { buildApp, type App } from '../../src/main.ts';
import { createServer, startServer, type RunningServer } from '../../src/server/index.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

/**
 * One pipeline for all channels: the same customer message through the terminal channel, the signed webhook and a
 * Discord-shaped message gets the same answer, and every channel's turn is logged with the same record shape.
 */
const SECRET = 'same-pipeline-secret-123456';
const QUESTION = 'which payment methods do you accept?';
let app: App;
let http: RunningServer;

beforeAll(async () => {
  app = await buildApp({ config: await prepareTrainedModels(), logger: silentLogger, store: createMemoryStore() });
  const web = new WebhookChannel({ webhook: { secret: SECRET }, feedback: new MemoryFeedbackSink(), logger: silentLogger });
  await web.start(app.bot.handle);
  const server = createServer({ logger: silentLogger, channels: [web] });
  http = await startServer(server.app, 0, '127.0.0.1');
});
afterAll(async () => http?.close());

async function viaTerminal(): Promise<Reply[]> {
  let printed = '';
  const channel = new TerminalChannel({
    io: { out: (t) => void (printed += t), lines: async function* () { yield QUESTION; } },
    userId: 'u-terminal',
    conversationId: 'c-terminal',
    format: 'json',
  });
  await channel.start(app.bot.handle);
  return JSON.parse(printed.trim()).replies;
}

async function viaWebhook(): Promise<Reply[]> {
  const body = JSON.stringify({ messageId: 'w-1', conversationId: 'c-webhook', userId: 'u-webhook', text: QUESTION });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  const res = await fetch(`${http.url}/v1/messages`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shopmate-signature': `t=${t},v1=${v1}` } });
  const json = (await res.json()) as { replies: Array<Reply & { replyId: string }> };
  return json.replies.map(({ replyId: _id, ...r }) => r as Reply);
}

async function viaDiscordShape(): Promise<Reply[]> {
  return app.bot.handle({ messageId: 'd-1', conversationId: 'discord:thread-1', userId: 'discord:42', channel: 'discord', text: QUESTION, receivedAt: new Date() });
}

describe('one pipeline for every channel', () => {
  it('gives the same answer and logs the same record shape', async () => {
    const [terminal, webhook, discord] = [await viaTerminal(), await viaWebhook(), await viaDiscordShape()];
    expect(terminal.length).toBeGreaterThan(0);
    expect(webhook).toEqual(terminal);
    expect(discord).toEqual(terminal);
    const turns = await app.store.turns.list();
    const byChannel = new Map(turns.map((t) => [t.channel, t]));
    expect([...byChannel.keys()].sort()).toEqual(['discord', 'terminal', 'webhook']);
    const shapes = [...byChannel.values()].map((t) => Object.keys(t).sort().join(','));
    expect(new Set(shapes).size).toBe(1);
    for (const t of byChannel.values()) expect(t.intents[0]?.intent).toBe(turns[0].intents[0]?.intent);
  });
});
