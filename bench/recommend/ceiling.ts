/**
 * How far can ANY recommender get on the Groceries basket-completion benchmark?
 *   node bin/run-ts.mjs bench/recommend/ceiling.ts [--json] [--seed 42] [--data path/to/baskets.jsonl]
 *
 * Protocol: identical to bench/recommend/run.ts (same loadBaskets / splitBaskets / RankingMetrics, same --seed):
 * fixed-seed 80/20 split of whole baskets; in every test basket with >= 2 items one item (fixed seed) is held out and
 * the rest is the seed; every item not in the seed is ranked; HitRate@10 and NDCG@10 over the identical test cases.
 * Items are ranked here directly from score vectors over the 169 items, with score ties broken by the same product id
 * (`G-<index of the sorted name>`, compared as strings) that run.ts uses, so the popularity row reproduces run.ts.
 *
 * Hyper-parameters of every honest model are chosen on a validation split carved out of the training baskets only
 * (splitBaskets(train, seed + 1), exactly the split run.ts uses to tune the hybrid); the chosen model is then refitted
 * on the whole training 80 % and evaluated once on the test cases. The test cases are never used for any choice.
 *
 * Rows and why they exist:
 *  - popularity: the reference (must reproduce run.ts, ~0.396 for seed 42); the +50 % target is 1.5x its HitRate.
 *  - item-kNN + popularity: classic "bought together" scores sum_s C(s,j) / (N(s)^p N(j)^q) * C/(C+shrink)
 *    (p=1,q=0 is P(j|s), p=q=0.5 cosine, p=q=1 lift), max-normalised and blended with normalised popularity;
 *    p, q, shrink and the blend weight are tuned on validation. The strongest version of what src/ does today.
 *  - EASE: closed-form item-item ridge regression (Steck 2019), B = I - P diag(1/diag P), P = (X'X + lambda I)^-1,
 *    optionally with an un-penalised intercept column (so it also learns popularity); lambda tuned on validation.
 *  - softmax classifier: a multinomial logistic regression from the seed multi-hot vector (+ one-hot seed-size bucket,
 *    which is known at prediction time) to the held-out item, softmax restricted to non-seed items, trained on ALL
 *    leave-one-out examples of the training baskets with weight 1 / basket size (= exactly the test distribution: one
 *    uniformly random held-out item per basket with >= 2 items). This optimises the benchmark's own objective, so it is
 *    a good estimate of what a method can reach. Adam, hand-written gradients; weight decay and epoch count tuned.
 *  - MLP classifier: the same, plus a ReLU hidden layer (wide & deep: linear part + hidden layer), so it can use item
 *    interactions in the seed. Hidden size, weight decay and epoch count tuned on validation.
 *  - ensemble: the mean of the two classifiers' probabilities (no extra tuning).
 *  - IN-SAMPLE rows (CHEATING, upper bounds only): EASE and both classifiers with the same hyper-parameters but fitted
 *    on ALL baskets, including the test baskets with their held-out items. They show how far even a model that has
 *    seen the test answers gets. Plus an over-parameterised MLP (h=256, no weight decay, 15 epochs) fitted both ways:
 *    on train only (honest, untuned: it overfits) and on all baskets (cheating: it memorises the test baskets).
 */
import { benchSetup, seededRandom, splitBaskets, type EvalCase, type GroceryBasket } from './groceries-split.ts';
import { RankingMetrics } from './ranking-metrics.ts';

const K = 10;
/** Seed sizes 1, 2, 3, 4, 5, 6-7, 8-10, 11+ (the seed size tells the basket size, which changes what is missing). */
const SIZE_BUCKETS = 8;

function sizeBucket(seedSize: number): number {
  if (seedSize <= 5) return Math.max(0, seedSize - 1);
  if (seedSize <= 7) return 5;
  if (seedSize <= 10) return 6;
  return 7;
}

// ---------------------------------------------------------------------------------------------------------------
// Items, cases, ranking

interface Vocab {
  n: number;
  names: string[];
  index: Map<string, number>;
  /** Position of `G-<i>` in string order: the tie-break run.ts applies (rankScores sorts ties by product id). */
  tieRank: Int32Array;
}

function buildVocab(baskets: GroceryBasket[]): Vocab {
  const names = [...new Set(baskets.flatMap((b) => b.items))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const ids = names.map((_, i) => ({ id: `G-${i}`, i })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const tieRank = new Int32Array(names.length);
  ids.forEach((x, r) => (tieRank[x.i] = r));
  return { n: names.length, names, index, tieRank };
}

/** One evaluation case in item indices. */
interface Case {
  seed: Int32Array;
  heldOut: number;
}

const toCases = (cases: EvalCase[], v: Vocab): Case[] =>
  cases.map((c) => ({ seed: Int32Array.from(c.seed.map((s) => v.index.get(s)!)), heldOut: v.index.get(c.heldOut)! }));

const toItemSets = (baskets: GroceryBasket[], v: Vocab): Int32Array[] =>
  baskets.map((b) => Int32Array.from(b.items.map((i) => v.index.get(i)!)));

/** Scores for every item given a seed (entries of seed items are ignored by the ranking). Higher is better. */
type Scorer = (seed: Int32Array) => Float64Array;

interface Score {
  hitRate: number;
  ndcg: number;
}

function topK(scores: Float64Array, seed: Int32Array, v: Vocab, k: number): number[] {
  const blocked = new Uint8Array(v.n);
  for (const s of seed) blocked[s] = 1;
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && v.tieRank[a] < v.tieRank[b]);
  const top: number[] = [];
  for (let j = 0; j < v.n; j++) {
    if (blocked[j]) continue;
    if (top.length === k && !better(j, top[k - 1])) continue;
    let pos = top.length < k ? top.length : k - 1;
    top[pos] = j;
    while (pos > 0 && better(top[pos], top[pos - 1])) {
      [top[pos], top[pos - 1]] = [top[pos - 1], top[pos]];
      pos -= 1;
    }
  }
  return top;
}

function evaluate(scorer: Scorer, cases: Case[], v: Vocab): Score {
  const m = new RankingMetrics(K);
  for (const c of cases) m.add(topK(scorer(c.seed), c.seed, v, K).map((j) => v.names[j]), v.names[c.heldOut]);
  return { hitRate: m.hitRate, ndcg: m.ndcg };
}

const betterScore = (a: Score, b: Score | undefined) => !b || a.hitRate > b.hitRate || (a.hitRate === b.hitRate && a.ndcg > b.ndcg);

// ---------------------------------------------------------------------------------------------------------------
// Popularity and item-kNN

interface Counts {
  baskets: number;
  item: Float64Array;
  /** n x n co-occurrence counts, diagonal = item counts. */
  pair: Float64Array;
}

function count(sets: Int32Array[], n: number): Counts {
  const item = new Float64Array(n);
  const pair = new Float64Array(n * n);
  for (const s of sets) {
    for (const a of s) {
      item[a] += 1;
      for (const b of s) pair[a * n + b] += 1;
    }
  }
  return { baskets: sets.length, item, pair };
}

const popularityScorer = (c: Counts): Scorer => () => c.item;

interface KnnParams {
  p: number;
  q: number;
  shrink: number;
  popWeight: number;
}

function knnScorer(c: Counts, n: number, o: KnnParams): Scorer {
  const sim = new Float64Array(n * n);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < n; j++) {
      const co = c.pair[s * n + j];
      if (s === j || co === 0) continue;
      sim[s * n + j] = (co / (c.item[s] ** o.p * c.item[j] ** o.q)) * (co / (co + o.shrink));
    }
  }
  const maxPop = Math.max(...c.item);
  return (seed) => {
    const knn = new Float64Array(n);
    for (const s of seed) for (let j = 0; j < n; j++) knn[j] += sim[s * n + j];
    const inSeed = new Set(seed);
    let max = 0;
    for (let j = 0; j < n; j++) if (!inSeed.has(j)) max = Math.max(max, knn[j]);
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = (1 - o.popWeight) * (max > 0 ? knn[j] / max : 0) + o.popWeight * (c.item[j] / maxPop);
    return out;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// EASE

/** In-place Gauss-Jordan inverse of a symmetric positive definite m x m matrix. */
function invert(a: Float64Array, m: number): Float64Array {
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[piv * m + col])) piv = r;
    if (piv !== col) {
      for (let k = 0; k < m; k++) {
        [a[col * m + k], a[piv * m + k]] = [a[piv * m + k], a[col * m + k]];
        [inv[col * m + k], inv[piv * m + k]] = [inv[piv * m + k], inv[col * m + k]];
      }
    }
    const d = a[col * m + col];
    for (let k = 0; k < m; k++) {
      a[col * m + k] /= d;
      inv[col * m + k] /= d;
    }
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r * m + col];
      if (f === 0) continue;
      for (let k = 0; k < m; k++) {
        a[r * m + k] -= f * a[col * m + k];
        inv[r * m + k] -= f * inv[col * m + k];
      }
    }
  }
  return inv;
}

interface EaseParams {
  lambda: number;
  intercept: boolean;
}

/** Ridge regression of every item on all other items (+ optional intercept), zero diagonal, closed form. */
function easeScorer(c: Counts, n: number, o: EaseParams): Scorer {
  const m = o.intercept ? n + 1 : n;
  const g = new Float64Array(m * m);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) g[a * m + b] = c.pair[a * n + b];
  if (o.intercept) {
    for (let a = 0; a < n; a++) g[a * m + n] = g[n * m + a] = c.item[a];
    g[n * m + n] = c.baskets;
  }
  for (let a = 0; a < n; a++) g[a * m + a] += o.lambda;
  const p = invert(g, m);
  // B[i][j] = -P[i][j] / P[j][j] for i != j; row n (intercept) gives the per-item bias.
  const b = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p[i * m + j] / p[j * m + j];
  return (seed) => {
    const out = new Float64Array(n);
    if (o.intercept) for (let j = 0; j < n; j++) out[j] = b[n * n + j];
    for (const s of seed) for (let j = 0; j < n; j++) out[j] += b[s * n + j];
    return out;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Basket-completion classifier: softmax over non-seed items, optional ReLU hidden layer (wide & deep)

interface ClassifierParams {
  hidden: number;
  weightDecay: number;
  lr: number;
  batch: number;
}

interface Example {
  /** Active input features: seed items, then n + size bucket. */
  x: Int32Array;
  /** Number of seed items at the start of x (they are excluded from the softmax). */
  seedLen: number;
  target: number;
  weight: number;
}

/** Every leave-one-out example of every basket with >= 2 items, weight 1 / size (one case per basket, as in the test). */
function looExamples(sets: Int32Array[], n: number): Example[] {
  const out: Example[] = [];
  for (const s of sets) {
    if (s.length < 2) continue;
    for (let t = 0; t < s.length; t++) {
      const x = new Int32Array(s.length);
      let k = 0;
      for (let u = 0; u < s.length; u++) if (u !== t) x[k++] = s[u];
      x[k] = n + sizeBucket(s.length - 1);
      out.push({ x, seedLen: s.length - 1, target: s[t], weight: 1 / s.length });
    }
  }
  return out;
}

class BasketClassifier {
  private readonly nIn: number;
  private readonly h: number;
  // Parameter layout in one array: wLin (nIn x n), b (n), w1 (nIn x h), b1 (h), w2 (h x n).
  private readonly oB: number;
  private readonly oW1: number;
  private readonly oB1: number;
  private readonly oW2: number;
  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly mom: Float64Array;
  private readonly vel: Float64Array;
  private readonly decays: Uint8Array;
  private step = 0;
  private readonly rand: () => number;
  // scratch
  private readonly z: Float64Array;
  private readonly hid: Float64Array;
  private readonly dh: Float64Array;

  constructor(private readonly n: number, private readonly o: ClassifierParams, prior: Float64Array, seed: number) {
    this.nIn = n + SIZE_BUCKETS;
    this.h = o.hidden;
    this.oB = this.nIn * n;
    this.oW1 = this.oB + n;
    this.oB1 = this.oW1 + this.nIn * this.h;
    this.oW2 = this.oB1 + this.h;
    const size = this.oW2 + this.h * n;
    this.theta = new Float64Array(size);
    this.grad = new Float64Array(size);
    this.mom = new Float64Array(size);
    this.vel = new Float64Array(size);
    this.decays = new Uint8Array(size).fill(1);
    this.decays.fill(0, this.oB, this.oB + n);
    this.decays.fill(0, this.oB1, this.oB1 + this.h);
    this.rand = seededRandom(seed);
    // Bias starts at log prior (popularity), hidden weights small random, output weights zero-mean small.
    for (let j = 0; j < n; j++) this.theta[this.oB + j] = Math.log(prior[j] + 1);
    const gauss = () => Math.sqrt(-2 * Math.log(this.rand() + 1e-12)) * Math.cos(2 * Math.PI * this.rand());
    for (let i = 0; i < this.nIn * this.h; i++) this.theta[this.oW1 + i] = gauss() * 0.3;
    for (let i = 0; i < this.h; i++) this.theta[this.oB1 + i] = 0.1;
    for (let i = 0; i < this.h * n; i++) this.theta[this.oW2 + i] = gauss() * Math.sqrt(1 / Math.max(1, this.h));
    this.z = new Float64Array(n);
    this.hid = new Float64Array(this.h);
    this.dh = new Float64Array(this.h);
  }

  /** Logits into this.z (hidden activations into this.hid). */
  private forward(x: Int32Array): void {
    const { n, h, theta, z, hid } = this;
    for (let j = 0; j < n; j++) z[j] = theta[this.oB + j];
    for (const a of x) {
      const o = a * n;
      for (let j = 0; j < n; j++) z[j] += theta[o + j];
    }
    if (h === 0) return;
    for (let k = 0; k < h; k++) hid[k] = theta[this.oB1 + k];
    for (const a of x) {
      const o = this.oW1 + a * h;
      for (let k = 0; k < h; k++) hid[k] += theta[o + k];
    }
    for (let k = 0; k < h; k++) {
      if (hid[k] <= 0) {
        hid[k] = 0;
        continue;
      }
      const hk = hid[k];
      const o = this.oW2 + k * n;
      for (let j = 0; j < n; j++) z[j] += hk * theta[o + j];
    }
  }

  private accumulate(e: Example): void {
    const { n, h, theta, grad, z, hid, dh } = this;
    this.forward(e.x);
    const blocked = new Uint8Array(n);
    for (let i = 0; i < e.seedLen; i++) blocked[e.x[i]] = 1;
    let max = -Infinity;
    for (let j = 0; j < n; j++) if (!blocked[j] && z[j] > max) max = z[j];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      z[j] = blocked[j] ? 0 : Math.exp(z[j] - max);
      sum += z[j];
    }
    // z becomes dLoss/dlogit = weight * (softmax - onehot), zero for seed items.
    for (let j = 0; j < n; j++) z[j] = (e.weight * z[j]) / sum;
    z[e.target] -= e.weight;
    for (let j = 0; j < n; j++) grad[this.oB + j] += z[j];
    for (const a of e.x) {
      const o = a * n;
      for (let j = 0; j < n; j++) grad[o + j] += z[j];
    }
    if (h === 0) return;
    for (let k = 0; k < h; k++) {
      dh[k] = 0;
      if (hid[k] <= 0) continue;
      const hk = hid[k];
      const o = this.oW2 + k * n;
      let d = 0;
      for (let j = 0; j < n; j++) {
        grad[o + j] += hk * z[j];
        d += theta[o + j] * z[j];
      }
      dh[k] = d;
    }
    for (let k = 0; k < h; k++) grad[this.oB1 + k] += dh[k];
    for (const a of e.x) {
      const o = this.oW1 + a * h;
      for (let k = 0; k < h; k++) grad[o + k] += dh[k];
    }
  }

  /** AdamW step on the accumulated (mean) gradient. */
  private update(batchSize: number): void {
    const { theta, grad, mom, vel, decays, o } = this;
    const b1 = 0.9;
    const b2 = 0.999;
    this.step += 1;
    const c1 = 1 - b1 ** this.step;
    const c2 = 1 - b2 ** this.step;
    const inv = 1 / batchSize;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i] * inv;
      grad[i] = 0;
      mom[i] = b1 * mom[i] + (1 - b1) * g;
      vel[i] = b2 * vel[i] + (1 - b2) * g * g;
      theta[i] -= o.lr * ((mom[i] / c1) / (Math.sqrt(vel[i] / c2) + 1e-8) + (decays[i] ? o.weightDecay * theta[i] : 0));
    }
  }

  epoch(examples: Example[]): void {
    const order = Int32Array.from(examples.keys());
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += this.o.batch) {
      const end = Math.min(order.length, start + this.o.batch);
      for (let i = start; i < end; i++) this.accumulate(examples[order[i]]);
      this.update(end - start);
    }
  }

  /** Softmax probabilities over non-seed items (seed items get 0). */
  readonly scorer: Scorer = (seed) => {
    const x = new Int32Array(seed.length + 1);
    x.set(seed);
    x[seed.length] = this.n + sizeBucket(seed.length);
    this.forward(x);
    const out = new Float64Array(this.n);
    const blocked = new Set(seed);
    let max = -Infinity;
    for (let j = 0; j < this.n; j++) if (!blocked.has(j) && this.z[j] > max) max = this.z[j];
    let sum = 0;
    for (let j = 0; j < this.n; j++) {
      out[j] = blocked.has(j) ? 0 : Math.exp(this.z[j] - max);
      sum += out[j];
    }
    for (let j = 0; j < this.n; j++) out[j] /= sum;
    return out;
  };
}

interface TrainedClassifier {
  model: BasketClassifier;
  params: ClassifierParams;
  epochs: number;
  validation?: Score;
}

/** Trains for up to maxEpochs; with validation cases, returns the best epoch count (by HitRate@10, then NDCG@10). */
function trainClassifier(
  sets: Int32Array[], n: number, params: ClassifierParams, maxEpochs: number, seed: number, v: Vocab, validation?: Case[],
): TrainedClassifier {
  const examples = looExamples(sets, n);
  const model = new BasketClassifier(n, params, count(sets, n).item, seed);
  let best: { epochs: number; score: Score } | undefined;
  for (let e = 1; e <= maxEpochs; e++) {
    model.epoch(examples);
    if (!validation) continue;
    const score = evaluate(model.scorer, validation, v);
    if (betterScore(score, best?.score)) best = { epochs: e, score };
  }
  return { model, params, epochs: best?.epochs ?? maxEpochs, validation: best?.score };
}

// ---------------------------------------------------------------------------------------------------------------

/** The grid point with the best validation score (ties keep the earlier point). */
function bestOnValidation<P>(grid: P[], score: (params: P) => Score): { params: P; score: Score } {
  let best: { params: P; score: Score } | undefined;
  for (const params of grid) {
    const s = score(params);
    if (betterScore(s, best?.score)) best = { params, score: s };
  }
  return best!;
}

interface Row extends Score {
  name: string;
  kind: 'reference' | 'honest' | 'in-sample (cheating)';
  hyper?: Record<string, unknown>;
  validation?: Score;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const setup = benchSetup('recommend-ceiling', 'recommend ceiling');
  if (!setup) return;
  const { json, seed, baskets } = setup;
  const log = (msg: string) => {
    if (!json) console.error(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
  };
  const v = buildVocab(baskets);
  const n = v.n;
  const { train, cases: testEval } = splitBaskets(baskets, seed);
  const { train: fitPart, cases: valEval } = splitBaskets(train, seed + 1);
  const testCases = toCases(testEval, v);
  const valCases = toCases(valEval, v);
  const trainSets = toItemSets(train, v);
  const fitSets = toItemSets(fitPart, v);
  const allSets = toItemSets(baskets, v);
  const trainCounts = count(trainSets, n);
  const fitCounts = count(fitSets, n);
  const allCounts = count(allSets, n);
  const rows: Row[] = [];

  rows.push({ name: 'popularity', kind: 'reference', ...evaluate(popularityScorer(trainCounts), testCases, v) });

  // item-kNN + popularity
  const knnGrid = [[1, 0], [0.75, 0.25], [0.5, 0.5], [0.25, 0.75], [1, 0.5], [1, 1]].flatMap(([p, q]) =>
    [0, 2, 10].flatMap((shrink) => [0, 0.1, 0.2, 0.35, 0.5, 0.7].map((popWeight) => ({ p, q, shrink, popWeight }))),
  );
  const knnBest = bestOnValidation(knnGrid, (params) => evaluate(knnScorer(fitCounts, n, params), valCases, v));
  rows.push({
    name: 'item-kNN + popularity', kind: 'honest', hyper: { ...knnBest.params }, validation: knnBest.score,
    ...evaluate(knnScorer(trainCounts, n, knnBest.params), testCases, v),
  });
  log('kNN done');

  // EASE
  const easeGrid = [false, true].flatMap((intercept) => [1, 3, 10, 30, 100, 300, 1000, 3000, 10000].map((lambda) => ({ lambda, intercept })));
  const easeBest = bestOnValidation(easeGrid, (params) => evaluate(easeScorer(fitCounts, n, params), valCases, v));
  rows.push({
    name: 'EASE', kind: 'honest', hyper: { ...easeBest.params }, validation: easeBest.score,
    ...evaluate(easeScorer(trainCounts, n, easeBest.params), testCases, v),
  });
  log('EASE done');

  // Classifiers: tune on validation (fit part only), refit on the whole training 80 % with the chosen epoch count.
  const tune = (grid: ClassifierParams[], maxEpochs: number): TrainedClassifier => {
    let best: TrainedClassifier | undefined;
    for (const params of grid) {
      const t = trainClassifier(fitSets, n, params, maxEpochs, seed + 2, v, valCases);
      log(`  ${JSON.stringify(params)}: best epoch ${t.epochs}, validation HitRate ${t.validation!.hitRate.toFixed(4)}`);
      if (betterScore(t.validation!, best?.validation)) best = t;
    }
    return best!;
  };
  const linTuned = tune(
    [0.01, 0.1, 1].map((weightDecay) => ({ hidden: 0, weightDecay, lr: 0.001, batch: 128 })), 20,
  );
  const lin = trainClassifier(trainSets, n, linTuned.params, linTuned.epochs, seed + 3, v);
  rows.push({
    name: 'softmax classifier (linear)', kind: 'honest', hyper: { ...linTuned.params, epochs: linTuned.epochs },
    validation: linTuned.validation, ...evaluate(lin.model.scorer, testCases, v),
  });
  log('linear classifier done');

  const mlpTuned = tune(
    [0.01, 0.1].map((weightDecay) => ({ hidden: 64, weightDecay, lr: 0.001, batch: 128 })), 10,
  );
  const mlp = trainClassifier(trainSets, n, mlpTuned.params, mlpTuned.epochs, seed + 3, v);
  rows.push({
    name: 'MLP classifier (wide & deep)', kind: 'honest', hyper: { ...mlpTuned.params, epochs: mlpTuned.epochs },
    validation: mlpTuned.validation, ...evaluate(mlp.model.scorer, testCases, v),
  });
  log('MLP classifier done');

  const ensemble: Scorer = (s) => {
    const a = lin.model.scorer(s);
    const b = mlp.model.scorer(s);
    return a.map((x, j) => x + b[j]);
  };
  rows.push({ name: 'ensemble (linear + MLP probabilities)', kind: 'honest', ...evaluate(ensemble, testCases, v) });

  // In-sample upper bounds: fitted on ALL baskets, i.e. including the test baskets and their held-out items.
  rows.push({
    name: 'EASE fitted on all baskets', kind: 'in-sample (cheating)', hyper: { ...easeBest.params },
    ...evaluate(easeScorer(allCounts, n, easeBest.params), testCases, v),
  });
  const linAll = trainClassifier(allSets, n, linTuned.params, linTuned.epochs, seed + 3, v);
  rows.push({
    name: 'softmax classifier fitted on all baskets', kind: 'in-sample (cheating)',
    hyper: { ...linTuned.params, epochs: linTuned.epochs }, ...evaluate(linAll.model.scorer, testCases, v),
  });
  const mlpAll = trainClassifier(allSets, n, mlpTuned.params, mlpTuned.epochs, seed + 3, v);
  rows.push({
    name: 'MLP classifier fitted on all baskets', kind: 'in-sample (cheating)',
    hyper: { ...mlpTuned.params, epochs: mlpTuned.epochs }, ...evaluate(mlpAll.model.scorer, testCases, v),
  });
  // An over-parameterised MLP trained long without weight decay: fitted on train only it overfits (honest row, for
  // contrast); fitted on all baskets it memorises the test baskets, which is what it takes to pass the target.
  const bigParams = { hidden: 256, weightDecay: 0, lr: 0.003, batch: 128 };
  const bigEpochs = 15;
  const bigTrain = trainClassifier(trainSets, n, bigParams, bigEpochs, seed + 3, v);
  rows.push({
    name: `MLP h=256, no decay, ${bigEpochs} epochs, fitted on train (not tuned)`, kind: 'honest',
    hyper: { ...bigParams, epochs: bigEpochs }, ...evaluate(bigTrain.model.scorer, testCases, v),
  });
  const bigAll = trainClassifier(allSets, n, bigParams, bigEpochs, seed + 3, v);
  rows.push({
    name: `MLP h=256, no decay, ${bigEpochs} epochs, fitted on all baskets`, kind: 'in-sample (cheating)',
    hyper: { ...bigParams, epochs: bigEpochs }, ...evaluate(bigAll.model.scorer, testCases, v),
  });
  log('in-sample fits done');

  report(rows, diagnose(testCases, v, trainCounts, popularityScorer(trainCounts), lin.model.scorer), {
    json, seed, trainBaskets: train.length, testCases: testCases.length, validationFitBaskets: fitPart.length,
    validationCases: valCases.length, seconds: (Date.now() - t0) / 1000,
  });
}

interface Diagnostics {
  /** Share of test cases whose held-out item is one of the 10 most popular training items. */
  heldOutInTop10Popular: number;
  /** Share of test cases whose held-out item never co-occurs with any seed item in the training baskets. */
  heldOutNeverWithSeed: number;
  /** HitRate@10 of popularity and of the linear softmax classifier per seed size. */
  bySeedSize: { seedSize: string; cases: number; popularity: number; classifier: number }[];
}

function diagnose(cases: Case[], v: Vocab, c: Counts, popularity: Scorer, classifier: Scorer): Diagnostics {
  const n = v.n;
  const top10 = new Set([...c.item.keys()].sort((a, b) => c.item[b] - c.item[a]).slice(0, 10));
  let inTop = 0;
  let never = 0;
  const groups = [
    { seedSize: '1', min: 1, max: 1 }, { seedSize: '2', min: 2, max: 2 }, { seedSize: '3', min: 3, max: 3 },
    { seedSize: '4-5', min: 4, max: 5 }, { seedSize: '6-9', min: 6, max: 9 }, { seedSize: '10+', min: 10, max: Infinity },
  ].map((g) => ({ ...g, cases: 0, pop: 0, cls: 0 }));
  for (const x of cases) {
    if (top10.has(x.heldOut)) inTop += 1;
    if ([...x.seed].every((s) => c.pair[s * n + x.heldOut] === 0)) never += 1;
    const g = groups.find((y) => x.seed.length >= y.min && x.seed.length <= y.max)!;
    g.cases += 1;
    if (topK(popularity(x.seed), x.seed, v, K).includes(x.heldOut)) g.pop += 1;
    if (topK(classifier(x.seed), x.seed, v, K).includes(x.heldOut)) g.cls += 1;
  }
  return {
    heldOutInTop10Popular: inTop / cases.length,
    heldOutNeverWithSeed: never / cases.length,
    bySeedSize: groups.map((g) => ({ seedSize: g.seedSize, cases: g.cases, popularity: g.pop / g.cases, classifier: g.cls / g.cases })),
  };
}

interface Meta {
  json: boolean;
  seed: number;
  trainBaskets: number;
  testCases: number;
  validationFitBaskets: number;
  validationCases: number;
  seconds: number;
}

function report(rows: Row[], diagnostics: Diagnostics, meta: Meta): void {
  const base = rows[0].hitRate;
  const target = 1.5 * base;
  // Normal-approximation 95 % half-width of a HitRate over the test cases.
  const ci = (p: number) => 1.96 * Math.sqrt((p * (1 - p)) / meta.testCases);
  if (meta.json) {
    const { json: _json, ...rest } = meta;
    console.log(JSON.stringify({
      bench: 'recommend-ceiling', dataset: 'groceries_baskets', k: K, ...rest, targetHitRate: target, diagnostics,
      results: rows.map((r) => ({ ...r, hitRate95: ci(r.hitRate), ratioVsPopularity: base > 0 ? r.hitRate / base : 0, reachesTarget: r.hitRate >= target })),
    }));
    return;
  }
  console.log(
    `Groceries basket completion: fit on ${meta.trainBaskets} baskets, ${meta.testCases} test cases (seed ${meta.seed}); ` +
    `hyper-parameters tuned on ${meta.validationCases} validation cases from ${meta.validationFitBaskets} training baskets`,
  );
  console.log(`| method | kind | HitRate@${K} (95 % CI) | NDCG@${K} | HitRate / popularity |`);
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.kind} | ${r.hitRate.toFixed(4)} ± ${ci(r.hitRate).toFixed(4)} | ${r.ndcg.toFixed(4)} | ${(r.hitRate / base).toFixed(3)} |`);
  }
  console.log(`| **target: popularity +50 %** | | ${target.toFixed(4)} | | 1.500 |`);
  console.log('\nchosen hyper-parameters (validation HitRate@10 / NDCG@10):');
  for (const r of rows.filter((x) => x.hyper)) {
    const val = r.validation ? ` (validation ${r.validation.hitRate.toFixed(4)} / ${r.validation.ndcg.toFixed(4)})` : '';
    console.log(`  ${r.name}: ${JSON.stringify(r.hyper)}${val}`);
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`\nheld-out item is one of the 10 most popular training items: ${pct(diagnostics.heldOutInTop10Popular)} of test cases`);
  console.log(`held-out item never bought with any seed item in training: ${pct(diagnostics.heldOutNeverWithSeed)} of test cases`);
  console.log(`| seed size | cases | popularity HitRate@${K} | softmax classifier HitRate@${K} |`);
  console.log('|---|---|---|---|');
  for (const g of diagnostics.bySeedSize) {
    console.log(`| ${g.seedSize} | ${g.cases} | ${g.popularity.toFixed(4)} | ${g.classifier.toFixed(4)} |`);
  }
  console.log(`run time ${meta.seconds.toFixed(1)} s`);
}

await main();
