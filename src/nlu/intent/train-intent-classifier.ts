import { createHash } from 'node:crypto';
import { ShopmateError } from '../../core/errors.ts';
import { signTestP } from '../../core/sign-test.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import type { Encoder } from '../encoder.ts';
import { cleanText } from '../text-hygiene.ts';
import { OOS_LABEL, type LabeledText } from './intent-classifier.ts';
import { IntentModel, mixedScores, mixWithNearest, OOS_FEATURES } from './intent-model.ts';
import { chooseThreshold, OosDetector } from './oos-detector.ts';
import { stratifiedHoldout } from './stratified-holdout.ts';
import { TextFeaturizer } from './text-features.ts';
import { defaultTrainSettings, trainMembers, type Members, type TrainSettings } from './train-members.ts';
import { TrainedIntentClassifier, type CalibrationMetrics, type TrainingCounts } from './trained-intent-classifier.ts';

export interface TrainIntentOptions {
  /** In-scope examples plus, optionally, out-of-scope negatives labelled 'oos'. */
  examples: LabeledText[];
  encoder: Encoder;
  seed?: number;
  logger?: Logger;
  onProgress?: (message: string) => void;
  maxInputChars?: number;
  /** Expert override of the defaults (benchmarks, experiments). */
  settings?: TrainSettings;
}

/** With fewer held-out negatives or positives the detector cannot learn weights; it uses the fixed blend. */
const MIN_NEGATIVES = 20;
const MIN_HELD_OUT = 50;

function prepare(examples: LabeledText[], maxChars: number): { texts: string[]; labels: string[] } {
  const texts: string[] = [];
  const labels: string[] = [];
  examples.forEach((e, i) => {
    const text = typeof e?.text === 'string' ? cleanText(e.text, maxChars) : '';
    if (text === '' || typeof e.label !== 'string' || e.label === '') {
      throw new ShopmateError('TRAINING_DATA_INVALID', `training example ${i} needs a non-empty text and label`, { details: { index: i } });
    }
    texts.push(text);
    labels.push(e.label);
  });
  return { texts, labels };
}

/**
 * Trains the intent ensemble and calibrates its out-of-scope threshold without any hand-set number:
 * 1. hold out a stratified share of the in-scope examples and train on the rest;
 * 2. on the held-out part choose the joint/head mix weight and the nearest-exemplar weight, fit the out-of-scope detector (held-out in-scope vs
 *    the 'oos' negatives) and choose the threshold that maximises in-scope accuracy + out-of-scope recall;
 * 3. continue both members on all in-scope examples for about one epoch at a lower rate; keep the chosen mix,
 *    detector and threshold. The held-out share is small (10 %) and the continuation short, so the whole run costs
 *    about 1.3 trainings instead of two, and the final model still learns from every example.
 */
export async function trainIntentClassifier(options: TrainIntentOptions): Promise<TrainedIntentClassifier> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const logger = options.logger ?? silentLogger;
  const progress = (msg: string, fields: Record<string, unknown> = {}) => {
    logger.info(`intent training: ${msg}`, fields);
    options.onProgress?.(msg);
  };
  const { texts, labels } = prepare(options.examples, options.maxInputChars ?? 1000);
  const intents = [...new Set(labels.filter((l) => l !== OOS_LABEL))].sort();
  if (intents.length < 2) {
    throw new ShopmateError('TRAINING_DATA_INVALID', `need at least 2 intents to train, got ${intents.length}`, { details: { intents } });
  }
  const settings = options.settings ?? defaultTrainSettings(texts.length);
  progress('embedding examples', { examples: texts.length });
  const vectors = await options.encoder.embed(texts);
  const classOf = new Map(intents.map((l, i) => [l, i]));
  const inIdx = labels.flatMap((l, i) => (l === OOS_LABEL ? [] : [i]));
  const negIdx = labels.flatMap((l, i) => (l === OOS_LABEL ? [i] : []));
  const y = Int32Array.from(inIdx, (i) => classOf.get(labels[i])!);
  const pick = <T>(arr: readonly T[], idx: readonly number[]) => idx.map((i) => arr[i]);

  const inTexts = pick(texts, inIdx);
  const inVectors = pick(vectors, inIdx);
  // The vocabulary is fitted on all in-scope texts once (no labels involved), so the calibration model's weights
  // line up with the final model's and can be continued instead of retrained from zero.
  const featurizer = TextFeaturizer.fit(inTexts, settings.features);
  const rows = inTexts.map((t) => featurizer.transform(t));
  const { train, heldOut } = stratifiedHoldout(y, settings.holdoutFraction, seed);
  progress('training calibration model', { train: train.length, heldOut: heldOut.length, features: featurizer.size });
  const subset = Int32Array.from(train, (i) => y[i]);
  const part = trainMembers(featurizer, pick(rows, train), pick(inVectors, train), subset, intents.length, settings, seed);
  const heldY = Int32Array.from(heldOut, (i) => y[i]);
  const probe = (mixing: Mixing, m: Members) => new IntentModel({ intents, featurizer, ...m, ...mixing });
  const calibration = calibrate(probe, part, pick(inTexts, heldOut), pick(inVectors, heldOut), heldY, pick(texts, negIdx), pick(vectors, negIdx));
  progress('calibrated', { ...calibration.metrics, threshold: calibration.threshold });

  progress('continuing the model on all examples');
  const full = trainMembers(featurizer, rows, inVectors, y, intents.length, settings, seed, part);
  const model = probe(calibration.mixing, full);
  const trainSeconds = (performance.now() - started) / 1000;
  const trainedAt = new Date().toISOString();
  const counts: TrainingCounts = {
    examples: inIdx.length,
    intents: intents.length,
    oosNegatives: negIdx.length,
    perIntent: Object.fromEntries(intents.map((l, c) => [l, y.filter((v) => v === c).length])),
  };
  const version = versionFor(trainedAt, texts, labels, seed);
  progress('done', { version, trainSeconds });
  return new TrainedIntentClassifier(model, calibration.detector, calibration.threshold, {
    version,
    encoderId: options.encoder.modelId,
    trainedAt,
    trainSeconds,
    seed,
    metrics: calibration.metrics,
    counts,
    calibratedThreshold: calibration.threshold,
  });
}

export interface Mixing {
  jointWeight: number;
  knnWeight: number;
}

interface Calibration {
  mixing: Mixing;
  detector: OosDetector;
  threshold: number;
  metrics: CalibrationMetrics;
}

/**
 * The mix used unless the held-out data clearly says otherwise. Picking the held-out argmax of the grid below
 * followed noise: on dev data (3 stratified 15 % splits of BANKING77 train and CLINC150 val, 3 training seeds each)
 * the argmax averaged 92.77 %, this fixed mix 92.98 % (better in 9 of 12 runs), and the best mix in hindsight 93.17 %.
 * The 10 % held-out share cannot tell apart mixes 0.2 points apart, and the final model, continued on all examples,
 * is more confident than the calibration model the grid is scored on.
 */
export const DEFAULT_MIXING: Mixing = { jointWeight: 0.9, knnWeight: 10 };
/** Candidate mixes; another one replaces the default only if it wins a sign test at this level on held-out data. */
const JOINT_WEIGHTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9, 0, 1];
const KNN_WEIGHTS = [0, 5, 10, 20];
/** Strict because about 40 mixes are tried: by chance alone one of them would pass a 5 % test too often. */
const MIX_SWITCH_P = 0.01;

function calibrate(
  probeModel: (mixing: Mixing, m: Members) => IntentModel,
  m: Members,
  texts: string[],
  vectors: Float32Array[],
  y: Int32Array,
  negTexts: string[],
  negVectors: Float32Array[],
): Calibration {
  const probe = probeModel(DEFAULT_MIXING, m);
  const members = texts.map((t, i) => probe.memberLogProbs(vectors[i], t));
  // Every held-out message's (and negative's) nearest exemplar per class in one batched product: the grid below
  // would otherwise scan the same exemplars again for every weight it tries.
  const lookups = m.exemplars.maxCosineTable([...vectors, ...negVectors]).map((row) => (c: number) => row[c]);
  const near = lookups.slice(0, vectors.length);
  const negNear = lookups.slice(vectors.length);
  const correctAt = (w: Mixing) => members.map((p, i) => argmax(mixedScores(p, near[i], w.jointWeight, w.knnWeight)) === y[i]);
  const accuracyAt = (w: Mixing) => correctAt(w).filter(Boolean).length / Math.max(1, y.length);
  const mixing = chooseMixing(correctAt);
  const model = probeModel(mixing, m);
  const held = members.map((p, i) => {
    const probs = mixWithNearest(p, near[i], mixing.jointWeight, mixing.knnWeight);
    return { probs, oosFeatures: model.oosFeatures(probs, p, near[i]) };
  });
  const negFeatures = negTexts.map((t, i) => model.run(negVectors[i], t, { near: negNear[i] }).oosFeatures);
  const detector =
    negFeatures.length >= MIN_NEGATIVES && held.length >= MIN_HELD_OUT
      ? OosDetector.fit(held.map((h) => h.oosFeatures), negFeatures)
      : OosDetector.blend(OOS_FEATURES.length);
  const scored = held.map((h, i) => ({ score: detector.score(h.oosFeatures), correct: argmax(h.probs) === y[i] }));
  const negScores = negFeatures.map((f) => detector.score(f));
  const threshold = chooseThreshold(scored, negScores);
  const metrics: CalibrationMetrics = {
    heldOut: y.length,
    heldOutNegatives: negScores.length,
    forcedAccuracy: accuracyAt(mixing),
    inScopeAccuracy: scored.filter((s) => s.correct && s.score >= threshold).length / Math.max(1, scored.length),
    oosRecall: negScores.length === 0 ? null : negScores.filter((s) => s < threshold).length / negScores.length,
    jointWeight: mixing.jointWeight,
    knnWeight: mixing.knnWeight,
    jointAccuracy: accuracyAt({ jointWeight: 1, knnWeight: 0 }),
    headAccuracy: accuracyAt({ jointWeight: 0, knnWeight: 0 }),
  };
  return { mixing, detector, threshold, metrics };
}

/**
 * DEFAULT_MIXING, unless some candidate beats it on held-out data by more than noise: the candidate with the
 * strongest one-sided sign test (examples only it gets right vs examples only the default gets right) replaces it
 * when that test's p-value is below MIX_SWITCH_P. A shop whose data really wants another mix (a small set where
 * the embedding head matters more, say) still gets it.
 */
export function chooseMixing(correctAt: (w: Mixing) => boolean[]): Mixing {
  const base = correctAt(DEFAULT_MIXING);
  let best = { mixing: DEFAULT_MIXING, p: MIX_SWITCH_P };
  for (const knnWeight of KNN_WEIGHTS) {
    for (const jointWeight of JOINT_WEIGHTS) {
      const mixing = { jointWeight, knnWeight };
      let gained = 0;
      let lost = 0;
      correctAt(mixing).forEach((ok, i) => {
        if (ok && !base[i]) gained++;
        if (!ok && base[i]) lost++;
      });
      // "The default is at least as good" is the null: how often would noise alone make it lose this many?
      const p = signTestP(gained, lost);
      if (p < best.p) best = { mixing, p };
    }
  }
  return best.mixing;
}

function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}

/**
 * Sortable by time; the suffix tells two models trained at once on different data apart. Milliseconds are kept: two
 * trainings on the same data within one second (a retrain with nothing new) must not get the same folder.
 */
function versionFor(trainedAt: string, texts: string[], labels: string[], seed: number): string {
  const stamp = trainedAt.replace(/[-:]/g, '').replace(/\.(\d{3})\d*Z$/, '$1Z');
  const h = createHash('sha1').update(String(seed));
  texts.forEach((t, i) => h.update(labels[i]).update('\u0000').update(t).update('\u0001'));
  return `intent-${stamp}-${h.digest('hex').slice(0, 6)}`;
}
