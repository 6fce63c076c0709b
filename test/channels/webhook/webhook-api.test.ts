import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../../src/channels/webhook/signature.ts';
import { message, SECRET, startHarness, type Harness } from './server-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function expectError(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error.message;
}

describe('POST /v1/messages', () => {
  it('answers a validly signed message with reply ids', async () => {
    const res = await h.post('/v1/messages', message({ messageId: 'abc', conversationId: 'conv-9', text: 'where is my order' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: Array<{ replyId: string; kind: string }>; conversationId: string; messageId: string };
    expect(body.conversationId).toBe('conv-9');
    expect(body.messageId).toBe('abc');
    expect(body.replies.map((r) => [r.replyId, r.kind])).toEqual([
      ['webhook:abc:0', 'text'],
      ['webhook:abc:1', 'quick_replies'],
      ['webhook:abc:2', 'product_cards'],
    ]);
  });

  it('rejects a wrong signature, a missing one, an expired or future one and a tampered body with 401', async () => {
    const body = message();
    const raw = JSON.stringify(body);
    const now = Math.floor(h.clock.ms / 1000);
    const cases = [
      await h.post('/v1/messages', body, { signature: signWebhookBody('not-the-secret', raw, now) }),
      await h.post('/v1/messages', body, { signature: null }),
      await h.post('/v1/messages', body, { signature: 'garbage' }),
      await h.post('/v1/messages', body, { t: now - 301 }),
      await h.post('/v1/messages', body, { t: now + 301 }),
      await h.post('/v1/messages', body, { signature: signWebhookBody(SECRET, raw, now), raw: raw.replace('hello', 'hellO') }),
    ];
    for (const res of cases) await expectError(res, 401, 'UNAUTHORIZED');
    expect(h.bot.calls()).toBe(0);
  });

  it('accepts a timestamp inside the tolerance window', async () => {
    const res = await h.post('/v1/messages', message(), { t: Math.floor(h.clock.ms / 1000) - 299 });
    expect(res.status).toBe(200);
  });

  it('rejects bodies over the size limit with 413', async () => {
    const res = await h.post('/v1/messages', message({ text: 'x'.repeat(17 * 1024) }));
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('names the offending field on schema errors', async () => {
    expect(await expectError(await h.post('/v1/messages', message({ userId: undefined })), 400, 'BAD_REQUEST')).toMatch(/^userId/);
    expect(await expectError(await h.post('/v1/messages', message({ text: 42 })), 400, 'BAD_REQUEST')).toMatch(/^text/);
    expect(await expectError(await h.post('/v1/messages', null, { raw: '{not json' }), 400, 'BAD_REQUEST')).toMatch(/JSON/);
  });

  it('answers a retried messageId with the same replies and runs the bot once', async () => {
    const body = message({ messageId: 'retry-1', text: 'where is my order' });
    const first = await (await h.post('/v1/messages', body)).json();
    const second = await (await h.post('/v1/messages', body)).json();
    expect(second).toEqual(first);
    expect(h.bot.calls()).toBe(1);
  });

  it('returns 429 with Retry-After once a user exceeds the per-minute budget, and recovers', async () => {
    const hh = await startHarness({ webhook: { rateLimit: { perUserPerMinute: 3 } } });
    try {
      for (let i = 0; i < 3; i++) expect((await hh.post('/v1/messages', message({ userId: 'greedy' }))).status).toBe(200);
      const limited = await hh.post('/v1/messages', message({ userId: 'greedy' }));
      await expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBe(20);
      expect((await hh.post('/v1/messages', message({ userId: 'someone-else' }))).status).toBe(200);
      hh.clock.ms += 20_000;
      expect((await hh.post('/v1/messages', message({ userId: 'greedy' }))).status).toBe(200);
    } finally {
      await hh.close();
    }
  });

  it('answers a retry of an accepted message with its reply even when the user is over the limit', async () => {
    const hh = await startHarness({ webhook: { rateLimit: { perUserPerMinute: 2 } } });
    try {
      const first = message({ userId: 'busy' });
      const answered = await hh.post('/v1/messages', first);
      expect((await hh.post('/v1/messages', message({ userId: 'busy' }))).status).toBe(200);
      await expectError(await hh.post('/v1/messages', message({ userId: 'busy' })), 429, 'RATE_LIMITED');
      const retry = await hh.post('/v1/messages', first);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual(await answered.json());
    } finally {
      await hh.close();
    }
  });
});

describe('concurrent retries', () => {
  it('runs the bot once for two concurrent requests with the same messageId', async () => {
    const slow = await startHarness({ delayMs: 150 });
    try {
      const body = message({ messageId: 'dup-1', text: 'where is my order' });
      const [a, b] = await Promise.all([slow.post('/v1/messages', body), slow.post('/v1/messages', body)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await b.json()).toEqual(await a.json());
      expect(slow.bot.calls()).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('refuses the same in-flight messageId from another user with 409', async () => {
    const slow = await startHarness({ delayMs: 150 });
    try {
      const [a, b] = await Promise.all([
        slow.post('/v1/messages', message({ messageId: 'dup-2', userId: 'alice' })),
        slow.post('/v1/messages', message({ messageId: 'dup-2', userId: 'mallory' })),
      ]);
      expect(a.status).toBe(200);
      await expectError(b, 409, 'CONFLICT');
    } finally {
      await slow.close();
    }
  });
});

describe('POST /v1/feedback', () => {
  const base = { replyId: 'webhook:abc:0', conversationId: 'conv-9', userId: 'u-1' };

  it('records thumbs, ratings and corrections in the sink', async () => {
    for (const fb of [{ kind: 'thumbs', value: 'down' }, { kind: 'rating', value: 4 }, { kind: 'correction', value: 'It shipped on Monday' }]) {
      const res = await h.post('/v1/feedback', { ...base, ...fb });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ ok: true });
    }
    expect(h.feedback.events.map((e) => [e.kind, e.value, e.channel, e.replyId])).toEqual([
      ['thumbs', 'down', 'webhook', 'webhook:abc:0'],
      ['rating', 4, 'webhook', 'webhook:abc:0'],
      ['correction', 'It shipped on Monday', 'webhook', 'webhook:abc:0'],
    ]);
    expect(h.feedback.events[0]!.at.toISOString()).toBe('2026-11-28T12:00:00.000Z');
  });

  it('validates kind and value, naming the field', async () => {
    expect(await expectError(await h.post('/v1/feedback', { ...base, kind: 'rating', value: 6 }), 400, 'BAD_REQUEST')).toMatch(/^value/);
    expect(await expectError(await h.post('/v1/feedback', { ...base, kind: 'thumbs', value: 'sideways' }), 400, 'BAD_REQUEST')).toMatch(/^value/);
    expect(await expectError(await h.post('/v1/feedback', { ...base, kind: 'stars', value: 1 }), 400, 'BAD_REQUEST')).toMatch(/^kind/);
    expect(await expectError(await h.post('/v1/feedback', { ...base, replyId: '', kind: 'thumbs', value: 'up' }), 400, 'BAD_REQUEST')).toMatch(/^replyId/);
    expect(h.feedback.events).toHaveLength(0);
  });

  it('requires a signature', async () => {
    await expectError(await h.post('/v1/feedback', { ...base, kind: 'thumbs', value: 'up' }, { signature: null }), 401, 'UNAUTHORIZED');
  });
});

describe('other routes', () => {
  it('serves /healthz', async () => {
    const res = await fetch(h.url + '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers unknown routes with 404 JSON', async () => {
    await expectError(await fetch(h.url + '/nope'), 404, 'NOT_FOUND');
    await expectError(await fetch(h.url + '/v1/messages'), 404, 'NOT_FOUND');
  });

  it('maps unexpected failures to a generic 500 and logs the cause', async () => {
    const broken = await startHarness({ bot: async () => { throw new Error('db exploded'); } });
    try {
      const msg = await expectError(await broken.post('/v1/messages', message()), 500, 'INTERNAL');
      expect(msg).not.toMatch(/exploded/);
      expect(broken.logger.lines.some((l) => l.level === 'error' && String(l.error).includes('db exploded'))).toBe(true);
    } finally {
      await broken.close();
    }
  });

  it('answers a body that is not the gzip it claims and an undecodable path with 400, logged below error', async () => {
    const raw = JSON.stringify(message());
    const res = await fetch(h.url + '/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-shopmate-signature': signWebhookBody(SECRET, raw, Math.floor(h.clock.ms / 1000)) }, body: raw });
    await expectError(res, 400, 'BAD_REQUEST');
    await expectError(await fetch(h.url + '/images/products/%ZZ.svg'), 400, 'BAD_REQUEST');
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
