import type { RateLimitStore } from '../store.ts';
import { rateKey, takeToken } from '../store-rules.ts';
import { parseInput, rateTakeSchema } from '../store-schemas.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryRateLimitStore(s: MemoryState): RateLimitStore {
  return {
    async take(key, perMinute) {
      const q = parseInput(rateTakeSchema, { key, perMinute }, 'rate limit');
      const k = rateKey(q.key);
      const { decision, bucket } = takeToken(s.rateBuckets.get(k), q.perMinute, s.now().getTime());
      s.rateBuckets.set(k, bucket);
      return decision;
    },
  };
}
