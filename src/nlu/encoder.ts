/**
 * Turns sentences into fixed-size vectors. Implementations: UseLiteEncoder (the real model), EncoderPool (the real model
 * on worker threads), HashingEncoder (deterministic, in memory, for tests) and CachedEncoder (wraps any encoder with a
 * persistent cache).
 */
export interface Encoder {
  /** Identifies the model and its weights; cache entries and trained heads are bound to it. */
  readonly modelId: string;
  readonly dim: number;
  /** One vector per input, in input order. Inputs must already be clean (see cleanText). */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases what the encoder holds besides memory (the EncoderPool's worker threads); later calls fail. */
  close?(): Promise<void>;
}
