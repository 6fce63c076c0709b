/**
 * Recommendation benchmark on the public Groceries baskets (../shared/data/groceries_baskets):
 *   node bin/run-ts.mjs bench/recommend/run.ts [--json] [--seed 42 | --seeds 1,2,3,4] [--skip-tuning] [--data path/to/baskets.jsonl]
 * Fixed-seed 80/20 split of whole baskets; statistics are fitted on the 80 %; in every 20 % basket with >= 2 items
 * one item is held out and the rest is the seed; every item not in the seed is ranked. HitRate@10 / NDCG@10.
 * The data has no timestamps: time decay is disabled here (halfLifeDays = Infinity), because a random basket split
 * has no "recent" side for decay to favour; basket_id order is still used as the event time so the code path is the
 * production one. The decay itself is covered by unit tests.
 * The EASE lambda and the hybrid weights are tuned per seed on a validation split carved out of the training 80 %
 * only (splitBaskets(train, seed + 1)); the test cases are never used for a choice. With --seeds, a summary gives the
 * mean and standard deviation of every row over the seeds; the shipped defaults (recommender-options.ts) are the
 * choice most seeds' validation made.
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
import { inProcessEaseFitter } from '../../src/recommend/ease-fitter.ts';
import { DEFAULT_RECOMMENDER_OPTIONS, type RecommenderOptionsInput } from '../../src/recommend/recommender-options.ts';
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

const LAMBDAS = [10, 30, 100, 300, 1000];
const CONTENT_WEIGHTS = [0, 0.1, 0.25];
// Popularity 0 is the EASE row (reported on its own); 4 lost to 1 and 2 on validation in trial runs.
const POPULARITY_WEIGHTS = [0.1, 0.25, 0.5, 1, 2];

interface Tuned {
  options: RecommenderOptionsInput;
  validation: { hitRate: number; ndcg: number };
}

/** A hybrid fitted on `baskets`, its EASE model fitted before the first measured query (as after a quiet period). */
async function fittedHybrid(env: Env, baskets: GroceryBasket[], options: RecommenderOptionsInput): Promise<HybridRecommender> {
  const hybrid = new HybridRecommender({ catalog: () => env.products, clock: env.clock, encoder: env.encoder, options, easeFitter: inProcessEaseFitter });
  fit(hybrid, baskets, env.idOf);
  await hybrid.coPurchase.settleEase();
  return hybrid;
}

/** Picks lambda and the hybrid weights on a validation split carved out of the training baskets only. */
async function tune(train: GroceryBasket[], env: Env): Promise<Tuned> {
  const { train: fitPart, cases } = splitBaskets(train, env.seed + 1);
  let best: Tuned | undefined;
  for (const easeLambda of LAMBDAS) {
    for (const content of CONTENT_WEIGHTS) {
      for (const popularity of POPULARITY_WEIGHTS) {
        const options = { ...NO_DECAY, easeLambda, content, coPurchase: 1, popularity };
        const row = await evaluate('validation', await fittedHybrid(env, fitPart, options), cases, env.idOf);
        const better = !best || row.hitRate > best.validation.hitRate || (row.hitRate === best.validation.hitRate && row.ndcg > best.validation.ndcg);
        if (better) best = { options, validation: { hitRate: row.hitRate, ndcg: row.ndcg } };
      }
    }
  }
  return best!;
}

interface Env {
  products: Product[];
  idOf: Map<string, string>;
  clock: () => Date;
  encoder: Encoder;
  seed: number;
}

interface SeedRun {
  seed: number;
  trainBaskets: number;
  cases: number;
  tuned: Tuned;
  rows: Row[];
}

const skipTuning = process.argv.includes('--skip-tuning');

function shippedChoice(): RecommenderOptionsInput {
  const { easeLambda, content, coPurchase, popularity } = DEFAULT_RECOMMENDER_OPTIONS;
  return { easeLambda, content, coPurchase, popularity };
}

async function runSeed(baskets: GroceryBasket[], base: Omit<Env, 'seed'>, seed: number): Promise<SeedRun> {
  const env: Env = { ...base, seed };
  const { train, cases } = splitBaskets(baskets, seed);
  const deps = { catalog: () => env.products, clock: env.clock, options: NO_DECAY, easeFitter: inProcessEaseFitter };
  // --skip-tuning: only the shipped defaults (a quick check after changing them); the "tuned" rows then use them too.
  const tuned = skipTuning ? { options: { ...NO_DECAY, ...shippedChoice() }, validation: { hitRate: NaN, ndcg: NaN } } : await tune(train, env);
  const popularity = new PopularityRecommender(deps);
  const coOccurrence = new CoPurchaseRecommender({ ...deps, options: { ...NO_DECAY, easeMaxProducts: 0 } });
  const ease = new CoPurchaseRecommender({ ...deps, options: { ...NO_DECAY, easeLambda: tuned.options.easeLambda } });
  for (const sink of [popularity, coOccurrence, ease]) fit(sink, train, env.idOf);
  await ease.settleEase();
  const content = new ContentRecommender(env.encoder, deps);
  const shipped = await fittedHybrid(env, train, NO_DECAY);
  const tunedHybrid = await fittedHybrid(env, train, tuned.options);
  const rows: Row[] = [];
  for (const [name, rec] of [
    ['popularity', popularity], ['co-occurrence (EASE off)', coOccurrence], ['EASE (lambda tuned on validation)', ease],
    ['content (USE lite)', content], ['hybrid (shipped defaults)', shipped], ['hybrid (tuned on validation)', tunedHybrid],
  ] as const) rows.push(await evaluate(name, rec, cases, env.idOf));
  return { seed, trainBaskets: train.length, cases: cases.length, tuned, rows };
}

async function main(): Promise<void> {
  const setup = benchSetup('recommend', 'recommend bench');
  if (!setup) return;
  const { json, seed, baskets } = setup;
  const seedsArg = process.argv.indexOf('--seeds');
  const seeds = seedsArg >= 0 ? process.argv[seedsArg + 1].split(',').map(Number) : [seed];
  const { products, idOf } = groceryCatalog(baskets);
  const clock = () => new Date((Math.max(...baskets.map((b) => b.basketId)) + 1) * HOUR);
  const dataDir = join(tmpdir(), 'shopmate-bench-recommend');
  const encoder = await createEncoder({ config: loadConfig({ overrides: { dataDir, logLevel: 'silent' } }), logger: silentLogger });
  const runs: SeedRun[] = [];
  for (const s of seeds) {
    const t0 = Date.now();
    runs.push(await runSeed(baskets, { products, idOf, clock, encoder }, s));
    if (!json) console.error(`seed ${s} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  report(runs, json);
}

const lift = (r: Row, base: Row) => (base.hitRate > 0 ? r.hitRate / base.hitRate - 1 : 0);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (0 for a single seed). */
const sd = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

function chosen(t: Tuned): Record<string, number | undefined> {
  const { easeLambda, content, coPurchase, popularity } = t.options;
  return { easeLambda, content, coPurchase, popularity };
}

function summary(runs: SeedRun[]) {
  return runs[0].rows.map((_, i) => {
    const rows = runs.map((r) => r.rows[i]);
    const lifts = runs.map((r) => lift(r.rows[i], r.rows[0]));
    return {
      name: rows[0].name,
      hitRate: { mean: mean(rows.map((r) => r.hitRate)), sd: sd(rows.map((r) => r.hitRate)) },
      ndcg: { mean: mean(rows.map((r) => r.ndcg)), sd: sd(rows.map((r) => r.ndcg)) },
      hitRateLiftVsPopularity: { mean: mean(lifts), sd: sd(lifts), min: Math.min(...lifts), max: Math.max(...lifts) },
    };
  });
}

function report(runs: SeedRun[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify({
      bench: 'recommend', dataset: 'groceries_baskets', k: K, decay: 'disabled (no timestamps; basket_id used as event time)',
      seeds: runs.map((r) => ({
        seed: r.seed, trainBaskets: r.trainBaskets, evalCases: r.cases, tuned: chosen(r.tuned), validation: r.tuned.validation,
        results: r.rows.map((row) => ({ ...row, hitRateLiftVsPopularity: lift(row, r.rows[0]) })),
      })),
      summary: summary(runs),
    }));
    return;
  }
  for (const r of runs) {
    console.log(`\nGroceries baskets: fit on ${r.trainBaskets} baskets, ${r.cases} held-out items (seed ${r.seed}), decay disabled`);
    console.log(`| method | HitRate@${K} | NDCG@${K} | HitRate vs popularity |`);
    console.log('|---|---|---|---|');
    for (const row of r.rows) console.log(`| ${row.name} | ${row.hitRate.toFixed(4)} | ${row.ndcg.toFixed(4)} | ${pct(lift(row, r.rows[0]))} |`);
    const how = skipTuning ? 'not tuned (--skip-tuning), shipped defaults' : `tuned on validation (validation HitRate ${r.tuned.validation.hitRate.toFixed(4)})`;
    console.log(`${how}: ${JSON.stringify(chosen(r.tuned))}`);
  }
  if (runs.length < 2) return;
  console.log(`\nOver seeds ${runs.map((r) => r.seed).join(', ')}: mean ± sd`);
  console.log(`| method | HitRate@${K} | NDCG@${K} | HitRate vs popularity (min .. max) |`);
  console.log('|---|---|---|---|');
  for (const x of summary(runs)) {
    const l = x.hitRateLiftVsPopularity;
    console.log(
      `| ${x.name} | ${x.hitRate.mean.toFixed(4)} ± ${x.hitRate.sd.toFixed(4)} | ${x.ndcg.mean.toFixed(4)} ± ${x.ndcg.sd.toFixed(4)} | ` +
      `${pct(l.mean)} ± ${(l.sd * 100).toFixed(1)} (${pct(l.min)} .. ${pct(l.max)}) |`,
    );
  }
}

await main();
