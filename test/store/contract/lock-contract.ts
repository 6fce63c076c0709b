import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

/** A promise with its resolve function, to hold a lock open until the test lets go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
const tick = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

export function lockContract(get: () => ContractContext): void {
  describe('per-conversation lock', () => {
    it('runs work for one conversation one at a time, in arrival order; other conversations go on meanwhile', async () => {
      const { store } = get();
      const log: string[] = [];
      const hold = gate();
      const first = store.withConversationLock('c-1', async () => {
        log.push('1 start');
        await hold.opened;
        log.push('1 end');
        return 'first';
      });
      await tick();
      const queued: Array<Promise<unknown>> = [];
      for (const n of [2, 3, 4]) {
        queued.push(store.withConversationLock('c-1', async () => void log.push(`${n}`)));
        await tick(); // arrival order: each request is waiting (100 ms is ample, also on a busy machine) before the next comes
      }
      expect(await store.withConversationLock('c-2', async () => 'other conversation, not blocked')).toBe('other conversation, not blocked');
      expect(log).toEqual(['1 start']);
      hold.open();
      expect(await first).toBe('first');
      await Promise.all(queued);
      expect(log).toEqual(['1 start', '1 end', '2', '3', '4']);
    });

    it('passes the work\'s failure through and releases the lock; rejects empty ids', async () => {
      const { store } = get();
      const failure = new Error('the turn failed');
      await expect(store.withConversationLock('c-1', async () => {
        throw failure;
      })).rejects.toBe(failure);
      expect(await store.withConversationLock('c-1', async () => 42)).toBe(42);
      await expectCode(store.withConversationLock('', async () => 1), 'BAD_REQUEST');
      await store.close();
      await expectCode(store.withConversationLock('c-1', async () => 1), 'INTERNAL');
    });
  });
}
