import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffleInPlace } from '../../core/seeded-random.ts';

/**
 * The TF.js head: a linear softmax layer on the standardised sentence embedding, trained with Adam in mini-batches.
 *
 * Gradients are written out by hand (two matmuls) instead of using autodiff: on the wasm backend autodiff's
 * weight gradient is a transposed-A matmul, about 30x slower than the same product with the transpose done
 * explicitly on the small [batch x classes] side. The standardisation is folded into the weights after training,
 * so serving is one [dim x classes] product in plain TypeScript with no tensors and no backend round trip.
 */
export interface HeadTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Per-class loss weights (class balancing). */
  classWeights?: Float32Array;
  /** Continue from this head (its weights are in raw-input space; they are mapped back into the new standardisation). */
  init?: EmbeddingLinearHead;
}

export class EmbeddingLinearHead {
  constructor(
    readonly inputDim: number,
    readonly numClasses: number,
    /** [input][class] on the raw embedding. */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {}

  logits(x: Float32Array, out: Float32Array): Float32Array {
    const C = this.numClasses;
    out.set(this.bias);
    for (let i = 0; i < this.inputDim; i++) {
      const v = x[i];
      if (v === 0) continue;
      const base = i * C;
      for (let c = 0; c < C; c++) out[c] += v * this.weights[base + c];
    }
    return out;
  }

  static train(x: readonly Float32Array[], labels: Int32Array, numClasses: number, o: HeadTrainOptions): EmbeddingLinearHead {
    const D = x[0].length;
    const flat = new Float32Array(x.length * D);
    x.forEach((v, i) => flat.set(v, i * D));
    const { mean, std } = columnMoments(flat, D);
    for (let k = 0; k < flat.length; k++) flat[k] = (flat[k] - mean[k % D]) / std[k % D];
    const init = o.init ? toStandardised(o.init, mean, std) : undefined;
    const X = tf.tensor2d(flat, [x.length, D]);
    const W = tf.variable(init ? tf.tensor2d(init.weights, [D, numClasses]) : tf.zeros([D, numClasses]));
    const b = tf.variable(init ? tf.tensor1d(init.bias) : tf.zeros([numClasses]));
    const optimizer = new ScheduledAdam(o.learningRate);
    try {
      fit(X, labels, W, b, optimizer, o);
      const [w, bias] = [W.dataSync() as Float32Array, b.dataSync() as Float32Array];
      return fromStandardised(D, numClasses, w, bias, mean, std);
    } finally {
      [X, W, b].forEach((t) => t.dispose());
      optimizer.dispose();
    }
  }
}

/** Adam (tf.train.adam's defaults) whose learning rate can follow a schedule. */
class ScheduledAdam extends tf.AdamOptimizer {
  constructor(rate: number) {
    super(rate, 0.9, 0.999, 1e-7);
  }
  setRate(rate: number): void {
    this.learningRate = rate;
  }
}

function fit(X: tf.Tensor2D, labels: Int32Array, W: tf.Variable, b: tf.Variable, optimizer: ScheduledAdam, o: HeadTrainOptions): void {
  const C = b.shape[0];
  const weightOf = o.classWeights ?? new Float32Array(C).fill(1);
  const random = seededRandom(o.seed);
  const order = Int32Array.from(labels.keys());
  const totalSteps = o.epochs * Math.ceil(order.length / o.batchSize);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    // Our own seeded shuffle keeps runs reproducible.
    shuffleInPlace(order, random);
    for (let start = 0; start < order.length; start += o.batchSize) {
      const ids = order.subarray(start, start + o.batchSize);
      const rowWeights = Float32Array.from(ids, (n) => weightOf[labels[n]]);
      const norm = rowWeights.reduce((s, w) => s + w, 0);
      // Linear decay to a tenth of the initial rate, as in the joint model.
      optimizer.setRate(o.learningRate * (1 - (0.9 * step++) / totalSteps));
      tf.tidy(() => {
        const xb = tf.gather(X, tf.tensor1d(ids, 'int32'));
        const yb = tf.oneHot(tf.tensor1d(Int32Array.from(ids, (n) => labels[n]), 'int32'), C);
        const probs = tf.softmax(tf.add(tf.matMul(xb, W), b));
        // d(weighted mean cross-entropy)/d(logits), then the weight gradient as (G^T X)^T (see the class comment).
        const g = tf.mul(tf.sub(probs, yb), tf.tensor2d(rowWeights, [ids.length, 1])).div(norm);
        const dW = tf.matMul(tf.transpose(g), xb).transpose();
        optimizer.applyGradients([{ name: W.name, tensor: dW }, { name: b.name, tensor: tf.sum(g, 0) }]);
      });
    }
  }
}

function columnMoments(flat: Float32Array, D: number): { mean: Float32Array; std: Float32Array } {
  const n = flat.length / D;
  const mean = new Float32Array(D);
  const std = new Float32Array(D);
  for (let k = 0; k < flat.length; k++) mean[k % D] += flat[k] / n;
  for (let k = 0; k < flat.length; k++) std[k % D] += (flat[k] - mean[k % D]) ** 2 / n;
  // The floor keeps a constant dimension (tiny test sets) from dividing by zero.
  for (let i = 0; i < D; i++) std[i] = Math.sqrt(std[i]) + 1e-3;
  return { mean, std };
}

/** Raw-space head for standardised inputs z = (x - mean) / std:  w_z = w_x * std,  b_z = b_x + sum_i mean_i w_x. */
function toStandardised(h: EmbeddingLinearHead, mean: Float32Array, std: Float32Array): { weights: Float32Array; bias: Float32Array } {
  const C = h.numClasses;
  const weights = Float32Array.from(h.weights, (w, k) => w * std[Math.floor(k / C)]);
  const bias = Float32Array.from(h.bias, (b0, c) => {
    let b = b0;
    for (let i = 0; i < mean.length; i++) b += mean[i] * h.weights[i * C + c];
    return b;
  });
  return { weights, bias };
}

/** Inverse of toStandardised: w_x = w_z / std,  b_x = b_z - sum_i mean_i w_x. */
function fromStandardised(D: number, C: number, w: Float32Array, b: Float32Array, mean: Float32Array, std: Float32Array): EmbeddingLinearHead {
  const weights = Float32Array.from(w, (v, k) => v / std[Math.floor(k / C)]);
  const bias = Float32Array.from(b, (b0, c) => {
    let v = b0;
    for (let i = 0; i < D; i++) v -= mean[i] * weights[i * C + c];
    return v;
  });
  return new EmbeddingLinearHead(D, C, weights, bias);
}
