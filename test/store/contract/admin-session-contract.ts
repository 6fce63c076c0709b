import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

const CSRF = 'csrf-token-0123456789abcdef';

export function adminSessionContract(get: () => ContractContext): void {
  describe('admin sessions', () => {
    it('creates, reads, touches, flashes and deletes sessions; ids are unique and the operator must exist', async () => {
      const { store, clock } = get();
      const ann = await store.operators.create({ username: 'ann', passwordHash: 'h', role: 'agent' });
      const s = await store.adminSessions.create({ id: 'hash-1', operatorId: ann.id, username: 'ann', role: 'agent', csrfToken: CSRF });
      expect(s).toEqual({ id: 'hash-1', operatorId: ann.id, username: 'ann', role: 'agent', csrfToken: CSRF, createdAt: clock.now(), lastSeenAt: clock.now(), flash: null });
      await expectCode(store.adminSessions.create({ id: 'hash-1', operatorId: ann.id, username: 'ann', role: 'agent', csrfToken: CSRF }), 'CONFLICT');
      await expectCode(store.adminSessions.create({ id: 'hash-2', operatorId: 'ghost', username: 'x', role: 'agent', csrfToken: CSRF }), 'NOT_FOUND');
      await expectCode(store.adminSessions.create({ id: 'hash-3', operatorId: ann.id, username: 'ann', role: 'root' as never, csrfToken: CSRF }), 'BAD_REQUEST');

      await store.adminSessions.touch('hash-1', clock.at(60_000));
      await store.adminSessions.touch('hash-1', clock.at(30_000)); // never backwards
      await store.adminSessions.setFlash('hash-1', { kind: 'ok', text: 'Resolved 3 items' });
      expect(await store.adminSessions.get('hash-1')).toMatchObject({ lastSeenAt: clock.at(60_000), flash: { kind: 'ok', text: 'Resolved 3 items' } });
      await store.adminSessions.setFlash('hash-1', null);
      expect((await store.adminSessions.get('hash-1'))!.flash).toBeNull();
      await expectCode(store.adminSessions.setFlash('hash-1', { kind: 'shout' as never, text: 'x' }), 'BAD_REQUEST');
      await store.adminSessions.touch('gone', clock.now()); // a missing session stays missing
      expect(await store.adminSessions.get('gone')).toBeNull();

      expect(await store.adminSessions.delete('hash-1')).toBe(true);
      expect(await store.adminSessions.delete('hash-1')).toBe(false);
      expect(await store.adminSessions.get('hash-1')).toBeNull();
    });

    it('ends an operator\'s sessions on request and with the operator, and purges expired ones', async () => {
      const { store, clock } = get();
      const ann = await store.operators.create({ username: 'ann', passwordHash: 'h', role: 'admin' });
      const bob = await store.operators.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
      const open = (id: string, operatorId: string) => store.adminSessions.create({ id, operatorId, username: 'x', role: 'viewer', csrfToken: CSRF });
      await open('a-1', ann.id);
      await open('a-2', ann.id);
      await open('b-1', bob.id);
      expect(await store.adminSessions.deleteForOperator(ann.id)).toBe(2);
      expect(await store.adminSessions.get('b-1')).not.toBeNull();
      await store.operators.delete(bob.id);
      expect(await store.adminSessions.get('b-1')).toBeNull();

      await open('old', ann.id);
      clock.advance(10_000);
      await open('idle', ann.id);
      await open('fresh', ann.id);
      await store.adminSessions.touch('fresh', clock.at(20_000));
      expect(await store.adminSessions.purgeExpired({ idleBefore: clock.at(15_000), createdBefore: clock.at(5_000) })).toBe(2);
      expect(await store.adminSessions.get('fresh')).not.toBeNull();
      expect(await store.adminSessions.get('old')).toBeNull();
      expect(await store.adminSessions.get('idle')).toBeNull();
    });
  });
}
