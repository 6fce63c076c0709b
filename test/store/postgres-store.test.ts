/**
 * The shared store contract against a real PostgreSQL: one throwaway server for the file (test/support/
 * throwaway-postgres.ts), a fresh database per test. Skipped, saying why, only when no PostgreSQL binary exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/index.ts';
import { postgresUnavailableReason, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { runStoreContract } from './store-contract.ts';
import { recordSignals } from './contract/signal-contract.ts';

const unavailable = postgresUnavailableReason();

if (unavailable) {
  describe('Store contract: postgres', () => {
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
} else {
  let server: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  let n = 0;
  runStoreContract('postgres', async (options) => {
    if (!server) throw new Error('the throwaway PostgreSQL did not start');
    return openPostgresStore({ url: await server.createDatabase(`contract_${++n}`), ...options });
  });

  describe('postgres: many customers at once', () => {
    it('stores every turn of 32 concurrent conversations without giving up on a serialization conflict', async () => {
      const url = await server!.createDatabase('busy_turns');
      const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
      try {
        const conversations = Array.from({ length: 32 }, (_, i) => `busy-${i}`);
        await Promise.all(conversations.map((id) => a.conversations.getOrCreate({ id, channel: 'webhook', userId: `u-${id}` })));
        const results = await Promise.allSettled(conversations.flatMap((id, i) => Array.from({ length: 8 }, (_, n) =>
          (i % 2 ? a : b).turns.append({ conversationId: id, channel: 'webhook', userId: `u-${id}`, messageId: `${id}-m${n}`, text: `message ${n}`, replies: [] }))));
        expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
        expect((await a.turns.list()).length).toBe(32 * 8);
        // A redelivery of one of them is the stored turn, not a second one.
        const again = await b.turns.append({ conversationId: 'busy-3', channel: 'webhook', userId: 'u-busy-3', messageId: 'busy-3-m2', text: 'message 2', replies: [] });
        expect(again.created).toBe(false);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe('postgres: closing with work in flight', () => {
    it('closes even while a conversation lock is held by work that never ends, and frees the lock', async () => {
      const url = await server!.createDatabase('close_in_flight');
      const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
      try {
        let entered!: () => void;
        const inside = new Promise<void>((resolve) => (entered = resolve));
        void a.withConversationLock('stuck', () => new Promise<void>(() => entered())).catch(() => undefined);
        await inside;
        const started = Date.now();
        await a.close();
        expect(Date.now() - started).toBeLessThan(10_000);
        // The lock went with its connection: another instance gets the conversation at once.
        expect(await b.withConversationLock('stuck', async () => 'mine')).toBe('mine');
      } finally {
        await b.close();
      }
    }, 20_000);
  });

  describe('postgres: change signals between instances (LISTEN/NOTIFY)', () => {
    it('reach every instance on the database, at once, and listen again after the connection is lost', async () => {
      const url = await server!.createDatabase('signals');
      const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
      try {
        expect(b.signals.reach).toBe('database');
        const onB = recordSignals(b, 'models');
        await onB.listening();
        await a.models.register({ version: 'intent-pg-1', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/m/1' });
        await a.models.recordGate('intent-pg-1', { passed: true, reason: 'ok' });
        const sent = Date.now();
        await a.models.promote('intent-pg-1');
        await onB.change('intent');
        expect(Date.now() - sent).toBeLessThan(1000);
        // The dedicated connection drops: B reconnects, tells its subscribers to re-read, and hears changes again.
        b.signals.simulateConnectionLoss();
        expect(b.signals.listening).toBe(false);
        await onB.next((s) => s.kind === 'listening' && onB.heard.indexOf(s) > 0);
        await a.signals.notify('models', 'after-reconnect');
        await onB.change('after-reconnect');
        // One-shot writers never open a listening connection.
        expect(a.signals.listening).toBe(false);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('are sent only when the write commits', async () => {
      const url = await server!.createDatabase('signals_commit');
      const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
      try {
        const onB = recordSignals(b, 'outbox');
        await onB.listening();
        await expect(a.outbox.push({ conversationId: 'ghost', payload: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await a.conversations.getOrCreate({ id: 'c-pg', channel: 'webhook', userId: 'u' });
        await a.outbox.push({ conversationId: 'c-pg', payload: 'sealed' });
        await onB.change('c-pg');
        expect(onB.heard.filter((s) => s.kind === 'change').map((s) => (s as { payload: string }).payload)).toEqual(['c-pg']);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });

  describe('postgres: two instances on one database', () => {
    it('hold one conversation lock between them, and see each other\'s writes and version conflicts', async () => {
      const url = await server!.createDatabase('two_instances');
      const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
      try {
        const log: string[] = [];
        let release!: () => void;
        const held = a.withConversationLock('c-1', () => new Promise<void>((resolve) => {
          log.push('a holds');
          release = resolve;
        }));
        await new Promise((resolve) => setTimeout(resolve, 50));
        const waiting = b.withConversationLock('c-1', async () => void log.push('b runs'));
        await b.withConversationLock('c-2', async () => void log.push('b other'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(log).toEqual(['a holds', 'b other']);
        release();
        await Promise.all([held, waiting]);
        expect(log).toEqual(['a holds', 'b other', 'b runs']);

        const c = await a.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
        await b.conversations.update('c-1', { ownership: 'agent' }, { expectedVersion: c.version });
        await expect(a.conversations.update('c-1', { state: { stale: true } }, { expectedVersion: c.version })).rejects.toMatchObject({ code: 'CONFLICT' });
        expect(await a.conversations.get('c-1')).toMatchObject({ ownership: 'agent', version: c.version + 1 });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
}
