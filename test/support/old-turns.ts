import type { AnalyticsQuery, Store } from '../../src/store/index.ts';
import { CONTRACT_DEMAND_RULES } from '../store/contract/contract-demand-rules.ts';

const HOUR = 3_600_000;
const named = JSON.stringify([{ type: 'product', value: { productId: 'sofa' } }]);
const cards = JSON.stringify([{ kind: 'product_cards', products: [{ productId: 'lamp', inStock: false }] }]);
const handoff = JSON.stringify([{ kind: 'handoff', text: 'a person will help' }]);

/**
 * Turns a shop logged before the analytics rollups existed, as SQL rows (conversation, message id, text, intents,
 * top intent, out of scope, sentiment, entities, replies, model, at): the migration tests insert them into a database
 * one migration short of the rollups, then check the backfill.
 */
export const OLD_TURNS: Array<[string, string, string, string, string | null, number, string, string, string, string | null, number]> = [
  ['c-1', 'm-1', 'How much is the sofa?', '[{"intent":"product_information","score":0.91}]', 'product_information', 0, '{"label":"positive","scores":{"positive":0.75,"negative":0.25}}', named, '[]', 'v1', 1 * HOUR + 60_000],
  ['c-1', 'm-2', 'do you have lamps', '[{"intent":"product_availability","score":0.55}]', 'product_availability', 0, '{"label":"negative"}', '[]', cards, 'v1', 1 * HOUR + 120_000],
  ['c-1', 'operator:ann:1', 'hi, Ann here', '[]', null, 0, 'null', '[]', '[]', null, 2 * HOUR],
  ['c-2', 'm-3', 'way too expensive', '[{"intent":"complaint","score":0.4}]', 'complaint', 0, '{"label":"negative"}', named, handoff, null, 3 * HOUR],
  ['c-2', 'm-4', 'blah', '[]', null, 1, 'null', '[]', '[]', 'v2', 26 * HOUR],
  ['c-1', 'm-5', 'price of the sofa', '[{"intent":"product_information","score":1}]', 'product_information', 0, '{"label":"neutral"}', named, '[]', 'v2', 27 * HOUR],
];

/** Every aggregate over the old turns, from the rollups (a window on whole hours) and from a scan (moved by 1 ms). */
export async function rollupAndScan(store: Store) {
  const w: AnalyticsQuery = { from: new Date(0), to: new Date(48 * HOUR), bucketMs: HOUR };
  const moved: AnalyticsQuery = { ...w, from: new Date(-1), to: new Date(48 * HOUR - 1) };
  const read = async (q: AnalyticsQuery) => ({
    aggregate: await store.analytics.aggregate(q),
    perModel: await store.analytics.perModel(q),
    demand: await store.analytics.demandSignals({ ...q, rules: CONTRACT_DEMAND_RULES }),
  });
  return { rollup: await read(w), scan: await read(moved), window: w };
}
