import { MemoryFeedbackSink } from '../../../src/channels/feedback-sink.ts';
import { signWebhookBody } from '../../../src/channels/webhook/signature.ts';
import { WebhookChannel } from '../../../src/channels/webhook/webhook-channel.ts';
import type { WebhookOptions } from '../../../src/channels/webhook/webhook-service.ts';
import type { MessageHandler } from '../../../src/bot.ts';
import { memoryLogger } from '../../../src/core/logger.ts';
import { createServer, startServer, type RunningServer } from '../../../src/server/index.ts';
import { fakeBot, type FakeBot } from '../fake-bot.ts';

export const SECRET = 'test-secret-0123456789';

export interface Harness {
  url: string;
  bot: FakeBot;
  feedback: MemoryFeedbackSink;
  logger: ReturnType<typeof memoryLogger>;
  clock: { ms: number };
  server: RunningServer;
  /** POSTs a JSON body signed with SECRET at the harness clock (override t / body / signature to attack it). */
  post(path: string, body: unknown, options?: { t?: number; signature?: string | null; raw?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(options: { delayMs?: number; webhook?: Partial<WebhookOptions>; bot?: MessageHandler } = {}): Promise<Harness> {
  const bot = fakeBot({ delayMs: options.delayMs });
  const feedback = new MemoryFeedbackSink();
  const logger = memoryLogger();
  const clock = { ms: Date.parse('2026-11-28T12:00:00Z') };
  const web = new WebhookChannel({ webhook: { secret: SECRET, ...options.webhook }, feedback, logger, now: () => clock.ms });
  await web.start(options.bot ?? bot.handle);
  const { app } = createServer({
    logger,
    channels: [web],
    staticRoutes: { productImage: (id) => (id === 'lamp-01' ? { title: 'Oak Table Lamp', category: 'Lighting' } : undefined) },
  });
  const server = await startServer(app, 0, '127.0.0.1');
  const post: Harness['post'] = (path, body, o = {}) => {
    const raw = o.raw ?? JSON.stringify(body);
    const signature = o.signature === undefined ? signWebhookBody(SECRET, raw, o.t ?? Math.floor(clock.ms / 1000)) : o.signature;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-shopmate-signature'] = signature;
    return fetch(server.url + path, { method: 'POST', headers, body: raw });
  };
  return { url: server.url, bot, feedback, logger, clock, server, post, close: () => server.close() };
}

let counter = 0;
export function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return { messageId: `m-${counter}`, conversationId: 'c-1', userId: `u-${counter}`, text: 'hello there', ...overrides };
}
