import { InProcessActivityBus } from '../../src/activity/activity-bus.ts';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import type { MemoryOrderBook } from '../../src/shop/demo/memory-order-book.ts';
import { WebOutbox } from '../../src/channels/webhook/web-outbox.ts';
import { WebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/message.ts';
import { HybridKnowledgeBase } from '../../src/knowledge/hybrid-knowledge-base.ts';
import { MemoryRevisionLog } from '../../src/knowledge/memory-revision-log.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { createServer, startServer, type RunningServer } from '../../src/server/index.ts';
import { createAdminRouter, createOperator, type AdminLearning, type LoginLimits } from '../../src/server/admin/index.ts';
import { createMemoryStore, type Store } from '../../src/store/index.ts';
import { fakeBot } from '../channels/fake-bot.ts';
import { harnessDialogueBot } from './harness-dialogue-bot.ts';

export const INTENTS = ['track_order', 'return_item', 'shipping_cost', 'greeting'];
export const PASSWORD = 'correct horse battery';

/** Records calls; promotes every retrain and rolls back through the registry like the real loop would. */
export class FakeLearning implements AdminLearning {
  retrains = 0;
  rollbacks: string[] = [];
  /** The next retrain's gate refuses its candidate. */
  refuseNext = false;
  constructor(private readonly store: Store) {}
  async retrainNow() {
    this.retrains++;
    const version = `intent-test-${this.retrains}`;
    await this.store.models.register({ version, kind: 'intent', metrics: { forcedAccuracy: 0.91, perIntent: { track_order: 0.95 } }, dataSummary: { examples: 120 }, artifactDir: `/tmp/${version}` });
    if (this.refuseNext) {
      this.refuseNext = false;
      const reason = 'refused: overall regression accuracy 93.3 % -> 81.0 %';
      await this.store.models.recordGate(version, { passed: false, reason });
      return { version, promoted: false, reason };
    }
    await this.store.models.recordGate(version, { passed: true, reason: 'no regression' });
    await this.store.models.promote(version);
    return { version, promoted: true, reason: 'no regression' };
  }
  async rollback(version: string) {
    this.rollbacks.push(version);
    await this.store.models.promote(version);
  }
}

export interface Harness {
  url: string;
  store: Store;
  knowledge: HybridKnowledgeBase;
  learning: FakeLearning;
  outbox: WebOutbox;
  delivered: Array<{ conversationId: string; reply: Reply }>;
  logger: ReturnType<typeof memoryLogger>;
  clock: { now: Date };
  activity: InProcessActivityBus;
  /** The demo shop's orders behind the dialogue (`dialogue: true` only). */
  shopOrders?: MemoryOrderBook;
  close(): Promise<void>;
}

/** A real HTTP server (createServer + the web channel + the admin router, mounted like serve.ts) over a memory store. */
/** `widget: true` also serves the demo page and /widget.js (for the browser test). `dialogue: true` answers with the
 * real dialogue, turn log and state store (keyword NLU, demo shop orders) instead of the scripted fake bot. */
/** The proxy on loopback is trusted, so a test can play several client addresses with X-Forwarded-For. */
export async function startHarness(options: { secureCookies?: boolean; widget?: boolean; dialogue?: boolean; loginLimits?: LoginLimits } = {}): Promise<Harness> {
  const clock = { now: new Date('2026-03-10T12:00:00Z') };
  const store = createMemoryStore({ now: () => clock.now });
  const knowledge = await HybridKnowledgeBase.create({ encoder: new HashingEncoder(256), revisionLog: new MemoryRevisionLog(), entries: [
    { kind: 'faq', entry: { id: 'faq-shipping', questions: ['how much is shipping', 'shipping cost', 'delivery fee'], answer: 'Shipping is 4.90 EUR, free from 50 EUR.', tags: [] } },
  ] });
  const learning = new FakeLearning(store);
  const logger = memoryLogger();
  const activity = new InProcessActivityBus(logger);
  const dialogue = options.dialogue ? await harnessDialogueBot({ store, activity, logger, clock: () => clock.now }) : undefined;
  // With the real dialogue, customer turns are stamped by the same clock as operator replies, as in production.
  const now = options.dialogue ? () => clock.now.getTime() : undefined;
  const web = new WebhookChannel({ webhook: { secret: 'admin-test' }, feedback: new MemoryFeedbackSink(), logger, conversations: (id) => store.conversations.get(id), now });
  await web.start((dialogue?.bot ?? fakeBot()).handle);
  const outbox = web.outbox;
  const delivered: Harness['delivered'] = [];
  const deliver = async (conversationId: string, reply: Reply) => {
    delivered.push({ conversationId, reply });
    await outbox.deliver(conversationId, reply);
  };
  const admin = createAdminRouter({ store, knowledge, intents: () => INTENTS, learning, deliver, activity, orders: dialogue?.orders, logger, secureCookies: options.secureCookies ?? false, now: () => clock.now, loginLimits: options.loginLimits });
  const widget = options.widget === true;
  const server = createServer({ logger, channels: [web], staticRoutes: widget ? {} : false, routers: [{ path: '/admin', router: admin }], trustProxy: 'loopback' });
  await createOperator({ store, username: 'alice', password: PASSWORD, role: 'admin' });
  const running: RunningServer = await startServer(server.app, 0, '127.0.0.1');
  return { url: running.url, store, knowledge, learning, outbox, delivered, logger, clock, activity, shopOrders: dialogue?.orders, close: () => running.close() };
}

/** fetch with a cookie jar and no automatic redirects, so tests see 303s and Set-Cookie headers. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';
  /** `address` is sent as X-Forwarded-For (the harness trusts its loopback proxy), to act as another client. */
  constructor(private readonly base: string, private readonly address?: string) {}

  async request(method: string, path: string, body?: { form?: Record<string, string | string[]>; json?: unknown }, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...(this.address ? { 'x-forwarded-for': this.address } : {}), ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (body?.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(body.form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      payload = params.toString();
      h['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body?.json !== undefined) {
      payload = JSON.stringify(body.json);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (/max-age=0/i.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, v!);
    }
    return res;
  }

  get = (path: string) => this.request('GET', path);
  /** Form POST with the session's CSRF token. */
  post = (path: string, form: Record<string, string | string[]> = {}) => this.request('POST', path, { form: { _csrf: this.csrf, ...form } });

  async login(username = 'alice', password = PASSWORD): Promise<Response> {
    const page = await (await this.get('/admin/login')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const res = await this.request('POST', '/admin/login', { form: { _csrf: token, username, password } });
    if (res.status === 303) this.csrf = ((await (await this.get('/admin/api/session')).json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}

/** A conversation with a flagged turn in the middle. */
export async function seedReviewItem(store: Store, options: { conversationId?: string; userId?: string; text?: string; at?: Date } = {}) {
  const conversationId = options.conversationId ?? 'web:conv-1';
  const userId = options.userId ?? 'web:user-1';
  const at = options.at ?? new Date('2026-03-10T10:00:00Z');
  await store.conversations.getOrCreate({ id: conversationId, channel: 'webhook', userId });
  const t = (messageId: string, text: string, ms: number, extra = {}) =>
    store.turns.append({ conversationId, channel: 'webhook', messageId: `${conversationId}-${messageId}`, userId, text, at: new Date(at.getTime() + ms), replies: [{ kind: 'text', text: `bot answer to ${text}` }], ...extra });
  await t('m1', 'hello there', 0, { intents: [{ intent: 'greeting', score: 0.9 }] });
  const { turn } = await t('m2', options.text ?? 'can I get it gift wrapped', 1000, { intents: [{ intent: 'return_item', score: 0.31 }, { intent: 'track_order', score: 0.2 }] });
  await t('m3', 'thanks', 2000, { intents: [{ intent: 'greeting', score: 0.8 }] });
  const item = await store.reviews.enqueue({ turnId: turn.id, reason: 'low_confidence', priority: 50, createdAt: at });
  return { turn, item, conversationId, userId };
}
