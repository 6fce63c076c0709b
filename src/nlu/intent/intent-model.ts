import type { EmbeddingMlpHead } from './embedding-mlp-head.ts';
import { ExemplarIndex, unit } from './exemplar-index.ts';
import { softmaxInPlace, type SparseSoftmaxModel } from './sparse-softmax-model.ts';
import type { TextFeaturizer } from './text-features.ts';

/** Names of the signals the out-of-scope detector combines, in vector order (also written to the manifest). */
export const OOS_FEATURES = ['maxProb', 'margin', 'lexMaxProb', 'mlpMaxProb', 'nearestTop1', 'nearestTop3'] as const;

export interface ModelOutput {
  /** Probabilities over the model's intents, index-aligned with `intents`. */
  probs: Float32Array;
  oosFeatures: Float32Array;
}

/**
 * The ensemble without any out-of-scope decision: a lexical softmax model (plain TS) and an embedding MLP (TF.js
 * trained) whose log-probabilities are mixed with a weight chosen on held-out data. The two see different evidence
 * (surface n-grams vs meaning), so their errors overlap little and the mix beats either alone.
 */
export class IntentModel {
  constructor(
    readonly intents: readonly string[],
    readonly featurizer: TextFeaturizer,
    readonly lexical: SparseSoftmaxModel,
    readonly mlp: EmbeddingMlpHead,
    readonly exemplars: ExemplarIndex,
    /** Weight of the lexical model's log-probabilities; 1 - lexWeight goes to the MLP. */
    readonly lexWeight: number,
  ) {}

  /** Both members' log-probabilities, so a caller can try several mixes without recomputing them. */
  memberLogProbs(vector: Float32Array, text: string): { lex: Float32Array; mlp: Float32Array } {
    const C = this.intents.length;
    const lex = softmaxToLog(this.lexical.logits(this.featurizer.transform(text), new Float32Array(C)));
    const mlp = softmaxToLog(this.mlp.logits(vector, new Float32Array(C)));
    return { lex, mlp };
  }

  run(vector: Float32Array, text: string, lexWeight = this.lexWeight): ModelOutput {
    const { lex, mlp } = this.memberLogProbs(vector, text);
    const probs = mix(lex, mlp, lexWeight);
    return { probs, oosFeatures: this.oosFeatures(probs, lex, mlp, vector) };
  }

  oosFeatures(probs: Float32Array, lex: Float32Array, mlp: Float32Array, vector: Float32Array): Float32Array {
    const [first, second, third] = topK(probs, 3);
    const q = unit(vector);
    const near1 = this.exemplars.maxCosine(q, first);
    let near3 = near1;
    for (const c of [second, third]) if (c !== undefined) near3 = Math.max(near3, this.exemplars.maxCosine(q, c));
    return Float32Array.of(
      probs[first],
      probs[first] - (second === undefined ? 0 : probs[second]),
      Math.exp(maxOf(lex)),
      Math.exp(maxOf(mlp)),
      near1,
      near3,
    );
  }
}

export function mix(lex: Float32Array, mlp: Float32Array, lexWeight: number): Float32Array {
  const z = Float32Array.from(lex, (l, c) => lexWeight * l + (1 - lexWeight) * mlp[c]);
  softmaxInPlace(z);
  return z;
}

function softmaxToLog(z: Float32Array): Float32Array {
  softmaxInPlace(z);
  for (let i = 0; i < z.length; i++) z[i] = Math.log(Math.max(z[i], 1e-12));
  return z;
}

function maxOf(a: Float32Array): number {
  let m = -Infinity;
  for (const x of a) if (x > m) m = x;
  return m;
}

/** Indices of the k largest values, largest first. */
export function topK(a: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < a.length; i++) {
    let pos = best.length;
    while (pos > 0 && a[best[pos - 1]] < a[i]) pos--;
    if (pos < k) {
      best.splice(pos, 0, i);
      if (best.length > k) best.pop();
    }
  }
  return best;
}
