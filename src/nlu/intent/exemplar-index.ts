import * as tf from '@tensorflow/tfjs';
import { dot } from '../../core/dot-product.ts';
/**
 * The training embeddings grouped by intent, for "how close is this message to anything we were taught?".
 * Out-of-scope messages can get a confident softmax (it must pick some class) yet sit far from every training
 * example of that class; the nearest-exemplar cosine is the detector's strongest signal besides the softmax.
 */
export class ExemplarIndex {
  constructor(
    readonly dim: number,
    /** Unit-length vectors, grouped by class: rows offsets[c] .. offsets[c+1]-1 belong to class c. */
    readonly vectors: Float32Array,
    readonly offsets: Int32Array,
  ) {}

  static build(x: readonly Float32Array[], labels: Int32Array, numClasses: number): ExemplarIndex {
    const dim = x[0]?.length ?? 0;
    const counts = new Int32Array(numClasses + 1);
    for (const l of labels) counts[l + 1]++;
    for (let c = 0; c < numClasses; c++) counts[c + 1] += counts[c];
    const offsets = counts.slice();
    const cursor = counts.slice(0, numClasses);
    const vectors = new Float32Array(x.length * dim);
    x.forEach((v, i) => {
      const row = cursor[labels[i]]++;
      vectors.set(unit(v), row * dim);
    });
    return new ExemplarIndex(dim, vectors, offsets);
  }

  /**
   * For each query, the highest cosine to each class's exemplars: one batched matrix product per chunk of queries
   * (TF.js), for callers that need every class for many messages at once (calibration).
   */
  maxCosineTable(queries: readonly Float32Array[], chunk = 256): Float32Array[] {
    const d = this.dim;
    const n = this.vectors.length / d;
    const numClasses = this.offsets.length - 1;
    const out: Float32Array[] = [];
    // Transposed here, in plain TS: on the wasm backend a matMul with transposeB is many times slower.
    const transposed = new Float32Array(n * d);
    for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) transposed[i * n + r] = this.vectors[r * d + i];
    const E = tf.tensor2d(transposed, [d, n]);
    try {
      for (let start = 0; start < queries.length; start += chunk) {
        const part = queries.slice(start, start + chunk);
        const flat = new Float32Array(part.length * d);
        part.forEach((q, i) => flat.set(unit(q), i * d));
        const sims = tf.tidy(() => tf.matMul(tf.tensor2d(flat, [part.length, d]), E)).dataSync();
        part.forEach((_, i) => {
          const row = new Float32Array(numClasses).fill(-1);
          for (let c = 0; c < numClasses; c++) {
            for (let r = this.offsets[c]; r < this.offsets[c + 1]; r++) if (sims[i * n + r] > row[c]) row[c] = sims[i * n + r];
          }
          out.push(row);
        });
      }
    } finally {
      E.dispose();
    }
    return out;
  }

  /** Highest cosine between the (unit) query and the exemplars of class c; -1 for a class without exemplars. */
  maxCosine(query: Float32Array, c: number): number {
    let best = -1;
    for (let r = this.offsets[c]; r < this.offsets[c + 1]; r++) {
      const cosine = dot(query, this.vectors, r * this.dim);
      if (cosine > best) best = cosine;
    }
    return best;
  }
}

export function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  // A plain loop: Float32Array.from with a map callback made building the index of 15k examples take 0.5 s.
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * s;
  return out;
}
