/** Result of asking for one request's worth of budget. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Where token buckets live, shared by every instance: the composition root passes the store's (`Store.rateLimits`);
 * without one, each limiter keeps its buckets in this process (one instance, tests).
 */
export type SharedRateLimits = { take(key: string, perMinute: number): Promise<RateDecision> };

/** One limit (`perMinute` per key), asked once per request. */
export interface RateLimiter {
  take(key: string): RateDecision | Promise<RateDecision>;
}

/** The shared buckets when configured, else an in-process token bucket. */
export function rateLimiter(perMinute: number, options: { shared?: SharedRateLimits; scope: string; now?: () => number }): RateLimiter {
  const { shared, scope } = options;
  if (shared) return { take: (key) => shared.take(`${scope}:${key}`, perMinute) };
  return new TokenBucketRateLimiter({ perMinute, now: options.now });
}

export interface RateLimiterOptions {
  /** Sustained rate; also the burst size (a quiet user may send this many at once). */
  perMinute: number;
  now?: () => number;
  /** Above this many tracked keys, idle (refilled) buckets are dropped so memory stays bounded. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key (user id, IP). Chosen over a fixed window because it has no boundary burst (2x the limit
 * across a window edge) and over a sliding log because it needs O(1) memory per key.
 */
export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: RateLimiterOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be > 0');
    this.capacity = options.perMinute;
    this.perMs = options.perMinute / 60_000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.store(key, bucket);
      return { allowed: true };
    }
    this.store(key, bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.capacity, updatedAt: now };
    const tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    return { tokens, updatedAt: now };
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.sweep();
  }

  /** Full buckets carry no information (a new bucket starts full), so dropping them is lossless. */
  private sweep(): void {
    const now = this.now();
    for (const [key, b] of this.buckets) {
      if (this.refill(b, now).tokens >= this.capacity) this.buckets.delete(key);
    }
  }
}
