/**
 * Two bot instances on one PostgreSQL (and one shared data dir, as two containers with a shared volume), behind no
 * proxy: each request picks its instance by hand. They must behave as one bot. Skipped, saying why, only when no
 * PostgreSQL binary exists.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { serve, type RunningBot } from '../../src/serve.ts';
import { createOperator } from '../../src/server/admin/index.ts';
import { Client } from '../admin/admin-harness.ts';
import { postgresUnavailableReason, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

const unavailable = postgresUnavailableReason();
let pg: ThrowawayPostgres | undefined;
let a: RunningBot;
let b: RunningBot;
const dir = mkdtempSync(join(tmpdir(), 'shopmate-two-'));

beforeAll(async () => {
  if (unavailable) return;
  pg = await startThrowawayPostgres();
  const trained = await prepareTrainedModels();
  // A copy of the fixture data dir: promotions write into it, and the fixture is shared by other test files.
  cpSync(trained.dataDir, join(dir, 'data'), { recursive: true });
  const config = {
    ...trained,
    dataDir: join(dir, 'data'),
    server: { ...trained.server, port: 0, host: '127.0.0.1', rateLimitPerMinute: 6 },
    store: { kind: 'postgres' as const, path: join(dir, 'unused.db'), databaseUrl: await pg.createDatabase('two_instances') },
    privacy: { ...trained.privacy, dataKey: 'k'.repeat(64).replace(/k/g, 'a') },
  };
  a = await serve({ config, logger: silentLogger });
  b = await serve({ config, logger: silentLogger });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function chat(bot: RunningBot, text: string, ids = { conversationId: 'two-conv-1', userId: 'two-visitor-1' }): Promise<string> {
  const res = await fetch(`${bot.http.url}/chat/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: `two-message-${++n}`, ...ids, text }),
  });
  expect(res.status).toBe(200);
  return JSON.stringify(((await res.json()) as { replies: unknown[] }).replies);
}

describe.skipIf(unavailable !== null)(`two instances on one PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('continue one conversation across instances: the order number on A, the email on B', async () => {
    expect(await chat(a, 'where is my order SM-100648?')).toMatch(/email/i);
    const answer = await chat(b, 'marco.bianchi@example.org');
    expect(answer).toMatch(/SM-100648/);
    expect(answer).toMatch(/shipped|on its way|in transit/i);
  });

  it('deliver an operator reply sent on A to a widget polling B, with one sign-in valid on both', async () => {
    const ids = { conversationId: 'two-conv-2', userId: 'two-visitor-2' };
    await chat(b, 'I want to talk to a real person', ids);
    await createOperator({ store: a.app.store, username: 'riley', password: 'a long enough password', role: 'agent' });
    const operator = new Client(a.http.url);
    expect((await operator.login('riley', 'a long enough password')).status).toBe(303);
    const onB = new Client(b.http.url);
    for (const [k, v] of operator.cookies) onB.cookies.set(k, v);
    expect((await onB.get('/admin/api/handoffs')).status).toBe(200); // the session lives in the database
    const sent = await operator.post(`/admin/handoffs/${encodeURIComponent('web:two-conv-2')}/reply`, { text: 'Riley here, I can help with that' });
    expect(sent.status).toBe(303);
    const updates = await fetch(`${b.http.url}/chat/updates?conversationId=two-conv-2&userId=two-visitor-2`);
    expect(((await updates.json()) as { messages: Array<{ reply: { text: string } }> }).messages.map((m) => m.reply.text)).toEqual(['Riley here, I can help with that']);
  });

  it('serve on B, well within a second, the model version promoted on A', async () => {
    const serving = (await a.app.store.models.getServing('intent')) ?? { artifactDir: join(dir, 'data', 'models', 'intent', a.app.intents.current().version) };
    const copy = join(dir, 'data', 'models', 'intent', 'intent-promoted-on-a');
    cpSync(serving.artifactDir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { version: string };
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, version: 'intent-promoted-on-a' }));
    await a.app.store.models.register({ version: 'intent-promoted-on-a', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: copy });
    await a.app.store.models.recordGate('intent-promoted-on-a', { passed: true, reason: 'two-instance test' });
    const promoted = performance.now();
    await a.app.store.models.promote('intent-promoted-on-a');
    const deadline = Date.now() + 5000;
    while (b.app.intents.current().version !== 'intent-promoted-on-a' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const delayMs = performance.now() - promoted;
    console.log(`two instances: promotion on A served by B after ${delayMs.toFixed(0)} ms (signal, registry read and artifact load)`);
    expect(b.app.intents.current().version).toBe('intent-promoted-on-a');
    // The safety poll runs every 10 s on PostgreSQL: only the signal gets it here in time.
    expect(delayMs).toBeLessThan(1000);
  });

  it('share the sign-in throttle: five failures for one account, spread over A and B, lock it on both', async () => {
    const [onA, onB] = [new Client(a.http.url), new Client(b.http.url)];
    const statuses: number[] = [];
    for (const client of [onA, onB, onA, onB, onA, onB, onA]) statuses.push((await client.login('shared-throttle', 'not the password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('show a handoff made on A live in the inbox of an operator signed in on B (SSE)', async () => {
    await createOperator({ store: a.app.store, username: 'sasha', password: 'another long password', role: 'agent' });
    const operator = new Client(b.http.url);
    expect((await operator.login('sasha', 'another long password')).status).toBe(303);
    const cookie = [...operator.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const stream = new AbortController();
    const res = await fetch(`${b.http.url}/admin/api/handoffs/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: stream.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const seen = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        text += new TextDecoder().decode(value);
        if (text.includes(`"type":"handoff","conversationId":"web:two-conv-live"`)) return true;
      }
    })();
    const asked = performance.now();
    await chat(a, 'I want to talk to a real person', { conversationId: 'two-conv-live', userId: 'two-visitor-live' });
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000));
    const found = await Promise.race([seen, timeout]);
    console.log(`two instances: handoff on A reached B's inbox stream ${(performance.now() - asked).toFixed(0)} ms after the message was sent`);
    stream.abort();
    await seen.catch(() => undefined);
    expect(found, text).toBe(true);
  });

  it('share one message limit per customer: six a minute in all, wherever they land', async () => {
    const ids = { conversationId: 'two-conv-limit', userId: 'two-visitor-limit' };
    const send = (bot: RunningBot) => fetch(`${bot.http.url}/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: `two-limit-${++n}`, ...ids, text: 'hello' }),
    });
    const statuses: number[] = [];
    for (const bot of [a, b, a, b, a, b, a, b]) statuses.push((await send(bot)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it('let only one instance retrain at a time', async () => {
    // A holds the retrain lease (as while it trains): B's run, on demand or scheduled, does not start.
    expect(await a.app.store.leases.tryAcquire('retrain', 'instance-a-test', 60_000)).toBe(true);
    await expect(b.learning.runOnce({ reason: 'test' })).rejects.toMatchObject({ code: 'CONFLICT', details: { lease: 'retrain' } });
    expect(b.learning.isRunning).toBe(false);
    await a.app.store.leases.release('retrain', 'instance-a-test');
  });
});
