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

  /** Highest cosine between the (unit) query and the exemplars of class c; -1 for a class without exemplars. */
  maxCosine(query: Float32Array, c: number): number {
    let best = -1;
    const d = this.dim;
    for (let r = this.offsets[c]; r < this.offsets[c + 1]; r++) {
      let dot = 0;
      const base = r * d;
      for (let i = 0; i < d; i++) dot += query[i] * this.vectors[base + i];
      if (dot > best) best = dot;
    }
    return best;
  }
}

export function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  return Float32Array.from(v, (x) => x * s);
}
