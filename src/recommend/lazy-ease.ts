import type { Logger } from '../core/logger.ts';
import type { EaseFitter } from './ease-fitter.ts';

/** One fitted EASE model: the products it covers and their weights B (row = seed, column = candidate). */
export interface EaseSnapshot {
  index: ReadonlyMap<string, number>;
  weights: Float64Array;
  n: number;
}

/** Where a refit reads the (decayed) purchase statistics at the moment it starts. */
export interface EaseSource {
  /** The at most `limit` most purchased products (decayed counts), most purchased first. */
  topProducts(limit: number, nowMs: number): string[];
  /** Their co-occurrence matrix (row-major, decayed item counts on the diagonal). */
  gram(productIds: readonly string[], nowMs: number): Float64Array;
}

export interface LazyEaseOptions {
  source: EaseSource;
  fitter: EaseFitter;
  lambda: number;
  /** Products in the model (the most purchased ones); 0 disables EASE. */
  maxProducts: number;
  /** Least time between the starts of two refits. */
  refitMs: number;
  logger?: Logger;
}

/**
 * EASE refitted lazily: purchases only mark the model dirty; a query that finds it dirty, with no refit running and
 * at least refitMs since the last one started, starts a refit in the background and is answered with the model it
 * already has (or none: the caller then falls back to co-occurrence). So a busy shop refits at most once per refitMs,
 * a quiet one on the first query after its last purchases, and no request ever waits for a fit.
 */
export class LazyEase {
  private snapshot?: EaseSnapshot;
  private dirty = false;
  private lastStartMs = -Infinity;
  private running?: Promise<void>;

  constructor(private readonly o: LazyEaseOptions) {}

  markDirty(): void {
    if (this.o.maxProducts > 0) this.dirty = true;
  }

  /** The model to answer with now; may start a background refit (never awaited here). */
  current(nowMs: number): EaseSnapshot | undefined {
    if (this.dirty && !this.running && nowMs - this.lastStartMs >= this.o.refitMs) {
      this.lastStartMs = nowMs;
      this.dirty = false;
      this.running = this.refit(nowMs).finally(() => (this.running = undefined));
    }
    return this.snapshot;
  }

  /** Resolves once no refit is running (benchmark and tests wait on this instead of sleeping). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async refit(nowMs: number): Promise<void> {
    // Let the request that triggered the refit finish first: reading the statistics is O(products x partners).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const ids = this.o.source.topProducts(this.o.maxProducts, nowMs);
    if (ids.length === 0) return;
    try {
      const weights = await this.o.fitter({ gram: this.o.source.gram(ids, nowMs), n: ids.length, lambda: this.o.lambda });
      this.snapshot = { index: new Map(ids.map((id, i) => [id, i])), weights, n: ids.length };
    } catch (e) {
      // Keep answering with the previous model (or co-occurrence) and try again at the next due query.
      this.dirty = true;
      this.o.logger?.warn('recommender: EASE refit failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }
}
