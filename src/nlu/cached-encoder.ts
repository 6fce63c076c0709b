import type { Encoder } from './encoder.ts';
import type { EmbeddingCache } from './embedding-cache.ts';

export interface CachedEncoderOptions {
  /**
   * Whether a call with a single text (a live customer message, a search query) is written to the persistent
   * cache. Serving turns this off: customer messages are not kept on disk, would grow the file without bound and
   * would cost a disk sync per message. They go to a small in-memory LRU instead, so the same sentence embedded twice
   * in one turn (NLU, then knowledge search) is computed once.
   */
  persistSingles?: boolean;
  recentLimit?: number;
}

/** Embeds only the texts the cache has not seen (deduplicated), then flushes the cache once per call. */
export class CachedEncoder implements Encoder {
  readonly modelId: string;
  readonly dim: number;
  hits = 0;
  misses = 0;
  private readonly recent = new Map<string, Float32Array>();

  constructor(
    private readonly inner: Encoder,
    private readonly cache: EmbeddingCache,
    private readonly options: CachedEncoderOptions = {},
  ) {
    this.modelId = inner.modelId;
    this.dim = inner.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 1 && this.options.persistSingles === false) return [await this.embedLive(texts[0])];
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

  /** The encoder behind the cache (e.g. an EncoderPool, whose stats and memory a benchmark reports). */
  get innerEncoder(): Encoder {
    return this.inner;
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  private async embedLive(text: string): Promise<Float32Array> {
    const known = this.cache.get(this.modelId, text) ?? this.recent.get(text);
    if (known) {
      this.hits += 1;
      return known;
    }
    this.misses += 1;
    const [vector] = await this.inner.embed([text]);
    this.recent.set(text, vector);
    if (this.recent.size > (this.options.recentLimit ?? 1000)) this.recent.delete(this.recent.keys().next().value!);
    return vector;
  }
}
