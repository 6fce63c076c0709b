import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function rateLimitContract(get: () => ContractContext): void {
  describe('rate limits', () => {
    it('allows a burst of perMinute, refuses with a retry time, and refills with time, per key', async () => {
      const { store, clock } = get();
      for (let i = 0; i < 3; i++) expect(await store.rateLimits.take('message:u-1', 3)).toEqual({ allowed: true });
      expect(await store.rateLimits.take('message:u-1', 3)).toEqual({ allowed: false, retryAfterSeconds: 20 });
      expect(await store.rateLimits.take('message:u-2', 3)).toEqual({ allowed: true });
      clock.advance(20_000);
      expect(await store.rateLimits.take('message:u-1', 3)).toEqual({ allowed: true });
      expect(await store.rateLimits.take('message:u-1', 3)).toMatchObject({ allowed: false });
      clock.advance(60_000);
      for (let i = 0; i < 3; i++) expect(await store.rateLimits.take('message:u-1', 3)).toEqual({ allowed: true });
      await expectCode(store.rateLimits.take('', 3), 'BAD_REQUEST');
      await expectCode(store.rateLimits.take('k', 0), 'BAD_REQUEST');
    });

    it('keeps a capacity apart from the refill rate, and takes refunds up to the capacity', async () => {
      const { store, clock } = get();
      // 4 at once, then one every 15 minutes (a sign-in lock's shape).
      const limit = { capacity: 4 };
      for (let i = 0; i < 4; i++) expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toEqual({ allowed: true });
      expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toEqual({ allowed: false, retryAfterSeconds: 900 });
      clock.advance(15 * 60_000);
      expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toEqual({ allowed: true });
      expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toMatchObject({ allowed: false });
      await store.rateLimits.refund('pair:a', 1 / 15, { ...limit, tokens: 100 });
      for (let i = 0; i < 4; i++) expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toEqual({ allowed: true });
      expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toMatchObject({ allowed: false });
      await store.rateLimits.refund('pair:a', 1 / 15, limit);
      expect(await store.rateLimits.take('pair:a', 1 / 15, limit)).toEqual({ allowed: true });
      // A refund to a bucket never taken from leaves it as a new one: full, not more.
      await store.rateLimits.refund('pair:b', 1 / 15, limit);
      for (let i = 0; i < 4; i++) expect(await store.rateLimits.take('pair:b', 1 / 15, limit)).toEqual({ allowed: true });
      expect(await store.rateLimits.take('pair:b', 1 / 15, limit)).toMatchObject({ allowed: false });
      // Idle buckets are swept after a day: one that needs longer to refill is refused.
      await expectCode(store.rateLimits.take('slow', 1 / 60, { capacity: 25 }), 'BAD_REQUEST');
      await expectCode(store.rateLimits.refund('slow', 1, { tokens: 0 }), 'BAD_REQUEST');
    });

    it('never lets concurrent takes spend more than the bucket holds', async () => {
      const { store } = get();
      const results = await Promise.all(Array.from({ length: 12 }, () => store.rateLimits.take('ip:203.0.113.9', 5)));
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
    });
  });
}
