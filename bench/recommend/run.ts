/**
 * Recommendation benchmark on the public Groceries baskets (../shared/data/groceries_baskets):
 *   node bin/run-ts.mjs bench/recommend/run.ts [--json] [--seed 42] [--data path/to/baskets.jsonl]
 * Fixed-seed 80/20 split of whole baskets; statistics are fitted on the 80 %; in every 20 % basket with >= 2 items
 * one item is held out and the rest is the seed; every item not in the seed is ranked. HitRate@10 / NDCG@10.
 * The data has no timestamps: time decay is disabled here (halfLifeDays = Infinity), because a random basket split
 * has no "recent" side for decay to favour; basket_id order is still used as the event time so the code path is the
 * production one. The decay itself is covered by unit tests.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Product } from '../../src/knowledge/types.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import type { Encoder } from '../../src/nlu/encoder.ts';
import { CoPurchaseRecommender } from '../../src/recommend/co-purchase-recommender.ts';
import { ContentRecommender } from '../../src/recommend/content-recommender.ts';
import { HybridRecommender } from '../../src/recommend/hybrid-recommender.ts';
import { PopularityRecommender } from '../../src/recommend/popularity-recommender.ts';
import type { RecommenderOptionsInput } from '../../src/recommend/recommender-options.ts';
import type { EventSink, Recommender } from '../../src/recommend/types.ts';
import { benchSetup, splitBaskets, type EvalCase, type GroceryBasket } from './groceries-split.ts';
import { RankingMetrics } from './ranking-metrics.ts';

const K = 10;
const HOUR = 3_600_000;
const NO_DECAY: RecommenderOptionsInput = { halfLifeDays: Infinity, newBoost: 0 };

interface Row {
  name: string;
  hitRate: number;
  ndcg: number;
}

/** Each of the 169 item names becomes a product whose title is the name; everything is in stock and old. */
function groceryCatalog(baskets: GroceryBasket[]): { products: Product[]; idOf: Map<string, string> } {
  const names = [...new Set(baskets.flatMap((b) => b.items))].sort();
  const idOf = new Map(names.map((n, i) => [n, `G-${i}`]));
  const products = names.map((title) => ({
    id: idOf.get(title)!, title, category: '', price: 1, currency: 'EUR', description: '', attributes: {}, stock: 1,
    image: '', tags: [], addedAt: '2000-01-01',
  }));
  return { products, idOf };
}

function fit(sink: EventSink, baskets: GroceryBasket[], idOf: Map<string, string>): void {
  for (const b of baskets) sink.recordBasket({ productIds: b.items.map((i) => idOf.get(i)!), at: new Date(b.basketId * HOUR) });
}

async function evaluate(name: string, rec: Recommender, cases: EvalCase[], idOf: Map<string, string>): Promise<Row> {
  const m = new RankingMetrics(K);
  for (const c of cases) {
    const ranked = await rec.recommend({ seedProductIds: c.seed.map((s) => idOf.get(s)!) }, K);
    m.add(ranked.map((r) => r.productId), idOf.get(c.heldOut)!);
  }
  return { name, hitRate: m.hitRate, ndcg: m.ndcg };
}

/** Picks the hybrid weights on a validation split carved out of the training baskets only (the test 20 % is never seen). */
async function tuneWeights(train: GroceryBasket[], env: Env): Promise<RecommenderOptionsInput> {
  const { train: fitPart, cases } = splitBaskets(train, env.seed + 1);
  let best: { options: RecommenderOptionsInput; hitRate: number } | undefined;
  for (const content of [0, 0.1, 0.25]) {
    for (const popularity of [0.1, 0.25, 0.5, 1]) {
      const options = { ...NO_DECAY, content, coPurchase: 1, popularity };
      const hybrid = new HybridRecommender({ catalog: () => env.products, clock: env.clock, encoder: env.encoder, options });
      fit(hybrid, fitPart, env.idOf);
      const row = await evaluate('validation', hybrid, cases, env.idOf);
      if (!best || row.hitRate > best.hitRate) best = { options, hitRate: row.hitRate };
    }
  }
  return best!.options;
}

interface Env {
  products: Product[];
  idOf: Map<string, string>;
  clock: () => Date;
  encoder: Encoder;
  seed: number;
}

async function main(): Promise<void> {
  const setup = benchSetup('recommend', 'recommend bench');
  if (!setup) return;
  const { json, seed, baskets } = setup;
  const { train, cases } = splitBaskets(baskets, seed);
  const { products, idOf } = groceryCatalog(baskets);
  const clock = () => new Date((Math.max(...baskets.map((b) => b.basketId)) + 1) * HOUR);
  const dataDir = join(tmpdir(), 'shopmate-bench-recommend');
  const encoder = await createEncoder({ config: loadConfig({ overrides: { dataDir, logLevel: 'silent' } }), logger: silentLogger });
  const env: Env = { products, idOf, clock, encoder, seed };
  const deps = { catalog: () => products, clock, options: NO_DECAY };

  const popularity = new PopularityRecommender(deps);
  const coPurchase = new CoPurchaseRecommender(deps);
  const content = new ContentRecommender(encoder, deps);
  const hybrid = new HybridRecommender({ ...deps, encoder });
  for (const sink of [popularity, coPurchase, hybrid]) fit(sink, train, idOf);
  const tunedOptions = await tuneWeights(train, env);
  const tuned = new HybridRecommender({ ...deps, encoder, options: tunedOptions });
  fit(tuned, train, idOf);

  const rows: Row[] = [];
  for (const [name, rec] of [
    ['popularity', popularity], ['co-purchase', coPurchase], ['content (USE lite)', content],
    ['hybrid (default weights)', hybrid], ['hybrid (weights tuned on validation)', tuned],
  ] as const) rows.push(await evaluate(name, rec, cases, idOf));
  report(rows, { json, cases: cases.length, trainBaskets: train.length, seed, tunedOptions });
}

function report(rows: Row[], meta: { json: boolean; cases: number; trainBaskets: number; seed: number; tunedOptions: RecommenderOptionsInput }): void {
  const base = rows[0].hitRate;
  const lift = (r: Row) => (base > 0 ? r.hitRate / base - 1 : 0);
  const { content, coPurchase, popularity } = meta.tunedOptions;
  if (meta.json) {
    const results = rows.map((r) => ({ ...r, hitRateLiftVsPopularity: lift(r) }));
    console.log(JSON.stringify({
      bench: 'recommend', dataset: 'groceries_baskets', k: K, seed: meta.seed, trainBaskets: meta.trainBaskets,
      evalCases: meta.cases, decay: 'disabled (no timestamps; basket_id used as event time)',
      tunedWeights: { content, coPurchase, popularity }, results,
    }));
    return;
  }
  console.log(`Groceries baskets: fit on ${meta.trainBaskets} baskets, ${meta.cases} held-out items (seed ${meta.seed}), decay disabled`);
  console.log(`| method | HitRate@${K} | NDCG@${K} | HitRate vs popularity |`);
  console.log('|---|---|---|---|');
  for (const r of rows) {
    const pct = `${lift(r) >= 0 ? '+' : ''}${(lift(r) * 100).toFixed(1)} %`;
    console.log(`| ${r.name} | ${r.hitRate.toFixed(4)} | ${r.ndcg.toFixed(4)} | ${pct} |`);
  }
  console.log(`tuned weights: content ${content}, coPurchase ${coPurchase}, popularity ${popularity}`);
}

await main();
