import { seededRandom, shuffleInPlace } from './seeded-random.ts';
import type { SparseRow } from './text-features.ts';

/**
 * Multinomial logistic regression over sparse lexical rows, trained in plain TypeScript. TF.js has no sparse
 * matmul gradient on the wasm backend, and densifying 50k+ n-gram features per row would cost far more than this
 * loop: a forward pass touches only the row's non-zeros (about 150) times the number of classes.
 */
export interface SparseTrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-example loss weights (class balancing); defaults to 1. */
  weights?: Float32Array;
  /** Continue from this model's weights (copied, not modified) instead of zeros. */
  init?: SparseSoftmaxModel;
}

export function softmaxInPlace(z: Float32Array | Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > max) max = z[i];
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp(z[i] - max);
  for (let i = 0; i < z.length; i++) z[i] /= sum;
}

export class SparseSoftmaxModel {
  constructor(
    readonly numFeatures: number,
    readonly numClasses: number,
    /** Feature-major [feature][class], so one non-zero updates one contiguous slice. */
    readonly weights: Float32Array = new Float32Array(numFeatures * numClasses),
    readonly bias: Float32Array = new Float32Array(numClasses),
  ) {}

  /** Raw class scores (logits) of one row into `out`. */
  logits(row: SparseRow, out: Float32Array, scale = 1): Float32Array {
    const C = this.numClasses;
    const W = this.weights;
    out.fill(0);
    for (let k = 0; k < row.idx.length; k++) {
      const v = row.val[k];
      const base = row.idx[k] * C;
      for (let c = 0; c < C; c++) out[c] += v * W[base + c];
    }
    for (let c = 0; c < C; c++) out[c] = out[c] * scale + this.bias[c];
    return out;
  }

  static train(rows: SparseRow[], labels: Int32Array, numFeatures: number, numClasses: number, o: SparseTrainOptions): SparseSoftmaxModel {
    const model = o.init
      ? new SparseSoftmaxModel(numFeatures, numClasses, o.init.weights.slice(), o.init.bias.slice())
      : new SparseSoftmaxModel(numFeatures, numClasses);
    const C = numClasses;
    const W = model.weights;
    const p = new Float32Array(C);
    const active = new Int32Array(C);
    const grad = new Float32Array(C);
    const order = Int32Array.from(rows.keys());
    const random = seededRandom(o.seed);
    // L2 decay is applied lazily through one global scale (W_true = scale * W), so a step stays sparse.
    let scale = 1;
    const totalSteps = o.epochs * rows.length;
    let step = 0;
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const n of order) {
        // Linear decay to a tenth of the initial rate: big steps early, a settled model at the end.
        const lr = o.learningRate * (1 - (0.9 * step++) / totalSteps);
        const row = rows[n];
        model.logits(row, p, scale);
        softmaxInPlace(p);
        p[labels[n]] -= 1;
        const w = o.weights ? o.weights[n] : 1;
        scale *= 1 - lr * o.l2;
        const g = (lr * w) / scale;
        // Classes the model already rules out get a near-zero gradient; skipping them keeps the update sparse.
        let nActive = 0;
        for (let c = 0; c < C; c++) {
          const gc = p[c];
          if (gc > -1e-3 && gc < 1e-3) continue;
          model.bias[c] -= lr * w * gc;
          active[nActive] = c;
          grad[nActive++] = g * gc;
        }
        for (let k = 0; k < row.idx.length; k++) {
          const base = row.idx[k] * C;
          const v = row.val[k];
          for (let j = 0; j < nActive; j++) W[base + active[j]] -= v * grad[j];
        }
        if (scale < 1e-3) {
          for (let i = 0; i < W.length; i++) W[i] *= scale;
          scale = 1;
        }
      }
    }
    for (let i = 0; i < W.length; i++) W[i] *= scale;
    return model;
  }
}
