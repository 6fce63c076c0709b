import * as tf from '@tensorflow/tfjs';
import { ShopmateError } from '../../core/errors.ts';
import { LEXICAL_FEATURE_NAMES, lexicalFeatures } from './lexical-features.ts';
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentResult } from './sentiment-types.ts';

/** What the head sees and how big it is; stored in the manifest so a loaded model is rebuilt identically. */
export interface SentimentFeatureSettings {
  /** Appends LEXICAL_FEATURE_NAMES (AFINN valence, negations, "!", capitals, "?") to the embedding. */
  lexical: boolean;
  /** Width of the hidden ReLU layer; 0 = a linear (softmax regression) head. */
  hidden: number;
  l2: number;
}

export interface SentimentModelInfo {
  version: string;
  encoderId: string;
  encoderDim: number;
  features: SentimentFeatureSettings;
  /** angerScore at or above this (on a negative message) sets `angry`. */
  angerThreshold: number;
  /** Training metrics and counts, copied into the manifest. */
  metrics: Record<string, number>;
  counts: Record<string, number>;
}

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export function inputDim(encoderDim: number, features: SentimentFeatureSettings): number {
  return encoderDim + (features.lexical ? LEXICAL_FEATURE_NAMES.length : 0);
}

/** A small dense head; the seed fixes the initial weights so training is reproducible. */
export function buildHead(dim: number, features: SentimentFeatureSettings, units: number, seed: number): tf.Sequential {
  const kernelRegularizer = features.l2 > 0 ? tf.regularizers.l2({ l2: features.l2 }) : undefined;
  const model = tf.sequential();
  if (features.hidden > 0) {
    const kernelInitializer = tf.initializers.glorotUniform({ seed });
    model.add(tf.layers.dense({ inputShape: [dim], units: features.hidden, activation: 'relu', kernelRegularizer, kernelInitializer }));
  }
  model.add(
    tf.layers.dense({
      ...(features.hidden > 0 ? {} : { inputShape: [dim] }),
      units,
      activation: units === 1 ? 'sigmoid' : 'softmax',
      kernelRegularizer,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  return model;
}

/**
 * Three-way sentiment (softmax) plus a separate anger head (sigmoid) over [USE embedding | lexical features].
 * Two heads rather than one four-way softmax because anger is a property of some negatives, not a fourth class.
 */
export class SentimentModel {
  constructor(
    readonly info: SentimentModelInfo,
    readonly polarityHead: tf.LayersModel,
    readonly angerHead: tf.LayersModel,
  ) {}

  get version(): string {
    return this.info.version;
  }

  /** Row-major feature matrix for `vectors` (the encoder's embeddings of `texts`). */
  featurize(vectors: Float32Array[], texts: string[]): tf.Tensor2D {
    const { encoderDim, features } = this.info;
    if (vectors.length !== texts.length) {
      throw new ShopmateError('ENCODER_INPUT', `got ${vectors.length} vectors for ${texts.length} texts`);
    }
    const dim = inputDim(encoderDim, features);
    const data = new Float32Array(vectors.length * dim);
    vectors.forEach((v, i) => {
      if (v.length !== encoderDim) {
        throw new ShopmateError('ENCODER_INPUT', `vector ${i} has ${v.length} dimensions, the model expects ${encoderDim}`);
      }
      data.set(v, i * dim);
      if (features.lexical) data.set(lexicalFeatures(texts[i]), i * dim + encoderDim);
    });
    return tf.tensor2d(data, [vectors.length, dim]);
  }

  predict(vectors: Float32Array[], texts: string[]): SentimentResult[] {
    if (vectors.length === 0) return [];
    const [probs, anger] = tf.tidy(() => {
      const x = this.featurize(vectors, texts);
      return [this.polarityHead.predict(x) as tf.Tensor, this.angerHead.predict(x) as tf.Tensor];
    });
    const p = probs.dataSync();
    const a = anger.dataSync();
    probs.dispose();
    anger.dispose();
    return texts.map((_, i) => this.result(Array.from(p.subarray(i * 3, i * 3 + 3)), a[i]));
  }

  private result(raw: number[], angerScore: number): SentimentResult {
    // Renormalise in double precision: float32 softmax outputs can miss 1 by an ulp or two.
    const total = raw.reduce((s, x) => s + x, 0);
    const scores = Object.fromEntries(SENTIMENT_LABELS.map((l, k) => [l, raw[k] / total])) as Record<SentimentLabel, number>;
    const label = SENTIMENT_LABELS.reduce((best, l) => (scores[l] > scores[best] ? l : best), SENTIMENT_LABELS[0]);
    // Anger is never positive ("I'm so mad about how good this is"); a furious demand can read as neutral ("I want
    // to speak to a manager immediately"), so neutral counts (the threshold is calibrated on calm messages the same way).
    return { label, scores, angry: label !== 'positive' && angerScore >= this.info.angerThreshold, angerScore };
  }

  /** Every weight tensor of both heads, in a fixed order (polarity then anger), for persistence. */
  weights(): NamedWeight[] {
    const named = (prefix: string, m: tf.LayersModel) =>
      m.getWeights().map((w, i) => ({ name: `${prefix}/${i}`, shape: w.shape, values: w.dataSync() as Float32Array }));
    return [...named('polarity', this.polarityHead), ...named('anger', this.angerHead)];
  }

  dispose(): void {
    this.polarityHead.dispose();
    this.angerHead.dispose();
  }
}
