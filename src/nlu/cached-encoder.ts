import type { Encoder } from './encoder.ts';
import type { EmbeddingCache } from './embedding-cache.ts';

/** Embeds only the texts the cache has not seen (deduplicated), then flushes the cache once per call. */
export class CachedEncoder implements Encoder {
  readonly modelId: string;
  readonly dim: number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly inner: Encoder,
    private readonly cache: EmbeddingCache,
  ) {
    this.modelId = inner.modelId;
    this.dim = inner.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Array<Float32Array | undefined> = texts.map((t) => this.cache.get(this.modelId, t));
    const missing = [...new Set(texts.filter((_, i) => out[i] === undefined))];
    this.hits += texts.length - texts.filter((_, i) => out[i] === undefined).length;
    this.misses += missing.length;
    if (missing.length > 0) {
      const vectors = await this.inner.embed(missing);
      missing.forEach((t, i) => this.cache.set(this.modelId, t, vectors[i]));
      this.cache.flush();
      texts.forEach((t, i) => (out[i] ??= this.cache.get(this.modelId, t)));
    }
    return out as Float32Array[];
  }
}
