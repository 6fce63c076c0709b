/**
 * Continual-learning benchmark on CLINC150 (../shared/data/clinc150):
 *   node bin/run-ts.mjs bench/continual/run.ts [--json]
 * Starts from 30 intents (their train examples + oos_train as the initial intents/ data); then 4 stages of 30 new
 * intents arrive as customer messages that reach the review queue and are relabelled; after each stage the real
 * LearningLoop (worker-thread trainer, frozen regression set, real gate) retrains. Compared with (a) training on the
 * stage's new data only (trainIntentClassifier cannot continue a model, so this is a fresh model on the new examples),
 * (b) one from-scratch training on every train example seen so far (incl. the loop's held-out regression examples)
 * and (b=) one from-scratch training on exactly the loop's training data (everything seen minus the regression set):
 * the fair comparison of the loop's replay, since the loop gives up its regression share to be able to gate.
 * A last stage sends val-split messages of known intents with 30 % wrong relabels (fixed seed): the gate must refuse.
 * Embeddings come from data/cache (default data dir); models and the store live in a temp dir.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { buildTrainingData } from '../../src/learning/build-training-data.ts';
import { FrozenRegressionSet } from '../../src/learning/frozen-regression-set.ts';
import type { GateCheck } from '../../src/learning/gate.ts';
import { LearningLoop, type RetrainReport } from '../../src/learning/learning-loop.ts';
import { reviewExamples } from '../../src/learning/review-examples.ts';
import { StoreReviewedDataSource } from '../../src/learning/reviewed-data-source.ts';
import { WorkerThreadTrainer } from '../../src/learning/worker-thread-trainer.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import type { Encoder } from '../../src/nlu/encoder.ts';
import { loadIntentArtifact } from '../../src/nlu/intent/intent-artifact.ts';
import type { IntentClassifier, LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { trainIntentClassifier } from '../../src/nlu/intent/train-intent-classifier.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/store.ts';
import { loadClincStages, ofIntents } from './clinc-stages.ts';
import { reviewAsOperator } from './review-simulation.ts';

const json = process.argv.includes('--json');
const root = resolve(process.cwd(), '../shared/data/clinc150');
const SEED = 42;
const WRONG_SHARE = 0.3;

interface SystemFigures extends Measured {
  trainSeconds: number;
}
interface StageRow {
  stage: number;
  intentsSeen: number;
  newReviewed: number;
  loop: SystemFigures & { retrainSeconds: number; promoted: boolean; gate: string; version: string };
  gateChecks: GateCheck[];
  newOnly: SystemFigures;
  fromScratch: SystemFigures;
  sameData: SystemFigures;
}

/** In-scope accuracy like evaluateIntents (flagged out-of-scope counts as wrong), but labels unknown to the model
 * count as wrong instead of throwing: the new-data-only model does not know earlier intents. `byIntent` ignores the
 * out-of-scope flag (top intent only): it separates real forgetting from the re-calibrated threshold's swings. */
async function accuracy(model: IntentClassifier, encoder: Encoder, test: LabeledText[]): Promise<{ served: number; byIntent: number }> {
  const vectors = await encoder.embed(test.map((r) => r.text));
  const results = test.map((r, i) => ({ res: model.classify(vectors[i], r.text), label: r.label }));
  const top = results.filter(({ res, label }) => res.ranking[0].intent === label);
  return { served: top.filter(({ res }) => !res.outOfScope).length / test.length, byIntent: top.length / test.length };
}

type Measured = { accuracy: number; forgetting: number; intentAccuracy: number; intentForgetting: number };

/** Accuracy on the seen intents now, and the largest fall on any earlier group since right after it was learned. */
class Tracker {
  private readonly learned: Array<{ served: number; byIntent: number }> = [];
  constructor(private readonly groups: string[][], private readonly test: LabeledText[], private readonly encoder: Encoder) {}
  async measure(model: IntentClassifier, stage: number): Promise<Measured> {
    const seen = this.groups.slice(0, stage + 1).flat();
    const acc = await accuracy(model, this.encoder, ofIntents(this.test, seen));
    let forgetting = 0;
    let intentForgetting = 0;
    for (let g = 0; g <= stage; g++) {
      const now = await accuracy(model, this.encoder, ofIntents(this.test, this.groups[g]));
      if (g === stage) this.learned[g] = now;
      else {
        forgetting = Math.max(forgetting, this.learned[g].served - now.served);
        intentForgetting = Math.max(intentForgetting, this.learned[g].byIntent - now.byIntent);
      }
    }
    return { accuracy: acc.served, forgetting, intentAccuracy: acc.byIntent, intentForgetting };
  }
}

async function servingModel(store: Store): Promise<IntentClassifier> {
  const record = await store.models.getServing('intent');
  if (!record) throw new Error('no serving model after a run');
  return loadIntentArtifact(record.artifactDir);
}

/** Val messages of known intents; 30 % relabelled to a fixed wrong partner intent (a systematic operator mistake). */
function wrongRelabels(val: LabeledText[], intents: string[]): LabeledText[] {
  const random = seededRandom(SEED + 1);
  const partner = new Map(intents.map((l, i) => [l, intents[(i + 7) % intents.length]]));
  return val.filter((r) => partner.has(r.label)).map((r) => (random() < WRONG_SHARE ? { text: r.text, label: partner.get(r.label)! } : r));
}

/** The examples the loop's last candidate was trained on, rebuilt with the loop's own functions (the split is
 * frozen, so updating it again with the same reviewed items changes nothing). */
async function loopTrainingData(store: Store, base: LabeledText[], regressionDir: string): Promise<LabeledText[]> {
  const { examples: reviewed } = reviewExamples(await new StoreReviewedDataSource(store).listReviewed());
  const split = new FrozenRegressionSet({ dir: regressionDir, seed: SEED }).update(base, reviewed);
  return buildTrainingData({ base, reviewed, split, since: null, seed: SEED }).examples;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'train.jsonl'))) {
    console.log(`continual benchmark skipped: ${root} not found (the shared datasets are not part of a clone)`);
    return;
  }
  const config = loadConfig({ env: { ...process.env, SHOPMATE_LOG_LEVEL: 'warn' } });
  const logger = createLogger({ level: 'warn' });
  const encoder = await createEncoder({ config, logger });
  const data = loadClincStages(root, { groupSize: 30, seed: SEED });
  const work = mkdtempSync(join(tmpdir(), 'shopmate-continual-'));
  let ids = 0;
  const store = createMemoryStore({ newId: () => `id-${++ids}` }); // deterministic ids -> reproducible golden set
  const modelsDir = join(work, 'models', 'intent');
  const regressionDir = join(work, 'learning');
  const base = [...ofIntents(data.train, data.groups[0]), ...data.oosTrain];
  const loop = new LearningLoop({
    registry: store.models,
    reviewed: new StoreReviewedDataSource(store),
    baseExamples: () => base,
    regression: new FrozenRegressionSet({ dir: regressionDir, seed: SEED }),
    trainer: new WorkerThreadTrainer({ encoder: { kind: 'production', config }, modelsDir }),
    encoder,
    modelsDir,
    seed: SEED,
  });
  const loopTrack = new Tracker(data.groups, data.test, encoder);
  const newOnlyTrack = new Tracker(data.groups, data.test, encoder);
  const scratchTrack = new Tracker(data.groups, data.test, encoder);
  const sameTrack = new Tracker(data.groups, data.test, encoder);
  const rows: StageRow[] = [];
  try {
    for (let stage = 0; stage < data.groups.length; stage++) {
      const seen = data.groups.slice(0, stage + 1).flat();
      const newRows = ofIntents(data.train, data.groups[stage]);
      if (stage > 0) await reviewAsOperator(store, newRows, { known: new Set(data.groups.slice(0, stage).flat()), stage: `s${stage}` });
      const report = await loop.runOnce({ reason: `stage ${stage}` });
      const loopFig = await loopTrack.measure(await servingModel(store), stage);
      const [newOnly, newOnlySeconds] = await timed(() => trainIntentClassifier({ examples: stage === 0 ? base : newRows, encoder, seed: SEED }));
      const [scratch, scratchSeconds] = await timed(() => trainIntentClassifier({ examples: [...ofIntents(data.train, seen), ...data.oosTrain], encoder, seed: SEED }));
      const sameExamples = await loopTrainingData(store, base, regressionDir);
      const [same, sameSeconds] = await timed(() => trainIntentClassifier({ examples: sameExamples, encoder, seed: SEED }));
      rows.push({
        stage,
        intentsSeen: seen.length,
        newReviewed: report.newReviewedExamples,
        loop: { ...loopFig, trainSeconds: report.modelTrainSeconds, retrainSeconds: report.trainSeconds, promoted: report.promoted, gate: report.gate.reason, version: report.version },
        newOnly: { ...(await newOnlyTrack.measure(newOnly, stage)), trainSeconds: newOnlySeconds },
        fromScratch: { ...(await scratchTrack.measure(scratch, stage)), trainSeconds: scratchSeconds },
        sameData: { ...(await sameTrack.measure(same, stage)), trainSeconds: sameSeconds },
        gateChecks: report.gate.checks,
      });
      if (!json) console.error(`stage ${stage} done: ${JSON.stringify(rows.at(-1))}`);
    }
    const all = data.groups.flat();
    await reviewAsOperator(store, wrongRelabels(data.val, all), { known: new Set(all), stage: 'bad' });
    const bad = await loop.runOnce({ reason: 'stage with 30 % wrong relabels' });
    const record = await store.models.get(bad.version);
    printResults(rows, bad, record?.status ?? 'missing', record?.gate?.reason ?? null);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printResults(rows: StageRow[], bad: RetrainReport, badStatus: string, recordedReason: string | null): void {
  const last = rows.at(-1)!;
  const goals = {
    finalWithinOnePointOfScratch: last.fromScratch.accuracy - last.loop.accuracy <= 0.01,
    finalWithinOnePointOfSameData: last.sameData.accuracy - last.loop.accuracy <= 0.01,
    forgettingAtMostOnePoint: Math.max(...rows.map((r) => r.loop.forgetting)) <= 0.01,
    // The issue's goal: the loop forgets no more than one training on everything seen (b), plus one point.
    forgettingAtMostScratchPlusOnePoint: rows.every((r) => r.loop.forgetting <= r.fromScratch.forgetting + 0.01),
    intentForgettingAtMostOnePoint: Math.max(...rows.map((r) => r.loop.intentForgetting)) <= 0.01,
    retrainAtMost20s: Math.max(...rows.map((r) => r.loop.retrainSeconds)) <= 20,
    everyStagePromoted: rows.every((r) => r.loop.promoted),
    badStageRefused: !bad.promoted && badStatus === 'rejected',
  };
  const { overall, retained, labels, checks } = bad.gate;
  const badStage = { promoted: bad.promoted, registryStatus: badStatus, reason: bad.gate.reason, recordedReason, checks, overall, retained, labels, worstDrops: bad.gate.perIntent.slice(0, 5) };
  if (json) {
    console.log(JSON.stringify({ dataset: 'clinc150', seed: SEED, stages: rows, badStage, goals }));
    return;
  }
  const p = (x: number) => (x * 100).toFixed(1).padStart(5);
  const s = (x: number) => x.toFixed(1).padStart(5);
  console.log('accuracy / forgetting in % on the CLINC150 test split of the intents seen so far; times in s');
  console.log('stage intents new-reviewed | loop acc forget retrain gate     | (a) new-only acc forget train | (b) scratch acc forget train | (b=) same-data acc train');
  for (const r of rows) {
    console.log(
      `${String(r.stage).padStart(5)} ${String(r.intentsSeen).padStart(7)} ${String(r.newReviewed).padStart(12)} |   ${p(r.loop.accuracy)}  ${p(r.loop.forgetting)}   ${s(r.loop.retrainSeconds)} ${(r.loop.promoted ? 'promoted' : 'REFUSED').padEnd(8)} |             ${p(r.newOnly.accuracy)}  ${p(r.newOnly.forgetting)} ${s(r.newOnly.trainSeconds)} |            ${p(r.fromScratch.accuracy)}  ${p(r.fromScratch.forgetting)} ${s(r.fromScratch.trainSeconds)} |                ${p(r.sameData.accuracy)} ${s(r.sameData.trainSeconds)}`,
    );
  }
  console.log('\nforgetting per stage: the loop next to training once on everything seen (goal: loop <= (b) + 1 point)');
  console.log('stage | loop forget | (b) scratch forget | (b=) same-data forget | loop - (b) | goal');
  for (const r of rows) {
    const gap = r.loop.forgetting - r.fromScratch.forgetting;
    console.log(`${String(r.stage).padStart(5)} |       ${p(r.loop.forgetting)} |              ${p(r.fromScratch.forgetting)} |                 ${p(r.sameData.forgetting)} |      ${p(gap)} | ${gap <= 0.01 ? 'yes' : 'NO'}`);
  }
  console.log('\nby intent (top intent, out-of-scope flag ignored): acc / forgetting');
  for (const r of rows) {
    const f = (x: SystemFigures) => `${p(x.intentAccuracy)} ${p(x.intentForgetting)}`;
    console.log(`${String(r.stage).padStart(5)} | loop ${f(r.loop)} | (a) ${f(r.newOnly)} | (b) ${f(r.fromScratch)} | (b=) ${f(r.sameData)}`);
  }
  console.log('\ngate per stage:');
  for (const r of rows) console.log(`  stage ${r.stage}: ${r.loop.gate}`);
  console.log(`\nbad stage (30 % wrong relabels): ${bad.promoted ? 'PROMOTED' : 'refused'}; registry status ${badStatus}`);
  console.log(`  recorded reason: ${recordedReason}`);
  for (const c of checks) console.log(`  ${c.passed ? 'ok  ' : 'FAIL'} ${c.rule}: ${c.detail}`);
  console.log(`\ngoals: ${Object.entries(goals).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
}

await main();
