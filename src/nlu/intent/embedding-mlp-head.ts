import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';

/**
 * The TF.js head: a one-hidden-layer MLP (Dense-ReLU-Dropout-Dense) on the sentence embedding, trained with Adam.
 * Training uses TF.js (fast batched matmuls on the wasm backend); the trained weights are then copied into
 * Float32Arrays so classifying one message is a few hundred thousand multiply-adds in plain TypeScript, with no
 * tensor allocation or backend round trip on the serving path.
 */
export interface MlpTrainOptions {
  hidden: number;
  dropout: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Per-class loss weights (class balancing). */
  classWeights?: Float32Array;
  /** Continue from this head's weights instead of a fresh initialisation. */
  init?: EmbeddingMlpHead;
}

export class EmbeddingMlpHead {
  constructor(
    readonly inputDim: number,
    readonly hidden: number,
    readonly numClasses: number,
    /** [input][hidden], [hidden], [hidden][class], [class] — TF.js Dense kernel layout. */
    readonly w1: Float32Array,
    readonly b1: Float32Array,
    readonly w2: Float32Array,
    readonly b2: Float32Array,
  ) {}

  logits(x: Float32Array, out: Float32Array): Float32Array {
    const H = this.hidden;
    const C = this.numClasses;
    const h = new Float32Array(this.b1);
    for (let i = 0; i < this.inputDim; i++) {
      const v = x[i];
      if (v === 0) continue;
      const base = i * H;
      for (let j = 0; j < H; j++) h[j] += v * this.w1[base + j];
    }
    out.set(this.b2);
    for (let j = 0; j < H; j++) {
      const v = h[j];
      if (v <= 0) continue; // ReLU
      const base = j * C;
      for (let c = 0; c < C; c++) out[c] += v * this.w2[base + c];
    }
    return out;
  }

  static async train(x: Float32Array[], labels: Int32Array, numClasses: number, o: MlpTrainOptions): Promise<EmbeddingMlpHead> {
    const dim = x[0].length;
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [dim], units: o.hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }) }),
        tf.layers.dropout({ rate: o.dropout, seed: o.seed + 1 }),
        tf.layers.dense({ units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 2 }) }),
      ],
    });
    if (o.init) {
      const i = o.init;
      const initial = [tf.tensor2d(i.w1, [dim, o.hidden]), tf.tensor1d(i.b1), tf.tensor2d(i.w2, [o.hidden, numClasses]), tf.tensor1d(i.b2)];
      model.setWeights(initial);
      initial.forEach((t) => t.dispose());
    }
    const optimizer = tf.train.adam(o.learningRate);
    const random = seededRandom(o.seed + 3);
    const order = Int32Array.from(x.keys());
    const flat = new Float32Array(x.length * dim);
    x.forEach((v, i) => flat.set(v, i * dim));
    const weightOf = o.classWeights ?? new Float32Array(numClasses).fill(1);
    try {
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        // Our own seeded shuffle: model.fit's shuffle uses Math.random and would make runs differ.
        shuffleInPlace(order, random);
        for (let start = 0; start < order.length; start += o.batchSize) {
          const ids = order.subarray(start, start + o.batchSize);
          const bx = new Float32Array(ids.length * dim);
          ids.forEach((id, r) => bx.set(flat.subarray(id * dim, (id + 1) * dim), r * dim));
          const by = Int32Array.from(ids, (id) => labels[id]);
          const bw = Float32Array.from(by, (c) => weightOf[c]);
          tf.tidy(() => {
            const xs = tf.tensor2d(bx, [ids.length, dim]);
            const ys = tf.oneHot(tf.tensor1d(by, 'int32'), numClasses);
            const ws = tf.tensor1d(bw);
            optimizer.minimize(() => {
              const out = model.apply(xs, { training: true }) as tf.Tensor;
              return tf.losses.softmaxCrossEntropy(ys, out, ws) as tf.Scalar;
            });
          });
        }
      }
      const [w1, b1, w2, b2] = model.getWeights().map((t) => t.dataSync() as Float32Array);
      return new EmbeddingMlpHead(dim, o.hidden, numClasses, w1.slice(), b1.slice(), w2.slice(), b2.slice());
    } finally {
      model.dispose();
      optimizer.dispose();
    }
  }
}
