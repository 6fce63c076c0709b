import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

export function registryContract(get: () => ContractContext): void {
  describe('knowledge revisions', () => {
    it('appends with monotonic ids and lists by kind / entry / afterId', async () => {
      const { store, clock } = get();
      const faq = { id: 'faq-ship', questions: ['a', 'b', 'c'], answer: 'Free over 50 EUR.', tags: [] };
      const r1 = await store.revisions.append({ kind: 'faq', entryId: 'faq-ship', action: 'create', before: null, after: faq, author: 'ann' });
      const r2 = await store.revisions.append({
        kind: 'faq',
        entryId: 'faq-ship',
        action: 'update',
        before: faq,
        after: { ...faq, answer: 'Free over 60 EUR.' },
        author: 'bob',
      });
      const r3 = await store.revisions.append({ kind: 'product', entryId: 'P-1', action: 'delete', before: { id: 'P-1' }, after: null, author: 'ann' });
      expect(r1).toEqual({ id: r1.id, at: clock.now(), kind: 'faq', entryId: 'faq-ship', action: 'create', before: null, after: faq, author: 'ann', revertOf: null });
      expect(r2.id).toBeGreaterThan(r1.id);
      expect(r3.id).toBeGreaterThan(r2.id);
      expect(await store.revisions.get(r2.id)).toEqual(r2);
      expect(await store.revisions.get(9999)).toBeNull();
      expect((await store.revisions.list()).map((r) => r.id)).toEqual([r1.id, r2.id, r3.id]);
      expect((await store.revisions.list({ entryId: 'faq-ship' })).map((r) => r.id)).toEqual([r1.id, r2.id]);
      expect((await store.revisions.list({ kind: 'product' })).map((r) => r.id)).toEqual([r3.id]);
      expect((await store.revisions.list({ afterId: r1.id, limit: 1 })).map((r) => r.id)).toEqual([r2.id]);
      const undo = await store.revisions.append({ kind: 'faq', entryId: 'faq-ship', action: 'update', before: r2.after, after: faq, author: 'ann', revertOf: r2.id });
      expect((await store.revisions.get(undo.id))?.revertOf).toBe(r2.id);
    });

    it('rejects revisions whose before/after do not fit the action', async () => {
      const { store } = get();
      const base = { kind: 'faq' as const, entryId: 'f', author: 'ann' };
      await expectCode(store.revisions.append({ ...base, action: 'create', before: { a: 1 }, after: { a: 2 } }), 'BAD_REQUEST');
      await expectCode(store.revisions.append({ ...base, action: 'delete', before: { a: 1 }, after: { a: 2 } }), 'BAD_REQUEST');
      await expectCode(store.revisions.append({ ...base, action: 'update', before: null, after: { a: 2 } }), 'BAD_REQUEST');
      await expectCode(store.revisions.append({ ...base, kind: 'blog' as never, action: 'create', before: null, after: {} }), 'BAD_REQUEST');
      await expectCode(store.revisions.append({ ...base, action: 'create', before: null, after: { x: Number.NaN } }), 'BAD_REQUEST');
      expect(await store.revisions.list()).toEqual([]);
    });
  });

  describe('model registry', () => {
    const intent = (version: string, createdAtMs = 0) => ({
      version,
      kind: 'intent' as const,
      metrics: { accuracy: 0.91, oosRecall: 0.8 },
      dataSummary: { examples: 1200, intents: 24 },
      artifactDir: `/data/models/${version}`,
      createdAt: new Date(Date.parse('2026-03-01T00:00:00Z') + createdAtMs),
    });

    it('registers candidates, records gate decisions and promotes atomically with one serving model per kind', async () => {
      const { store, clock } = get();
      const v1 = await store.models.register(intent('intent-v1', 0));
      expect(v1).toEqual({ ...intent('intent-v1', 0), status: 'candidate', statusChangedAt: v1.createdAt, gate: null });
      await expectCode(store.models.register(intent('intent-v1')), 'CONFLICT');
      expect(await store.models.getServing('intent')).toBeNull();

      const gated = await store.models.recordGate('intent-v1', { passed: true, reason: 'first model', details: { baseline: null } });
      expect(gated.gate).toEqual({ passed: true, reason: 'first model', details: { baseline: null }, at: clock.now() });
      expect(gated.status).toBe('candidate');
      await store.models.promote('intent-v1');
      expect((await store.models.getServing('intent'))!.version).toBe('intent-v1');

      await store.models.register(intent('intent-v2', 1000));
      clock.advance(1000);
      const promoted = await store.models.promote('intent-v2');
      expect(promoted).toMatchObject({ status: 'serving', statusChangedAt: clock.now() });
      expect(await store.models.get('intent-v1')).toMatchObject({ status: 'retired', statusChangedAt: clock.now() });
      expect((await store.models.list({ status: 'serving' })).map((m) => m.version)).toEqual(['intent-v2']);

      // Rollback = promoting a retired version.
      await store.models.promote('intent-v1');
      expect((await store.models.getServing('intent'))!.version).toBe('intent-v1');
      expect((await store.models.get('intent-v2'))!.status).toBe('retired');
      expect((await store.models.promote('intent-v1')).status).toBe('serving'); // no-op
    });

    it('rejects failed candidates and refuses to serve them; kinds are independent', async () => {
      const { store } = get();
      await store.models.register(intent('intent-v1'));
      await store.models.promote('intent-v1');
      await store.models.register(intent('intent-bad', 10));
      const rejected = await store.models.recordGate('intent-bad', { passed: false, reason: 'accuracy -3pp on regression set', details: { delta: -0.03 } });
      expect(rejected.status).toBe('rejected');
      await expectCode(store.models.promote('intent-bad'), 'CONFLICT');
      await expectCode(store.models.recordGate('intent-bad', { passed: true, reason: 'retry' }), 'CONFLICT');
      await expectCode(store.models.recordGate('intent-v1', { passed: true, reason: 'serving already' }), 'CONFLICT');
      await expectCode(store.models.promote('ghost'), 'NOT_FOUND');
      expect((await store.models.getServing('intent'))!.version).toBe('intent-v1');

      await store.models.register({ ...intent('sent-v1'), kind: 'sentiment' });
      await store.models.promote('sent-v1');
      expect((await store.models.getServing('sentiment'))!.version).toBe('sent-v1');
      expect((await store.models.getServing('intent'))!.version).toBe('intent-v1');
      expect((await store.models.list({ kind: 'intent' })).map((m) => m.version)).toEqual(['intent-bad', 'intent-v1']);
      await expectCode(store.models.register({ ...intent('x'), kind: 'vision' as never }), 'BAD_REQUEST');
      await expectCode(store.models.getServing('vision' as never), 'BAD_REQUEST');
    });
  });
}
