import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageHandler } from '../../src/bot.ts';
import type { Channel } from '../../src/channels/channel.ts';
import { ShopmateError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { replyToText, type Reply } from '../../src/core/message.ts';
import { serve, type RunningBot } from '../../src/serve.ts';
import { createServer, startServer } from '../../src/server/index.ts';
import { createOperator } from '../../src/server/admin/index.ts';
import { Client } from '../admin/admin-harness.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';
import { channelContract } from './channel-contract.ts';

/**
 * A channel the code base has never heard of, defined only here: an SMS gateway that posts inbound texts to
 * POST /sms/inbound and gets operator replies "sent to the phone" (recorded). Registering it is the only wiring.
 */
class SmsChannel implements Channel {
  readonly id = 'sms';
  readonly routes: Router = express.Router();
  /** What the gateway sent to phones outside a request (operator replies). */
  readonly phone: Array<{ to: string; text: string }> = [];
  private handle?: MessageHandler;
  private n = 0;

  constructor() {
    this.routes.post('/sms/inbound', express.json(), async (req, res) => {
      const { from, text } = req.body as { from?: unknown; text?: unknown };
      if (typeof from !== 'string' || typeof text !== 'string') throw new ShopmateError('BAD_REQUEST', 'from and text are required');
      if (!this.handle) throw new ShopmateError('UNAVAILABLE', 'sms channel is not running');
      const replies = await this.handle({ messageId: `sms-${++this.n}`, conversationId: `sms:${from}`, userId: `sms:${from}`, channel: this.id, text, receivedAt: new Date() });
      res.json({ messages: replies.map(replyToText) });
    });
  }

  async start(handle: MessageHandler) {
    this.handle = handle;
  }

  async send(conversationId: string, reply: Reply) {
    if (!conversationId.startsWith('sms:')) throw new ShopmateError('BAD_REQUEST', `not an SMS conversation: ${conversationId}`);
    this.phone.push({ to: conversationId.slice('sms:'.length), text: replyToText(reply) });
  }

  async stop() {
    this.handle = undefined;
  }
}

const PHONE = '+31600000001';
const CONVERSATION = `sms:${PHONE}`;
const dir = mkdtempSync(join(tmpdir(), 'shopmate-new-channel-'));
let bot: RunningBot;
const sms = new SmsChannel();

async function text(from: string, body: string): Promise<string[]> {
  const res = await fetch(`${bot.http.url}/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, text: body }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: string[] }).messages;
}

beforeAll(async () => {
  const trained = await prepareTrainedModels();
  const config = {
    ...trained,
    server: { ...trained.server, port: 0, host: '127.0.0.1', webhookSecret: 'new-channel-secret-1234' },
    // SQLite on purpose: the schema must take a channel id it was never told about.
    store: { kind: 'sqlite' as const, path: join(dir, 'shopmate.db') },
  };
  bot = await serve({ config, logger: silentLogger, channels: [() => sms] });
});
afterAll(async () => {
  await bot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a new channel registered through the registry only', () => {
  it('answers through its own route, hands over, reaches the customer with an operator reply and shows up in the dashboard', async () => {
    expect(bot.channels.ids()).toContain('sms');
    expect((await text(PHONE, 'which payment methods do you accept?')).join('\n')).toMatch(/pay/i);
    expect((await text(PHONE, 'I want to talk to a real person')).join('\n')).toMatch(/colleague|person|agent|team/i);
    expect((await bot.app.store.conversations.get(CONVERSATION))?.ownership).toBe('agent');

    await createOperator({ store: bot.app.store, username: 'sam', password: 'a long enough password', role: 'agent' });
    const admin = new Client(bot.http.url);
    expect((await admin.login('sam', 'a long enough password')).status).toBe(303);
    const { items } = (await (await admin.get('/admin/api/handoffs')).json()) as { items: Array<{ conversation: { id: string; channel: string } }> };
    expect(items.map((i) => i.conversation)).toContainEqual(expect.objectContaining({ id: CONVERSATION, channel: 'sms' }));
    const page = await (await admin.get(`/admin/handoffs/${encodeURIComponent(CONVERSATION)}`)).text();
    expect(page).toContain('which payment methods do you accept?');
    expect(page).toMatch(/sms · customer sms:\+31600000001/);

    const sent = await admin.post(`/admin/handoffs/${encodeURIComponent(CONVERSATION)}/reply`, { text: 'Hi, this is Sam from the shop' });
    expect(sent.status).toBe(303);
    expect(sms.phone).toEqual([{ to: PHONE, text: 'Hi, this is Sam from the shop' }]);

    const turns = await bot.app.store.turns.listByConversation(CONVERSATION);
    expect(turns.map((t) => [t.channel, t.text])).toEqual([
      ['sms', 'which payment methods do you accept?'],
      ['sms', 'I want to talk to a real person'],
      ['sms', ''], // the operator's reply, logged after delivery
    ]);
    const analytics = (await (await admin.get('/admin/api/analytics')).json()) as { messages: { channels: Record<string, number[]> } };
    expect(analytics.messages.channels.sms?.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });

  it('fails start-up with the channel\'s error and stops the channels it started when one cannot start', async () => {
    const trained = await prepareTrainedModels();
    const config = { ...trained, server: { ...trained.server, port: 0, host: '127.0.0.1' }, store: { kind: 'memory' as const, path: '' } };
    const stopped: string[] = [];
    const fine = { id: 'fine', start: async () => undefined, send: async () => undefined, stop: async () => void stopped.push('fine') };
    const broken = { id: 'broken', start: async () => { throw new Error('gateway refused the token'); }, send: async () => undefined, stop: async () => void stopped.push('broken') };
    await expect(serve({ config, logger: silentLogger, channels: [() => fine, () => broken] })).rejects.toThrow(/gateway refused the token/);
    expect(stopped).toEqual(['broken', 'fine']);
  });

  it('refuses a malformed request with a clear 400', async () => {
    const res = await fetch(`${bot.http.url}/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from": 1}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });
});

// The same shared contract every built-in channel passes.
channelContract('sms (defined in this test)', async (start) => {
  const channel = new SmsChannel();
  await start(channel);
  const http = await startServer(createServer({ logger: silentLogger, channels: [channel], staticRoutes: false }).app, 0, '127.0.0.1');
  const answers: string[] = [];
  return {
    channel,
    customerSays: async (body) => {
      const res = await fetch(`${http.url}/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: PHONE, text: body }) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      answers.push(...((await res.json()) as { messages: string[] }).messages);
    },
    shown: async () => [...answers, ...channel.phone.map((p) => p.text)].join('\n'),
    foreignConversationId: 'discord:123',
    close: async () => {
      await channel.stop();
      await http.close();
    },
  };
});
