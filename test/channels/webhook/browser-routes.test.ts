import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './server-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const chat = (body: unknown) => fetch(h.url + '/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ids = { conversationId: 'conv-abcdef12', userId: 'user-abcdef12' };

describe('same-origin chat proxy', () => {
  it('signs on the server, namespaces ids and binds the messageId to the user', async () => {
    const res = await chat({ ...ids, messageId: 'msg-00000001', text: 'where is my order' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversationId: string; messageId: string; replies: Array<{ replyId: string }> };
    expect(body.conversationId).toBe('web:conv-abcdef12');
    expect(body.messageId).toMatch(/^web-[A-Za-z0-9_-]{24}$/);
    expect(body.replies[0]!.replyId).toBe(`webhook:${body.messageId}:0`);
    const other = (await (await chat({ conversationId: 'conv-other123', userId: 'user-other123', messageId: 'msg-00000001', text: 'hi' })).json()) as { messageId: string };
    expect(other.messageId).not.toBe(body.messageId);
  });

  it('rejects ids that could address other channels', async () => {
    const res = await chat({ conversationId: 'discord:123456789', userId: 'user-abcdef12', messageId: 'msg-00000002', text: 'hi' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^conversationId/);
  });

  it('forwards widget feedback to the sink', async () => {
    const res = await fetch(h.url + '/chat/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ids, replyId: 'webhook:web-x:0', kind: 'thumbs', value: 'down' }),
    });
    expect(res.status).toBe(202);
    expect(h.feedback.events).toMatchObject([{ replyId: 'webhook:web-x:0', conversationId: 'web:conv-abcdef12', userId: 'web:user-abcdef12', value: 'down' }]);
  });

  it('applies the per-user rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await chat({ ...ids, messageId: `msg-${String(i).padStart(8, '0')}`, text: 'hi' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('browser assets', () => {
  it('serves the demo page with the widget tag', async () => {
    const res = await fetch(h.url + '/');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<script src="/widget.js" data-endpoint="/chat/messages"');
  });

  it('bundles the widget once and supports revalidation', async () => {
    const res = await fetch(h.url + '/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const code = await res.text();
    expect(code).toContain('shopmate.widget.v1');
    expect(code).not.toMatch(/^\s*import /m);
    const again = await fetch(h.url + '/widget.js', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('generates product placeholder images and 404s unknown ids', async () => {
    const res = await fetch(h.url + '/images/products/lamp-01.svg');
    expect(res.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toContain('>OT<');
    expect(svg).toContain('LIGHTING');
    expect((await fetch(h.url + '/images/products/nope.svg')).status).toBe(404);
    expect((await fetch(h.url + '/images/products/lamp-01.png')).status).toBe(404);
  });

  it('mounts routers added after creation before the 404 handler', async () => {
    const { createServer, startServer } = await import('../../../src/server/index.ts');
    const server = createServer({ logger: h.logger });
    const admin = express.Router();
    admin.get('/ping', (_req, res) => void res.json({ pong: true }));
    server.mount('/admin', admin);
    const running = await startServer(server.app, 0, '127.0.0.1');
    try {
      expect(await (await fetch(running.url + '/admin/ping')).json()).toEqual({ pong: true });
      expect((await fetch(running.url + '/admin/nope')).status).toBe(404);
    } finally {
      await running.close();
    }
  });
});
