import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, seedReviewItem, startHarness, type Harness } from './admin-harness.ts';

/** An open Server-Sent Events stream of the activity bus, read as the browser's EventSource would. */
async function openStream(h: Harness, client: Client) {
  const events: EventSourceMessage[] = [];
  const waiters: Array<() => void> = [];
  const abort = new AbortController();
  const res = await fetch(`${h.url}/admin/api/handoffs/events`, {
    headers: { accept: 'text/event-stream', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    signal: abort.signal,
  });
  const parser = createParser({ onEvent: (e) => (events.push(e), waiters.splice(0).forEach((w) => w())) });
  const reading = (async () => {
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parser.feed(decoder.decode(r.value, { stream: true }));
  })().catch(() => undefined);
  /** Resolves with the first event (from `from` on) that matches; the test's timeout bounds the wait. */
  const next = async (match: (e: EventSourceMessage) => boolean, from = 0): Promise<EventSourceMessage> => {
    for (;;) {
      const found = events.slice(from).find(match);
      if (found) return found;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { res, events, next, close: async () => (abort.abort(), await reading) };
}

describe('live handoff inbox over HTTP', () => {
  let h: Harness;
  let op: Client;
  let stream: Awaited<ReturnType<typeof openStream>> | undefined;

  beforeAll(async () => {
    h = await startHarness({ dialogue: true });
    op = new Client(h.url);
    await op.login();
  }, 60_000);
  afterEach(async () => {
    await stream?.close();
    stream = undefined;
  });
  afterAll(async () => h?.close());

  const say = async (conversationId: string, userId: string, text: string) => {
    const res = await fetch(`${h.url}/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: `m-${Math.random().toString(36).slice(2)}`, conversationId, userId, text }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { replies: Array<{ kind: string; text: string }> };
  };
  const inbox = async () => ((await (await op.get('/admin/api/handoffs')).json()) as { items: Array<Record<string, any>> }).items;
  const minutes = (n: number) => void (h.clock.now = new Date(h.clock.now.getTime() + n * 60_000));

  it('refuses the stream without a session', async () => {
    const res = await fetch(`${h.url}/admin/api/handoffs/events`, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(401);
  });

  it('streams a handoff and each new customer message; waiting resets on an operator reply', async () => {
    stream = await openStream(h, op);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get('content-security-policy')).toContain("default-src 'self'");

    const handoff = await say('conv-live-1', 'user-live-1', 'I want to talk to a person');
    expect(handoff.replies[0]!.kind).toBe('handoff');
    const turn = await stream.next((e) => e.event === 'turn');
    expect(JSON.parse(turn.data)).toMatchObject({ type: 'turn', conversationId: 'web:conv-live-1', userId: 'web:user-live-1' });
    expect(JSON.parse((await stream.next((e) => e.event === 'handoff')).data)).toMatchObject({ conversationId: 'web:conv-live-1' });
    // Events carry ids and times only: the customer's words never travel on the bus.
    expect(stream.events.map((e) => e.data).join(' ')).not.toContain('person');

    let [item] = await inbox();
    expect(item).toMatchObject({ reason: 'requested', awaitingReplySeconds: 0, customer: { userId: 'web:user-live-1', verifiedOrderIds: [], emails: [] } });
    minutes(6);
    expect((await inbox())[0]).toMatchObject({ awaitingReplySeconds: 360 });

    const seen = stream.events.length;
    await say('conv-live-1', 'user-live-1', 'this is unacceptable, I am furious');
    await stream.next((e) => e.event === 'turn', seen);
    [item] = await inbox();
    expect(item).toMatchObject({ awaitingReplySeconds: 360, sentiment: { label: 'negative', angry: true }, lastTurn: { text: 'this is unacceptable, I am furious' } });

    const beforeReply = stream.events.length;
    const reply = await op.post('/admin/handoffs/web%3Aconv-live-1/reply', { text: 'Sorry about that, Sam here. Let me look.' });
    expect(reply.status).toBe(303);
    expect(JSON.parse((await stream.next((e) => e.event === 'operator_reply', beforeReply)).data)).toMatchObject({ conversationId: 'web:conv-live-1', operator: 'alice' });
    expect((await inbox())[0]).toMatchObject({ awaitingReplySince: null, awaitingReplySeconds: null, waitingSeconds: 360 });

    minutes(2);
    const beforeAnswer = stream.events.length;
    await say('conv-live-1', 'user-live-1', 'thanks, it is order SM-100235');
    await stream.next((e) => e.event === 'turn', beforeAnswer);
    minutes(1);
    expect((await inbox())[0]).toMatchObject({ awaitingReplySeconds: 60 });
    const page = await (await op.get('/admin/handoffs/web%3Aconv-live-1?partial=1')).text();
    expect(page).toContain('thanks, it is order SM-100235');
    expect(page).toContain('waiting 1 min');
    expect(page).not.toContain('<html');

    // A live re-fetch landing between a form's redirect and its page leaves the flash for the page.
    expect((await op.post('/admin/handoffs/web%3Aconv-live-1/reply', { text: 'One moment please.' })).status).toBe(303);
    expect(await (await op.get('/admin/handoffs/web%3Aconv-live-1?partial=1')).text()).not.toContain('Reply sent');
    expect(await (await op.get('/admin/handoffs/web%3Aconv-live-1')).text()).toContain('Reply sent to the customer');
  }, 30_000);

  it('shows the email of a verified order, read from the shop and never stored', async () => {
    await say('conv-verified', 'user-verified', 'can I talk to a human please');
    const [order] = await h.shopOrders!.all();
    const conversation = (await h.store.conversations.get('web:conv-verified'))!;
    // What the dialogue keeps after the customer proved order id + email: the id only.
    await h.store.conversations.update(conversation.id, { state: { ...(conversation.state as object), verifiedOrderIds: [order!.id] } });
    const item = (await inbox()).find((i) => i.conversation.id === 'web:conv-verified')!;
    expect(item.customer).toEqual({ userId: 'web:user-verified', verifiedOrderIds: [order!.id], emails: [order!.email.toLowerCase()] });
    expect(JSON.stringify(await h.store.privacy.exportCustomer('web:user-verified')).toLowerCase()).not.toContain(order!.email.toLowerCase());
    const page = await (await op.get('/admin/handoffs')).text();
    expect(page).toContain(order!.email.toLowerCase());
    expect(page).toContain('asked for a person');
  });

  it('shows a customer page: conversations, orders asked about, sentiment over time, churn risk with reasons', async () => {
    // Runs after the conversation above: the customer was angry and asked about an order.
    const api = (await (await op.get('/admin/api/customers/web%3Auser-live-1')).json()) as Record<string, any>;
    expect(api.conversations).toEqual([expect.objectContaining({ id: 'web:conv-live-1', ownership: 'agent', handoffReason: 'requested', messages: 3 })]);
    expect(api.ordersAskedAbout).toEqual(['SM-100235']);
    expect(api.sentiment).toHaveLength(3);
    expect(api.churn.reasons).toContain('angry in 1 message');
    const page = await (await op.get('/admin/customers/web%3Auser-live-1')).text();
    expect(page).toContain('data-sentiment-points="3"');
    expect(page).toContain(`data-churn="${api.churn.level}"`);
    expect(page).toContain('href="/admin/handoffs/web%3Aconv-live-1"');
    // The inbox row links to it.
    expect(await (await op.get('/admin/handoffs')).text()).toContain('href="/admin/customers/web%3Auser-live-1"');
    // Review items show the same flag, linking to the same page.
    const { item } = await seedReviewItem(h.store, { conversationId: 'web:conv-review-1', userId: 'web:user-live-1' });
    const review = await (await op.get('/admin/review')).text();
    const card = review.slice(review.indexOf(`data-review-item="${item.id}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toMatch(new RegExp(`href="/admin/customers/web%3Auser-live-1">customer</a> <span class="badge [a-z]+" data-churn="${api.churn.level}"`));
    // A customer without history is an empty page, not an error.
    const empty = await op.get('/admin/customers/nobody');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('churn risk low');
  });

  it('ends open streams when the server closes', async () => {
    const other = await startHarness({ dialogue: true });
    const client = new Client(other.url);
    await client.login();
    const s = await openStream(other, client);
    expect(other.activity.size).toBe(1);
    // Without ending the stream, close would wait for it for ever (and then for the keep-alive timeout).
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await s.close();
    expect(other.activity.size).toBe(0);
  }, 30_000);
});
