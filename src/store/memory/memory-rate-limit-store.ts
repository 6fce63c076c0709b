import type { RateLimitStore } from '../store.ts';
import { rateKey, refundTokens, takeToken } from '../store-rules.ts';
import { parseInput, rateRefundSchema, rateTakeSchema } from '../store-schemas.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryRateLimitStore(s: MemoryState): RateLimitStore {
  return {
    async take(key, perMinute, options) {
      const q = parseInput(rateTakeSchema, { key, perMinute, ...options }, 'rate limit');
      const k = rateKey(q.key);
      const { decision, bucket } = takeToken(s.rateBuckets.get(k), q, s.now().getTime());
      s.rateBuckets.set(k, bucket);
      return decision;
    },
    async refund(key, perMinute, options) {
      const q = parseInput(rateRefundSchema, { key, perMinute, ...options }, 'rate limit refund');
      const k = rateKey(q.key);
      const bucket = s.rateBuckets.get(k);
      // A bucket never seen is full: nothing to give back.
      if (bucket) s.rateBuckets.set(k, refundTokens(bucket, q, q.tokens, s.now().getTime()));
    },
  };
}
