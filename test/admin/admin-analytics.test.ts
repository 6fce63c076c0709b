import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/store/index.ts';
import { Client, startHarness, type Harness } from './admin-harness.ts';

type Seed = { intent?: string; score?: number; oos?: boolean; handoff?: boolean; sentiment?: number; model?: string; at: Date; channel?: 'webhook' | 'discord'; text?: string; products?: string[]; replies?: Reply[] };
const product = (productId: string) => ({ type: 'product', value: { productId, candidates: [] }, raw: productId, start: 0, end: 1, confidence: 0.9 });
const card = (productId: string, inStock: boolean): Reply => ({ kind: 'product_cards', products: [{ productId, title: productId, price: 10, currency: 'EUR', image: '', url: '', inStock }] });

describe('admin analytics', () => {
  let h: Harness;
  let c: Client;
  beforeEach(async () => {
    h = await startHarness(); // the clock says 2026-03-10T12:00Z
    c = new Client(h.url);
    await c.login();
  });
  afterEach(() => h.close());

  const conv = async (id: string, turns: Seed[]) => {
    const channel = turns[0]!.channel ?? 'webhook';
    await h.store.conversations.getOrCreate({ id, channel, userId: `u-${id}` });
    const out = [];
    for (const [i, t] of turns.entries()) {
      out.push((await h.store.turns.append({
        conversationId: id, channel, messageId: `${id}-${i}`, userId: `u-${id}`, text: t.text ?? 'x', at: t.at,
        intents: t.intent ? [{ intent: t.intent, score: t.score ?? 0.9 }] : [], outOfScope: t.oos ?? false, modelVersion: t.model ?? 'v1',
        sentiment: t.sentiment === undefined ? null : { label: 'neutral', scores: { positive: Math.max(0, t.sentiment), negative: Math.max(0, -t.sentiment), neutral: 0 }, angry: false, angerScore: 0 },
        entities: (t.products ?? []).map(product),
        replies: t.replies ?? [t.handoff ? { kind: 'handoff', text: 'A person will help' } : { kind: 'text', text: 'ok' }],
      })).turn);
    }
    return out;
  };
  const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 2, d, hour));
  const json = async (path: string) => {
    const res = await c.get(path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  it('aggregates one day of data by hour, over the span of the data, with feedback and per model version', async () => {
    const a = await conv('a', [{ intent: 'track_order', score: 0.95, sentiment: 0.5, at: day(9) }, { intent: 'track_order', score: 0.85, sentiment: -0.5, at: day(9) }]);
    const b = await conv('b', [{ intent: 'return_item', score: 0.42, at: day(10), model: 'v2', channel: 'discord' }, { intent: 'oos', score: 0.15, oos: true, handoff: true, at: day(10), model: 'v2', channel: 'discord' }]);
    await h.store.feedback.add({ turnId: a[0]!.id, kind: 'thumbs', value: 'up' });
    await h.store.feedback.add({ turnId: a[1]!.id, kind: 'thumbs', value: 'up' });
    await h.store.feedback.add({ turnId: b[0]!.id, kind: 'thumbs', value: 'down' });
    await h.store.feedback.add({ turnId: b[0]!.id, kind: 'rating', value: 5 });
    await h.store.feedback.add({ turnId: a[0]!.id, kind: 'rating', value: 2 });
    const x = await json('/admin/api/analytics?days=7');
    expect(x.range).toEqual({ from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', days: 7 });
    // 24 hours of data: hourly buckets from the first turn's hour to the last one's, not seven days with two slivers
    expect(x.timeline.bucket).toBe('hour');
    expect(x.timeline.from).toBe('2026-03-09T09:00:00.000Z');
    expect(x.timeline.to).toBe('2026-03-10T10:00:00.000Z');
    expect(x.timeline.starts).toHaveLength(25);
    const at = (i: number, v: number) => Array.from({ length: 25 }, (_, k) => (k === i ? v : 0));
    expect(x.messages.channels).toEqual({ webhook: at(0, 2), discord: at(24, 2) });
    expect(x.sentiment.average).toEqual([0, ...new Array(24).fill(null)]);
    expect(x.totals).toEqual({ messages: 4, conversations: 2, operatorReplies: 0, outOfScopeRate: 0.25, handoffRate: 0.5, thumbsUp: 2, thumbsDown: 1, thumbsUpRatio: 2 / 3, ratings: 2, averageRating: 3.5, csat: 0.5 });
    expect(x.topIntents).toEqual([{ intent: 'track_order', count: 2 }, { intent: 'return_item', count: 1 }]);
    expect(x.confidenceHistogram.counts).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
    expect(x.perModel).toEqual([
      { version: 'v1', messages: 2, avgConfidence: expect.closeTo(0.9, 9), outOfScopeRate: 0, thumbsUp: 2, thumbsDown: 0, thumbsUpRatio: 1 },
      { version: 'v2', messages: 2, avgConfidence: expect.closeTo(0.285, 9), outOfScopeRate: 0.5, thumbsUp: 0, thumbsDown: 1, thumbsUpRatio: 0 },
    ]);
    const page = await (await c.get('/admin/analytics?days=7')).text();
    expect(page).toContain('66.7 %');
    expect(page).toContain('Messages per hour by channel');
    expect(page).toContain('/admin/assets/chart.js');
  });

  it('draws longer data by day, spanning only the days with data, and filters by model version', async () => {
    await conv('a', [{ intent: 'track_order', at: day(2), model: 'v1' }, { intent: 'track_order', at: day(6), model: 'v2' }, { intent: 'greeting', at: day(6), model: 'v2' }]);
    const x = await json('/admin/api/analytics?days=30');
    expect(x.timeline.bucket).toBe('day');
    expect(x.timeline.starts).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d) => `${d}T00:00:00.000Z`));
    expect(x.messages.channels).toEqual({ webhook: [1, 0, 0, 0, 2] });
    const v2 = await json('/admin/api/analytics?days=30&model=v2');
    expect(v2.model).toBe('v2');
    expect(v2.totals.messages).toBe(2);
    expect(v2.timeline).toMatchObject({ bucket: 'hour', from: '2026-03-06T09:00:00.000Z', to: '2026-03-06T10:00:00.000Z' });
    expect(v2.perModel.map((m: { version: string }) => m.version)).toEqual(['v1', 'v2']); // the comparison keeps every version
    const page = await (await c.get('/admin/analytics?days=30&model=v2')).text();
    expect(page).toMatch(/<option value="v2" selected>/);
    expect(page).toContain('data-model="v2"');
  });

  it('answers bad parameters with a 400 naming the field', async () => {
    for (const q of ['days=abc', 'days=0', 'days=366', 'days=1.5', 'days=7&days=8', `model=${'v'.repeat(300)}`]) {
      const res = await c.get(`/admin/api/analytics?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error.code, q).toBe('BAD_REQUEST');
      expect(body.error.message, q).toMatch(/^(days|model)/);
    }
    expect((await c.get('/admin/analytics/demand.csv?days=x')).status).toBe(400);
  });

  it('shows price-demand signals per product and exports them as CSV, formulas neutralised', async () => {
    await conv('p', [
      { intent: 'product_information', text: 'How much is the oslo sofa?', products: ['sofa'], at: day(10, 8) },
      { intent: 'product_information', text: 'this is way too expensive', products: ['sofa'], at: day(10, 9) },
      { intent: 'discounts_coupons', text: 'any code for it?', replies: [card('lamp', true)], at: day(10, 9) },
      { intent: 'product_availability', text: 'is it in stock', replies: [card('=HYPERLINK("http://evil")', false)], at: day(10, 10) },
    ]);
    for (const p of ['lamp', 'lamp', '-1+1', '@cmd']) await h.store.events.record({ userId: 'u-1', productId: p, kind: 'click', at: day(10, 10) });
    const x = await json('/admin/api/analytics?days=1');
    const byId = Object.fromEntries(x.demand.products.map((p: { productId: string; totals: Record<string, number> }) => [p.productId, p.totals]));
    expect(byId.sofa).toEqual({ price_question: 1, discount_request: 0, too_expensive: 1, out_of_stock: 0, recommendation_click: 0 });
    expect(byId.lamp).toEqual({ price_question: 0, discount_request: 1, too_expensive: 0, out_of_stock: 0, recommendation_click: 2 });
    expect(byId['=HYPERLINK("http://evil")'].out_of_stock).toBe(1);
    expect(x.demand.products[0].productId).toBe('lamp'); // most signals first

    const page = await (await c.get('/admin/analytics?days=1')).text();
    expect(page).toContain('Price-demand signals per product');
    expect(page).toContain('href="/admin/analytics/demand.csv?days=1"');
    expect(page).toContain('=HYPERLINK(&quot;http://evil&quot;)');

    const res = await c.get('/admin/analytics/demand.csv?days=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="shopmate-price-demand-2026-03-10-1d.csv"');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('product_id,bucket_start,bucket,price_question,discount_request,too_expensive,out_of_stock,recommendation_click');
    expect(lines).toContain('sofa,2026-03-10T08:00:00.000Z,hour,1,0,0,0,0');
    expect(lines).toContain('sofa,2026-03-10T09:00:00.000Z,hour,0,0,1,0,0');
    expect(lines).toContain('lamp,2026-03-10T09:00:00.000Z,hour,0,1,0,0,0');
    expect(lines).toContain('lamp,2026-03-10T10:00:00.000Z,hour,0,0,0,0,2');
    expect(lines).toContain(`"'=HYPERLINK(""http://evil"")",2026-03-10T10:00:00.000Z,hour,0,0,0,1,0`);
    expect(lines).toContain("'-1+1,2026-03-10T10:00:00.000Z,hour,0,0,0,0,1");
    expect(lines).toContain("'@cmd,2026-03-10T10:00:00.000Z,hour,0,0,0,0,1");
    expect(lines).toHaveLength(8);
  });
});
