import { createHash } from 'node:crypto';
import type { Encoder } from './encoder.ts';

/**
 * A deterministic in-memory encoder for tests: a bag of hashed lower-cased words and character trigrams,
 * L2-normalised. Sentences sharing words land close together, which is enough to exercise classifiers,
 * retrieval and the pipeline without loading TensorFlow.
 */
export class HashingEncoder implements Encoder {
  readonly modelId: string;
  calls = 0;

  constructor(readonly dim = 256) {
    this.modelId = `hashing-${dim}`;
  }

  private bucket(token: string): number {
    return createHash('md5').update(token).digest().readUInt32LE(0) % this.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls += 1;
    return texts.map((text) => {
      const v = new Float32Array(this.dim);
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      for (const w of words) {
        v[this.bucket('w:' + w)] += 1;
        const padded = ` ${w} `;
        for (let i = 0; i + 3 <= padded.length; i++) v[this.bucket('c:' + padded.slice(i, i + 3))] += 0.3;
      }
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < v.length; i++) v[i] /= norm;
      return v;
    });
  }
}
