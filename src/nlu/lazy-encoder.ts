import type { Encoder } from './encoder.ts';

/**
 * Loads the real encoder on the first call that needs it. The training worker embeds through the persistent
 * cache, and a retrain whose examples are all cached (the usual case: the server embedded them when they arrived)
 * should not spend a second reading, verifying and compiling weights it never runs.
 */
export class LazyEncoder implements Encoder {
  readonly modelId: string;
  readonly dim: number;
  private loading: Promise<Encoder> | null = null;

  constructor(private readonly options: { modelId: string; dim: number; load: () => Promise<Encoder> }) {
    this.modelId = options.modelId;
    this.dim = options.dim;
  }

  get loaded(): boolean {
    return this.loading !== null;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return (await this.inner()).embed(texts);
  }

  private inner(): Promise<Encoder> {
    // A failed load is forgotten, so the next call tries again (and fails with the same clear error if it must).
    this.loading ??= this.options.load().then(
      (inner) => {
        if (inner.modelId !== this.modelId || inner.dim !== this.dim) {
          throw new Error(`lazy encoder: expected ${this.modelId} (${this.dim}-d), loaded ${inner.modelId} (${inner.dim}-d)`);
        }
        return inner;
      },
      (e: unknown) => {
        this.loading = null;
        throw e;
      },
    );
    return this.loading;
  }
}
