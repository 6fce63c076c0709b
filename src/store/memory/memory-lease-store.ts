import type { LeaseStore } from '../store.ts';
import { leaseReleaseSchema, leaseSchema, parseInput } from '../store-schemas.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryLeaseStore(s: MemoryState): LeaseStore {
  return {
    async tryAcquire(name, holder, ttlMs) {
      const l = parseInput(leaseSchema, { name, holder, ttlMs }, 'lease');
      const now = s.now().getTime();
      const current = s.leases.get(l.name);
      if (current && current.holder !== l.holder && current.expiresAt > now) return false;
      s.leases.set(l.name, { holder: l.holder, expiresAt: now + l.ttlMs });
      return true;
    },
    async release(name, holder) {
      const l = parseInput(leaseReleaseSchema, { name, holder }, 'lease');
      if (s.leases.get(l.name)?.holder === l.holder) s.leases.delete(l.name);
    },
  };
}
