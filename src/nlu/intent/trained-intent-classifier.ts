import type { IntentClassifier, IntentResult } from './intent-classifier.ts';
import type { IntentModel } from './intent-model.ts';
import type { OosDetector } from './oos-detector.ts';

/** Held-out figures measured while calibrating (the model had not seen these examples). */
export interface CalibrationMetrics {
  heldOut: number;
  heldOutNegatives: number;
  /** Forced-choice accuracy of the mixed ensemble on held-out in-scope examples. */
  forcedAccuracy: number;
  /** Correct and not flagged, over held-out in-scope examples, at the calibrated threshold. */
  inScopeAccuracy: number;
  /** Share of held-out negatives flagged at the calibrated threshold; null without negatives. */
  oosRecall: number | null;
  jointWeight: number;
  /** Weight of the nearest-exemplar term (0: not used). */
  knnWeight: number;
  /** Accuracy of each member alone, to show what the mix buys. */
  jointAccuracy: number;
  headAccuracy: number;
}

export interface TrainingCounts {
  examples: number;
  intents: number;
  oosNegatives: number;
  perIntent: Record<string, number>;
}

export interface TrainedMeta {
  version: string;
  encoderId: string;
  trainedAt: string;
  trainSeconds: number;
  seed: number;
  metrics: CalibrationMetrics;
  counts: TrainingCounts;
  /** The threshold calibrated at training time (kept when a config override replaces `threshold`). */
  calibratedThreshold: number;
}

export class TrainedIntentClassifier implements IntentClassifier {
  constructor(
    readonly model: IntentModel,
    readonly detector: OosDetector,
    /** Messages whose in-scope score is below this are out of scope. */
    readonly threshold: number,
    readonly meta: TrainedMeta,
  ) {}

  get version(): string {
    return this.meta.version;
  }
  get encoderId(): string {
    return this.meta.encoderId;
  }
  get intents(): readonly string[] {
    return this.model.intents;
  }
  get metrics(): CalibrationMetrics {
    return this.meta.metrics;
  }
  get trainedAt(): string {
    return this.meta.trainedAt;
  }
  get trainSeconds(): number {
    return this.meta.trainSeconds;
  }

  /** The in-scope score alone (for threshold sweeps in benchmarks and evaluation). */
  inScopeScore(vector: Float32Array, text: string): number {
    return this.detector.score(this.model.run(vector, text).oosFeatures);
  }

  classify(vector: Float32Array, text: string): IntentResult {
    const { probs, oosFeatures } = this.model.run(vector, text);
    const inScopeScore = this.detector.score(oosFeatures);
    const ranking = this.model.intents
      .map((intent, i) => ({ intent, score: probs[i] }))
      .sort((a, b) => b.score - a.score || a.intent.localeCompare(b.intent));
    return { ranking, outOfScope: inScopeScore < this.threshold, inScopeScore };
  }

  classifyBatch(vectors: readonly Float32Array[], texts: readonly string[]): IntentResult[] {
    if (vectors.length !== texts.length) throw new RangeError(`classifyBatch: ${vectors.length} vectors but ${texts.length} texts`);
    return vectors.map((v, i) => this.classify(v, texts[i]));
  }

  /** The same model with another out-of-scope threshold (a configuration override); the original is untouched. */
  withThreshold(threshold: number): TrainedIntentClassifier {
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be within [0, 1], got ${threshold}`);
    return new TrainedIntentClassifier(this.model, this.detector, threshold, this.meta);
  }
}
