import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { chatProxyRouter } from '../../src/channels/webhook/chat-proxy-router.ts';
import { WebOutbox } from '../../src/channels/webhook/web-outbox.ts';
import { WebhookService } from '../../src/channels/webhook/webhook-service.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { errorHandler } from '../../src/server/error-handler.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { fakeBot } from '../channels/fake-bot.ts';

describe('WebOutbox', () => {
  it('returns messages after a cursor and ignores cursors of another process', () => {
    const o = new WebOutbox();
    const a = o.push('c', { kind: 'text', text: 'one' });
    o.push('c', { kind: 'text', text: 'two' });
    expect(o.since('c', undefined).map((m) => m.reply)).toMatchObject([{ text: 'one' }, { text: 'two' }]);
    expect(o.since('c', a.id).map((m) => m.reply)).toMatchObject([{ text: 'two' }]);
    expect(o.since('c', 'deadbeef-1')).toHaveLength(2);
    expect(o.since('other', undefined)).toEqual([]);
  });

  it('is bounded per conversation and in conversations', () => {
    const o = new WebOutbox({ maxPerConversation: 3, maxConversations: 2 });
    for (let i = 0; i < 5; i++) o.push('a', { kind: 'text', text: `a${i}` });
    expect(o.since('a', undefined).map((m) => (m.reply as { text: string }).text)).toEqual(['a2', 'a3', 'a4']);
    o.push('b', { kind: 'text', text: 'b' });
    o.push('c', { kind: 'text', text: 'c' });
    expect(o.since('a', undefined)).toEqual([]);
    expect(o.since('c', undefined)).toHaveLength(1);
  });
});

describe('GET /chat/updates', () => {
  let server: RunningServer;
  const outbox = new WebOutbox();
  beforeAll(async () => {
    const app = express();
    const service = new WebhookService({ bot: fakeBot().handle, feedback: new MemoryFeedbackSink(), logger: silentLogger, webhook: { secret: 's' } });
    app.use(chatProxyRouter({ service, secret: 's', maxBodyBytes: 16_384, outbox }));
    app.use(errorHandler(silentLogger));
    server = await startServer(app, 0, '127.0.0.1');
  });
  afterAll(() => server.close());

  const updates = (conversationId: string, userId: string, after = '') =>
    fetch(`${server.url}/chat/updates?conversationId=${conversationId}&userId=${userId}${after ? `&after=${after}` : ''}`);

  it('serves operator replies only to the user who wrote in the conversation', async () => {
    expect((await updates('conversation-1', 'visitor-a')).status).toBe(404);
    const sent = await fetch(`${server.url}/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: 'message-1', conversationId: 'conversation-1', userId: 'visitor-a', text: 'hello' }) });
    expect(sent.status).toBe(200);
    await outbox.deliver('web:conversation-1', { kind: 'text', text: 'Hi, this is Sam from support' });
    const res = await updates('conversation-1', 'visitor-a');
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: Array<{ id: string; reply: { kind: string; text: string; replyId: string } }> };
    expect(messages).toHaveLength(1);
    expect(messages[0]!.reply).toMatchObject({ kind: 'text', text: 'Hi, this is Sam from support', replyId: expect.stringMatching(/^agent:/) });
    expect(await (await updates('conversation-1', 'visitor-a', messages[0]!.id)).json()).toEqual({ messages: [] });
    expect((await updates('conversation-1', 'visitor-b')).status).toBe(404);
    expect((await updates('bad id!', 'visitor-a')).status).toBe(400);
  });
});
