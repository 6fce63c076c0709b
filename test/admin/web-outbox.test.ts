import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { chatProxyRouter } from '../../src/channels/webhook/chat-proxy-router.ts';
import { MemoryOutboxQueue, WebOutbox } from '../../src/channels/webhook/web-outbox.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataVault } from '../../src/privacy/data-vault.ts';
import { StoreOutboxQueue } from '../../src/server/store-outbox-queue.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { WebhookService } from '../../src/channels/webhook/webhook-service.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { errorHandler } from '../../src/server/error-handler.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { fakeBot } from '../channels/fake-bot.ts';

describe('WebOutbox', () => {
  it('returns messages after a cursor and ignores cursors of another process', async () => {
    const o = new WebOutbox();
    const a = await o.push('c', { kind: 'text', text: 'one' });
    await o.push('c', { kind: 'text', text: 'two' });
    expect((await o.since('c', undefined)).map((m) => m.reply)).toMatchObject([{ text: 'one' }, { text: 'two' }]);
    expect((await o.since('c', a.id)).map((m) => m.reply)).toMatchObject([{ text: 'two' }]);
    expect(await o.since('c', 'deadbeef-1')).toHaveLength(2);
    expect(await o.since('other', undefined)).toEqual([]);
  });

  it('is bounded per conversation and in conversations in memory', async () => {
    const o = new WebOutbox({ queue: new MemoryOutboxQueue({ maxPerConversation: 3, maxConversations: 2 }) });
    for (let i = 0; i < 5; i++) await o.push('a', { kind: 'text', text: `a${i}` });
    expect((await o.since('a', undefined)).map((m) => (m.reply as { text: string }).text)).toEqual(['a2', 'a3', 'a4']);
    await o.push('b', { kind: 'text', text: 'b' });
    await o.push('c', { kind: 'text', text: 'c' });
    expect(await o.since('a', undefined)).toEqual([]);
    expect(await o.since('c', undefined)).toHaveLength(1);
  });

  it('hands a reply queued on one instance to a widget polling another, sealed in the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopmate-outbox-'));
    const store = await openSqliteStore({ path: join(dir, 'shopmate.db') });
    try {
      await store.conversations.getOrCreate({ id: 'web:c-1', channel: 'webhook', userId: 'web:u-1' });
      const vault = new DataVault(randomBytes(32));
      const instance = () => new WebOutbox({ queue: new StoreOutboxQueue({ store: store.outbox, sealer: vault, logger: silentLogger }) });
      const [a, b] = [instance(), instance()];
      const first = await a.push('web:c-1', { kind: 'text', text: 'Hi Johanna, call me at 06 1234 5678' });
      expect((await b.since('web:c-1', undefined)).map((m) => m.reply)).toEqual([{ kind: 'text', text: 'Hi Johanna, call me at 06 1234 5678', replyId: `agent:${first.id}` }]);
      await a.push('web:c-1', { kind: 'text', text: 'second' });
      expect((await b.since('web:c-1', first.id)).map((m) => (m.reply as { text: string }).text)).toEqual(['second']);
      expect(readFileSync(join(dir, 'shopmate.db')).includes('Johanna')).toBe(false);
      await expect(a.push('web:unknown', { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await store.privacy.deleteCustomer('web:u-1');
      expect(await b.since('web:c-1', undefined)).toEqual([]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
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
