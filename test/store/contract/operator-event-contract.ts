import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function operatorEventContract(get: () => ContractContext): void {
  describe('operators', () => {
    it('creates operators with case-insensitively unique usernames', async () => {
      const { store, clock } = get();
      const ann = await store.operators.create({ username: 'Ann', passwordHash: 'scrypt$abc', role: 'admin' });
      expect(ann).toEqual({
        id: expect.any(String),
        username: 'Ann',
        passwordHash: 'scrypt$abc',
        role: 'admin',
        failedLogins: 0,
        lockedUntil: null,
        createdAt: clock.now(),
      });
      await expectCode(store.operators.create({ username: 'ann', passwordHash: 'x', role: 'agent' }), 'CONFLICT');
      await expectCode(store.operators.create({ username: 'bob', passwordHash: 'x', role: 'root' as never }), 'BAD_REQUEST');
      await expectCode(store.operators.create({ username: '', passwordHash: 'x', role: 'agent' }), 'BAD_REQUEST');
      expect(await store.operators.getByUsername('ANN')).toEqual(ann);
      expect(await store.operators.getByUsername('nobody')).toBeNull();
      await store.operators.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
      expect((await store.operators.list()).map((o) => o.username)).toEqual(['Ann', 'bob']);
    });

    it('counts failed logins atomically, locks, resets, updates and deletes', async () => {
      const { store, clock } = get();
      const op = await store.operators.create({ username: 'ann', passwordHash: 'h1', role: 'agent' });
      await Promise.all([1, 2, 3].map(() => store.operators.recordLoginFailure(op.id)));
      expect((await store.operators.get(op.id))!.failedLogins).toBe(3);
      const locked = await store.operators.lockUntil(op.id, clock.at(15 * 60_000));
      expect(locked.lockedUntil).toEqual(clock.at(15 * 60_000));
      const reset = await store.operators.recordLoginSuccess(op.id);
      expect(reset).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect((await store.operators.setPasswordHash(op.id, 'h2')).passwordHash).toBe('h2');
      expect((await store.operators.setRole(op.id, 'admin')).role).toBe('admin');
      await expectCode(store.operators.setRole(op.id, 'god' as never), 'BAD_REQUEST');
      await expectCode(store.operators.recordLoginFailure('ghost'), 'NOT_FOUND');
      expect(await store.operators.delete(op.id)).toBe(true);
      expect(await store.operators.delete(op.id)).toBe(false);
      expect(await store.operators.get(op.id)).toBeNull();
    });
  });

  describe('recommender events', () => {
    it('records purchases and clicks and lists them oldest first with filters', async () => {
      const { store, clock } = get();
      const e1 = await store.events.record({ userId: 'u-1', productId: 'P-1', kind: 'click', at: clock.at(2000) });
      const e2 = await store.events.record({ userId: 'u-1', productId: 'P-1', kind: 'purchase', at: clock.at(1000) });
      const e3 = await store.events.record({ userId: 'u-2', productId: 'P-2', kind: 'purchase' });
      expect(e1).toEqual({ id: e1.id, userId: 'u-1', productId: 'P-1', kind: 'click', at: clock.at(2000) });
      expect(e3.at).toEqual(clock.now());
      expect(e2.id).toBeGreaterThan(e1.id);
      const ids = (es: Array<{ id: number }>) => es.map((e) => e.id);
      expect(ids(await store.events.list())).toEqual([e3.id, e2.id, e1.id]);
      expect(ids(await store.events.list({ userId: 'u-1' }))).toEqual([e2.id, e1.id]);
      expect(ids(await store.events.list({ kind: 'purchase' }))).toEqual([e3.id, e2.id]);
      expect(ids(await store.events.list({ productId: 'P-1', from: clock.at(1500) }))).toEqual([e1.id]);
      expect(ids(await store.events.list({ limit: 1 }))).toEqual([e3.id]);
      await expectCode(store.events.record({ userId: 'u-1', productId: 'P-1', kind: 'view' as never }), 'BAD_REQUEST');
      await expectCode(store.events.record({ userId: 'u-1', productId: '', kind: 'click' }), 'BAD_REQUEST');
    });
  });
}
