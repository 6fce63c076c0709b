import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { FrozenRegressionSet } from '../../src/learning/frozen-regression-set.ts';
import { LearningLoop } from '../../src/learning/learning-loop.ts';
import { StoreReviewedDataSource } from '../../src/learning/reviewed-data-source.ts';
import type { Trainer } from '../../src/learning/trainer.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import type { LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { createMemoryStore, type Store } from '../../src/store/index.ts';

/** A loop whose run waits in `baseExamples` until the test lets it go (then fails: the lease is what is under test). */
function blockedLoop(store: Store, instanceId: string, schedule?: { intervalMs: number }) {
  let release!: () => void;
  let entered!: () => void;
  const inRun = new Promise<void>((resolve) => (entered = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const loop = new LearningLoop({
    registry: store.models,
    reviewed: new StoreReviewedDataSource(store),
    baseExamples: async (): Promise<LabeledText[]> => {
      entered();
      await gate;
      throw new Error('stopped by the test');
    },
    regression: {} as FrozenRegressionSet,
    trainer: {} as Trainer,
    encoder: new HashingEncoder(8),
    modelsDir: '/nonexistent',
    leases: store.leases,
    instanceId,
    schedule,
    logger: silentLogger,
  });
  return { loop, inRun, release };
}

describe('one retrain leader among instances sharing a store', () => {
  it('refuses a second instance while one retrains, and lets it lead once the first has finished', async () => {
    const store = createMemoryStore();
    const a = blockedLoop(store, 'instance-a');
    const b = blockedLoop(store, 'instance-b');
    const runA = a.loop.runOnce({ reason: 'test' });
    await a.inRun;
    await expect(b.loop.runOnce({ reason: 'test' })).rejects.toMatchObject({ code: 'CONFLICT', details: { lease: 'retrain' } });
    a.release();
    await expect(runA).rejects.toThrow('stopped by the test');
    const runB = b.loop.runOnce({ reason: 'test' });
    await b.inRun;
    await expect(a.loop.runOnce({ reason: 'test' })).rejects.toMatchObject({ code: 'CONFLICT' });
    b.release();
    await expect(runB).rejects.toThrow('stopped by the test');
  });

  it('skips a scheduled run quietly when another instance leads', async () => {
    const store = createMemoryStore();
    await store.leases.tryAcquire('retrain', 'instance-a', 60_000);
    const b = blockedLoop(store, 'instance-b', { intervalMs: 1 });
    await new Promise((r) => setTimeout(r, 5));
    expect(await b.loop.checkSchedule()).toMatch(/^scheduled/);
    expect(b.loop.isRunning).toBe(false);
    expect(await store.leases.tryAcquire('retrain', 'instance-b', 60_000)).toBe(false);
  });
});
