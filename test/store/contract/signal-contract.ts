import { describe, expect, it } from 'vitest';
import type { Signal, SignalChannel, Store } from '../../../src/store/index.ts';
import type { ContractContext } from '../store-contract.ts';
import { expectCode } from './contract-helpers.ts';

/** Records what one channel's subscriber hears; `next` waits for the first heard signal matching `match`. */
export function recordSignals(store: Store, channel: SignalChannel) {
  const heard: Signal[] = [];
  const waiters: Array<{ match: (s: Signal) => boolean; resolve: (s: Signal) => void }> = [];
  const unsubscribe = store.signals.subscribe(channel, (signal) => {
    heard.push(signal);
    for (const w of [...waiters]) {
      if (!w.match(signal)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(signal);
    }
  });
  const next = (match: (s: Signal) => boolean, timeoutMs = 5000) => {
    const already = heard.find(match);
    if (already) return Promise.resolve(already);
    return new Promise<Signal>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching ${channel} signal within ${timeoutMs} ms; heard ${JSON.stringify(heard)}`)), timeoutMs);
      waiters.push({ match, resolve: (s) => {
        clearTimeout(timer);
        resolve(s);
      } });
    });
  };
  const change = (payload: string) => next((s) => s.kind === 'change' && s.payload === payload);
  const listening = () => next((s) => s.kind === 'listening');
  return { heard, next, change, listening, unsubscribe };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

export function signalContract(get: () => ContractContext): void {
  describe('change signals', () => {
    it('start with a listening signal, then deliver each change on its channel only, until unsubscribed', async () => {
      const { store } = get();
      const models = recordSignals(store, 'models');
      const activity = recordSignals(store, 'activity');
      await models.listening();
      await activity.listening();
      await store.signals.notify('models', 'intent');
      await store.signals.notify('activity', '{"type":"turn"}');
      expect(await models.change('intent')).toEqual({ channel: 'models', kind: 'change', payload: 'intent' });
      await activity.change('{"type":"turn"}');
      await store.signals.notify('models');
      await models.change('');
      models.unsubscribe();
      await store.signals.notify('models', 'after');
      await store.signals.notify('activity', 'marker');
      await activity.change('marker');
      await settle();
      expect(models.heard.map((s) => (s.kind === 'change' ? s.payload : s.kind))).toEqual(['listening', 'intent', '']);
      expect(activity.heard.filter((s) => s.kind === 'change').map((s) => (s as { payload: string }).payload)).toEqual(['{"type":"turn"}', 'marker']);
    });

    it('are sent by promotions, knowledge revisions and outbox pushes once they are written, naming what changed', async () => {
      const { store } = get();
      const models = recordSignals(store, 'models');
      const revisions = recordSignals(store, 'revisions');
      const outbox = recordSignals(store, 'outbox');
      await Promise.all([models.listening(), revisions.listening(), outbox.listening()]);
      await store.models.register({ version: 'intent-s1', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/m/intent-s1' });
      await store.models.recordGate('intent-s1', { passed: true, reason: 'ok' });
      await store.models.promote('intent-s1');
      await models.change('intent');
      const revision = await store.revisions.append({ kind: 'faq', entryId: 'faq-s', action: 'create', before: null, after: { q: 'x' }, author: 'ann' });
      await revisions.change(String(revision.id));
      await store.conversations.getOrCreate({ id: 'c-signal', channel: 'webhook', userId: 'u-s' });
      await store.outbox.push({ conversationId: 'c-signal', payload: 'sealed' });
      await outbox.change('c-signal');
      // A write that fails signals nothing.
      await expectCode(store.outbox.push({ conversationId: 'ghost', payload: 'x' }), 'NOT_FOUND');
      await store.signals.notify('outbox', 'marker');
      await outbox.change('marker');
      expect(outbox.heard.filter((s) => s.kind === 'change').map((s) => (s as { payload: string }).payload)).toEqual(['c-signal', 'marker']);
    });

    it('refuse unknown channels and long payloads, and a closed store', async () => {
      const { store } = get();
      await expectCode(store.signals.notify('nope' as SignalChannel), 'BAD_REQUEST');
      await expectCode(store.signals.notify('models', 'x'.repeat(2001)), 'BAD_REQUEST');
      expect(() => store.signals.subscribe('nope' as SignalChannel, () => undefined)).toThrow(/signal channel/);
      expect(['process', 'database']).toContain(store.signals.reach);
      await store.close();
      await expectCode(store.signals.notify('models'), 'INTERNAL');
      expect(() => store.signals.subscribe('models', () => undefined)).toThrow(/closed/);
    });
  });
}
