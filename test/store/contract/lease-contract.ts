import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function leaseContract(get: () => ContractContext): void {
  describe('leases', () => {
    it('gives a lease to one holder until it expires or is released, and renews it for that holder', async () => {
      const { store, clock } = get();
      expect(await store.leases.tryAcquire('retrain', 'instance-a', 60_000)).toBe(true);
      expect(await store.leases.tryAcquire('retrain', 'instance-b', 60_000)).toBe(false);
      expect(await store.leases.tryAcquire('other', 'instance-b', 60_000)).toBe(true);
      clock.advance(30_000);
      expect(await store.leases.tryAcquire('retrain', 'instance-a', 60_000)).toBe(true); // renewed until 90 s
      clock.advance(45_000);
      expect(await store.leases.tryAcquire('retrain', 'instance-b', 60_000)).toBe(false);
      clock.advance(15_000);
      expect(await store.leases.tryAcquire('retrain', 'instance-b', 60_000)).toBe(true); // a's expired
      await store.leases.release('retrain', 'instance-a'); // not a's any more: no effect
      expect(await store.leases.tryAcquire('retrain', 'instance-a', 60_000)).toBe(false);
      await store.leases.release('retrain', 'instance-b');
      expect(await store.leases.tryAcquire('retrain', 'instance-a', 60_000)).toBe(true);
      await expectCode(store.leases.tryAcquire('retrain', '', 1000), 'BAD_REQUEST');
      await expectCode(store.leases.tryAcquire('retrain', 'x', 0), 'BAD_REQUEST');
    });

    it('lets exactly one of many concurrent claimants win', async () => {
      const { store } = get();
      const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => store.leases.tryAcquire('leader', `i-${i}`, 60_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  });
}
