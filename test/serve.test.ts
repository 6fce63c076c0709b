import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/core/logger.ts';
import { serve, type RunningBot } from '../src/serve.ts';
import { createOperator } from '../src/server/admin/index.ts';
import { Client } from './admin/admin-harness.ts';
import { prepareTrainedModels } from './support/trained-models.ts';

const SECRET = 'test-secret-0123456789abcdef';
let bot: RunningBot;

function signed(body: unknown): { body: string; headers: Record<string, string> } {
  const raw = JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${raw}`).digest('hex');
  return { body: raw, headers: { 'content-type': 'application/json', 'x-shopmate-signature': `t=${t},v1=${v1}` } };
}

async function post(path: string, payload: unknown) {
  const res = await fetch(`${bot.http.url}${path}`, { method: 'POST', ...signed(payload) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  const trained = await prepareTrainedModels();
  const config = {
    ...trained,
    server: { ...trained.server, port: 0, host: '127.0.0.1', webhookSecret: SECRET },
    store: { kind: 'memory' as const, path: '' },
    // Served as in production: the encoder on a worker thread (one: the tests share two cores).
    nlu: { ...trained.nlu, encoderWorkers: 1 },
  };
  bot = await serve({ config, logger: silentLogger });
});
afterAll(async () => void (stopped || (await bot?.stop())));
let stopped = false;

describe('serve: the real pipeline behind the signed webhook', () => {
  it('answers a signed message, logs the turn once and replays a retry', async () => {
    const msg = { messageId: 'w-1', conversationId: 'web-c1', userId: 'web-u1', text: 'which payment methods do you accept?' };
    const first = await post('/v1/messages', msg);
    expect(first.status).toBe(200);
    expect(first.json.replies[0].replyId).toBe('webhook:w-1:0');
    expect(first.json.replies[0].text).toMatch(/Source:/);
    const retry = await post('/v1/messages', msg);
    expect(retry.json.replies).toEqual(first.json.replies);
    expect(await bot.app.store.turns.listByConversation('web-c1')).toHaveLength(1);
  });

  it('queues out-of-scope turns and thumbs-down feedback for operator review', async () => {
    await post('/v1/messages', { messageId: 'w-2', conversationId: 'web-c2', userId: 'web-u2', text: 'what is the capital of mongolia' });
    const fb = await post('/v1/feedback', { replyId: 'webhook:w-2:0', conversationId: 'web-c2', userId: 'web-u2', kind: 'thumbs', value: 'down' });
    expect(fb.status).toBeLessThan(300);
    const open = await bot.app.store.reviews.listOpen();
    const reasons = open.items.map((i) => i.reason);
    expect(reasons).toContain('out_of_scope');
    expect(reasons).toContain('thumbs_down');
    expect(open.items[0].reason).toBe('thumbs_down');
  });

  it('refuses feedback on a reply that belongs to another customer', async () => {
    const fb = await post('/v1/feedback', { replyId: 'webhook:w-1:0', conversationId: 'web-c1', userId: 'someone-else', kind: 'thumbs', value: 'up' });
    expect(fb.status).toBe(404);
    expect(fb.json.error.code).toBe('NOT_FOUND');
  });

  it('mounts the operator dashboard behind a login', async () => {
    const res = await fetch(`${bot.http.url}/admin`, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/\/admin\/login/);
    const api = await fetch(`${bot.http.url}/admin/api/review`);
    expect(api.status).toBe(401);
  });

  it('delivers an operator reply from the dashboard to the web widget, and only to its visitor', async () => {
    const chat = (text: string, messageId: string) => fetch(`${bot.http.url}/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId, conversationId: 'visitor-conv-1', userId: 'visitor-0001', text }),
    });
    expect((await chat('I want to talk to a real person', 'visitor-msg-1')).status).toBe(200);
    expect((await bot.app.store.conversations.get('web:visitor-conv-1'))?.ownership).toBe('agent');
    await createOperator({ store: bot.app.store, username: 'dana', password: 'a long enough password', role: 'agent' });
    const admin = new Client(bot.http.url);
    await admin.login('dana', 'a long enough password');
    expect((await admin.post(`/admin/handoffs/${encodeURIComponent('web:visitor-conv-1')}/reply`, { text: 'Dana here, how can I help?' })).status).toBe(303);
    const updates = await fetch(`${bot.http.url}/chat/updates?conversationId=visitor-conv-1&userId=visitor-0001`);
    expect(((await updates.json()) as { messages: Array<{ reply: { text: string } }> }).messages.map((m) => m.reply.text)).toEqual(['Dana here, how can I help?']);
    expect((await fetch(`${bot.http.url}/chat/updates?conversationId=visitor-conv-1&userId=visitor-0002`)).status).toBe(404);
  });

  it('serves the demo page and product images', async () => {
    const page = await fetch(`${bot.http.url}/`);
    const html = await page.text();
    expect(html).toContain('Northwind Home &#38; Living');
    expect(html).toContain('on orders from 50 EUR');
    const img = await fetch(`${bot.http.url}/images/products/P-1001.svg`);
    expect(img.headers.get('content-type')).toMatch(/svg/);
  });

  it('stops cleanly: the encoder\'s worker threads end with the server', async () => {
    await bot.stop();
    stopped = true;
    await expect(bot.app.encoder.embed(['a sentence nobody embedded before stop'])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
