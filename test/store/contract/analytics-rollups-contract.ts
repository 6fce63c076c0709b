import { describe, expect, it } from 'vitest';
import type { AnalyticsWindow, NewTurn, Reply, Store } from '../../../src/store/index.ts';
import type { ContractContext } from '../store-contract.ts';
import { turnInput } from './contract-helpers.ts';
import { CONTRACT_DEMAND_RULES as RULES } from './contract-demand-rules.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/** mulberry32: the same "random" log on every run and every store. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const product = (productId: string) => ({ type: 'product', value: { productId, candidates: [] }, raw: productId, start: 0, end: 1, confidence: 0.9 });
const cards = (productId: string, inStock: boolean): Reply => ({
  kind: 'product_cards', products: [{ productId, title: productId, price: 10, currency: 'EUR', image: '', url: '', inStock }],
});

/** A turn of a random shop log: whole minutes over four days, every field analytics reads varied. */
function randomTurn(rnd: () => number, conversationId: string, channel: string, userId: string, i: number): NewTurn {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const p = pick(['sofa', 'lamp', 'rug']);
  const replies: Reply[] = [];
  if (rnd() < 0.3) replies.push(cards(p, rnd() < 0.5));
  if (rnd() < 0.08) replies.push({ kind: 'handoff', text: 'a person will help' });
  if (replies.length === 0) replies.push({ kind: 'text', text: 'ok' });
  return turnInput(conversationId, {
    channel, userId,
    messageId: rnd() < 0.1 ? `operator:ann:${i}` : `r-${i}`,
    at: new Date(T0 + Math.floor(rnd() * 4 * 24 * 60) * MINUTE),
    text: pick(['HOW MUCH is it', 'that is too expensive', 'any discount code?', 'do you have it', 'hello']),
    intents: rnd() < 0.1 ? [] : [{ intent: pick(['product_information', 'product_availability', 'discounts_coupons', 'track_order']), score: Math.round(rnd() * 100) / 100 }],
    outOfScope: rnd() < 0.1,
    sentiment: pick([{ label: 'positive', scores: { positive: 0.75, negative: 0.25, neutral: 0 } }, { label: 'negative' }, null]),
    modelVersion: pick(['v1', 'v2', null]),
    entities: rnd() < 0.3 ? [product(p)] : [],
    replies,
  });
}

async function seedLog(store: Store, seed: number, turns: number, prefix: string) {
  const rnd = random(seed);
  for (let c = 0; c < 12; c++) {
    await store.conversations.getOrCreate({ id: `${prefix}c${c}`, channel: c % 3 === 0 ? 'discord' : 'webhook', userId: `u${c % 6}` });
  }
  for (let i = 0; i < turns; i++) {
    const c = Math.floor(rnd() * 12);
    const { turn } = await store.turns.append(randomTurn(rnd, `${prefix}c${c}`, c % 3 === 0 ? 'discord' : 'webhook', `u${c % 6}`, seed * 10_000 + i));
    if (rnd() < 0.2) await store.feedback.add({ turnId: turn.id, kind: 'thumbs', value: rnd() < 0.5 ? 'up' : 'down' });
    if (rnd() < 0.1) await store.feedback.add({ turnId: turn.id, kind: 'rating', value: (1 + Math.floor(rnd() * 5)) as 1 | 2 | 3 | 4 | 5 });
    if (rnd() < 0.05) await store.events.record({ userId: turn.userId, productId: 'lamp', kind: 'click', at: new Date(turn.at.getTime() + MINUTE) });
  }
}

/** Scores are summed in a different order (and partly subtracted): equal to 9 decimals. */
const rounded = (v: unknown): unknown =>
  typeof v === 'number' ? Math.round(v * 1e9) / 1e9
    : Array.isArray(v) ? v.map(rounded)
      : v && typeof v === 'object' && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)])) : v;

/**
 * Every answer for a window on whole hours (which the SQL stores give from their rollups) equals the answer for the
 * same window moved back by 1 ms (not on whole hours: a scan of the turns). All turns sit on whole minutes, so both
 * windows hold the same turns and put them in the same buckets.
 */
async function expectRollupsEqualScan(store: Store) {
  const windows: Array<AnalyticsWindow & { bucketMs: number }> = [];
  for (const modelVersion of [undefined, 'v1', null]) {
    const m = modelVersion === undefined ? {} : { modelVersion };
    windows.push({ from: new Date(T0), to: new Date(T0 + 4 * DAY), bucketMs: DAY, ...m });
    windows.push({ from: new Date(T0), to: new Date(T0 + 4 * DAY), bucketMs: HOUR, ...m });
    windows.push({ from: new Date(T0 + DAY + 5 * HOUR), to: new Date(T0 + 3 * DAY), bucketMs: 3 * HOUR, ...m });
  }
  for (const w of windows) {
    const moved = { ...w, from: new Date(w.from.getTime() - 1), to: new Date(w.to.getTime() - 1) };
    const label = `${w.from.toISOString()}..${w.to.toISOString()} by ${w.bucketMs / HOUR} h, model ${String(w.modelVersion)}`;
    expect(rounded(await store.analytics.aggregate(w)), label).toEqual(rounded(await store.analytics.aggregate(moved)));
    expect(rounded(await store.analytics.perModel(w)), label).toEqual(rounded(await store.analytics.perModel(moved)));
    expect(await store.analytics.extent(w), label).toEqual(await store.analytics.extent(moved));
    expect(await store.analytics.demandSignals({ ...w, rules: RULES }), label).toEqual(await store.analytics.demandSignals({ ...moved, rules: RULES }));
  }
}

export function analyticsRollupsContract(get: () => ContractContext): void {
  describe('analytics rollups', () => {
    it('answer every aggregate as a scan of the turns does, through appends, feedback, erasure and retention', async () => {
      const { store } = get();
      await seedLog(store, 7, 400, '');
      const whole = { from: new Date(T0), to: new Date(T0 + 4 * DAY), bucketMs: DAY };
      const before = await store.analytics.aggregate(whole);
      expect(before.customerTurns).toBeGreaterThan(300); // the log is what the comparisons are about
      expect(before.handoffConversations).toBeGreaterThan(0);
      expect((await store.analytics.demandSignals({ ...whole, rules: RULES })).length).toBeGreaterThan(5);
      await expectRollupsEqualScan(store);

      await store.privacy.deleteCustomer('u1');
      const erased = await store.analytics.aggregate(whole);
      expect(erased.customerTurns).toBeLessThan(before.customerTurns);
      expect(erased.conversations).toBe(before.conversations - 2);
      await expectRollupsEqualScan(store);

      // A cutoff inside an hour: that hour keeps part of its turns.
      await store.privacy.purgeOlderThan(new Date(T0 + DAY + 30 * MINUTE));
      expect((await store.analytics.extent(whole)).first!.getTime()).toBeGreaterThanOrEqual(T0 + DAY + 30 * MINUTE);
      await expectRollupsEqualScan(store);

      await seedLog(store, 8, 100, 'later-');
      await expectRollupsEqualScan(store);
    });
  });
}
