import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { ServingModelSync } from '../../src/learning/serving-model-sync.ts';
import type { IntentClassifier } from '../../src/nlu/intent/intent-classifier.ts';
import { SwappableIntentModel } from '../../src/nlu/load-serving-models.ts';
import { createMemoryStore } from '../../src/store/index.ts';

const model = (version: string) => ({ version }) as unknown as IntentClassifier;

describe('serving model sync between instances', () => {
  it('serves what another instance promoted or rolled back, loading each version once', async () => {
    const store = createMemoryStore();
    for (const v of ['v1', 'v2']) {
      await store.models.register({ version: v, kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: `/models/${v}` });
      await store.models.recordGate(v, { passed: true, reason: 'test' });
    }
    await store.models.promote('v1');
    const slot = new SwappableIntentModel(model('v1'));
    const loads: string[] = [];
    const sync = new ServingModelSync({ registry: store.models, slot, logger: silentLogger, signals: store.signals, pollMs: 60_000, load: async (r) => (loads.push(r.artifactDir), model(r.version)) });
    expect(await sync.check()).toBe(false);
    await store.models.promote('v2'); // "instance A" promotes
    expect(await sync.check()).toBe(true);
    expect(slot.current().version).toBe('v2');
    expect(await sync.check()).toBe(false);
    await store.models.promote('v1'); // a rollback elsewhere
    expect(await sync.check()).toBe(true);
    expect(slot.current().version).toBe('v1');
    expect(loads).toEqual(['/models/v2', '/models/v1']);
  });

  it('started, swaps at once on a promotion signal, without waiting for its poll', async () => {
    const store = createMemoryStore();
    for (const v of ['v1', 'v2']) {
      await store.models.register({ version: v, kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: `/models/${v}` });
      await store.models.recordGate(v, { passed: true, reason: 'test' });
    }
    await store.models.promote('v1');
    const slot = new SwappableIntentModel(model('v1'));
    const sync = new ServingModelSync({ registry: store.models, slot, logger: silentLogger, signals: store.signals, pollMs: 3_600_000, load: async (r) => model(r.version) });
    sync.start();
    try {
      await new Promise((r) => setTimeout(r, 20));
      const promoted = Date.now();
      await store.models.promote('v2');
      while (slot.current().version !== 'v2' && Date.now() - promoted < 2000) await new Promise((r) => setTimeout(r, 2));
      expect(slot.current().version).toBe('v2');
      expect(Date.now() - promoted).toBeLessThan(500);
    } finally {
      sync.stop();
    }
  });

  it('refuses an artifact that holds another version than the registry says', async () => {
    const store = createMemoryStore();
    await store.models.register({ version: 'v2', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/models/v2' });
    await store.models.recordGate('v2', { passed: true, reason: 'test' });
    await store.models.promote('v2');
    const slot = new SwappableIntentModel(model('v1'));
    const sync = new ServingModelSync({ registry: store.models, slot, logger: silentLogger, signals: store.signals, pollMs: 60_000, load: async () => model('v3') });
    expect(await sync.check()).toBe(false);
    expect(slot.current().version).toBe('v1');
  });

  it('keeps serving the current model when the new artifact cannot be loaded, and retries', async () => {
    const store = createMemoryStore();
    await store.models.register({ version: 'v2', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/models/v2' });
    await store.models.recordGate('v2', { passed: true, reason: 'test' });
    await store.models.promote('v2');
    const slot = new SwappableIntentModel(model('v1'));
    let fail = true;
    const sync = new ServingModelSync({ registry: store.models, slot, logger: silentLogger, signals: store.signals, pollMs: 60_000, load: async (r) => {
      if (fail) throw new Error('artifact not on this disk yet');
      return model(r.version);
    } });
    expect(await sync.check()).toBe(false);
    expect(slot.current().version).toBe('v1');
    fail = false;
    expect(await sync.check()).toBe(true);
    expect(slot.current().version).toBe('v2');
  });
});
