import { describe, expect, it } from 'vitest';
import { buildTrainingData } from '../../src/learning/build-training-data.ts';
import { WorkerThreadTrainer } from '../../src/learning/worker-thread-trainer.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { loadIntentArtifact } from '../../src/nlu/intent/intent-artifact.ts';
import { baseExamples, review, tempDir, testLoop } from './learning-fixtures.ts';

describe('scheduling', () => {
  it('runs when enough new reviewed items exist, and never twice at once', async () => {
    const { loop, store } = testLoop({ schedule: { minNewReviewed: 3 } });
    expect(await loop.checkSchedule()).toBeNull();
    await review(store, 'where is my parcel', { action: 'relabel', label: 'track_order' });
    await review(store, 'no idea', { action: 'dismiss' });
    expect(await loop.countNewReviewed()).toBe(2);
    expect(await loop.checkSchedule()).toBeNull();
    await review(store, 'a refund please', { action: 'relabel', label: 'get_refund' });
    const a = loop.runOnce({ reason: 'first' });
    const b = loop.runOnce({ reason: 'second' });
    expect(b).toBe(a); // the second request joins the running job
    expect(loop.isRunning).toBe(true);
    const report = await a;
    expect(report.reason).toBe('first');
    expect(loop.isRunning).toBe(false);
    expect(await loop.countNewReviewed()).toBe(0);
    expect(await loop.checkSchedule()).toBeNull();
    for (const t of ['gift wrap please', 'wrap it as a gift', 'a gift box']) await review(store, t, { action: 'new_intent', label: 'gift_wrap' });
    expect(await loop.checkSchedule()).toMatch(/3 new reviewed items/);
    expect((await loop.listVersions()).length).toBe(2);
  });
});

describe('WorkerThreadTrainer', () => {
  it('trains in a worker thread and saves a loadable artifact without moving current.json', async () => {
    const modelsDir = tempDir();
    const trainer = new WorkerThreadTrainer({ encoder: { kind: 'hashing', dim: 256 }, modelsDir });
    const examples = baseExamples();
    const data = buildTrainingData({ base: examples, reviewed: [], split: { examples: [], heldOutBase: new Set(), goldenItemIds: new Set() }, since: null, seed: 3 });
    const candidate = await trainer.train(data);
    const model = await loadIntentArtifact(candidate.dir);
    expect(model.version).toBe(candidate.version);
    const [v] = await new HashingEncoder(256).embed(['where is my parcel']);
    expect(model.classify(v, 'where is my parcel').ranking[0].intent).toBe('track_order');
    await expect(loadIntentArtifact(modelsDir)).rejects.toThrow(/no intent model/); // no current.json: not promoted
  });

  it('reports bad training data with its code', async () => {
    const trainer = new WorkerThreadTrainer({ encoder: { kind: 'hashing', dim: 64 }, modelsDir: tempDir() });
    const data = buildTrainingData({ base: [{ text: 'hi', label: 'only_one' }], reviewed: [], split: { examples: [], heldOutBase: new Set(), goldenItemIds: new Set() }, since: null, seed: 1 });
    await expect(trainer.train(data)).rejects.toMatchObject({ code: 'TRAINING_DATA_INVALID' });
  });
});
