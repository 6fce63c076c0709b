import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEncoder } from '../../../src/nlu/hashing-encoder.ts';
import { listIntentArtifacts, loadIntentArtifact, saveIntentArtifact } from '../../../src/nlu/intent/intent-artifact.ts';
import { loadIntentFiles, toLabeledTexts } from '../../../src/nlu/intent/intent-data.ts';
import { IntentModel, OOS_FEATURES } from '../../../src/nlu/intent/intent-model.ts';
import { trainIntentClassifier } from '../../../src/nlu/intent/train-intent-classifier.ts';
import { TrainedIntentClassifier } from '../../../src/nlu/intent/trained-intent-classifier.ts';

const encoder = new HashingEncoder(256);
const examples = toLabeledTexts(loadIntentFiles(join(import.meta.dirname, 'fixtures', 'intents')));
const probes = ['where is my parcel', 'i want to return these shoes', 'hello there', 'what is the capital of mongolia', 'how do I bake sourdough bread'];
let model: TrainedIntentClassifier;
let modelsDir: string;

async function classifyAll(m: TrainedIntentClassifier, texts: string[]) {
  return m.classifyBatch(await encoder.embed(texts), texts);
}

beforeAll(async () => {
  model = await trainIntentClassifier({ examples, encoder, seed: 7 });
  modelsDir = mkdtempSync(join(tmpdir(), 'shopmate-intent-models-'));
}, 60_000);
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

describe('trainIntentClassifier', () => {
  it('ranks every intent, best first, with probabilities summing to 1', async () => {
    const [r] = await classifyAll(model, ['track my order please']);
    expect(r.ranking.map((s) => s.intent).sort()).toEqual(['greeting', 'return_item', 'track_order']);
    for (let i = 1; i < r.ranking.length; i++) expect(r.ranking[i - 1].score).toBeGreaterThanOrEqual(r.ranking[i].score);
    expect(r.ranking.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 5);
    expect(r.ranking[0].intent).toBe('track_order');
  });

  it('recognises paraphrases of the shop intents and keeps them in scope', async () => {
    const [track, ret, hi] = await classifyAll(model, probes.slice(0, 3));
    expect([track.ranking[0].intent, ret.ranking[0].intent, hi.ranking[0].intent]).toEqual(['track_order', 'return_item', 'greeting']);
    expect([track.outOfScope, ret.outOfScope, hi.outOfScope]).toEqual([false, false, false]);
  });

  it('calibrates the threshold itself and reports held-out metrics and counts', () => {
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.metrics.heldOutNegatives).toBe(6);
    expect(model.metrics.heldOut).toBeGreaterThan(0);
    expect(model.meta.counts).toMatchObject({ examples: 22, intents: 3, oosNegatives: 6 });
    expect(model.encoderId).toBe('hashing-256');
    expect(model.version).toMatch(/^intent-\d{8}T\d{9}Z-[0-9a-f]{6}$/);
  });

  it('calibrates from held-out in-scope scores when there are no negatives', async () => {
    const noOos = await trainIntentClassifier({ examples: examples.filter((e) => e.label !== 'oos'), encoder, seed: 7 });
    expect(noOos.metrics.oosRecall).toBeNull();
    expect(noOos.threshold).toBeGreaterThan(0);
    expect(noOos.detector.state.kind).toBe('blend');
    expect(noOos.threshold).toBeLessThan(1);
  });

  it('applies a threshold override without touching the original', async () => {
    const never = model.withThreshold(0);
    const always = model.withThreshold(1);
    expect((await classifyAll(never, probes)).every((r) => !r.outOfScope)).toBe(true);
    expect((await classifyAll(always, probes)).every((r) => r.outOfScope)).toBe(true);
    expect(model.threshold).not.toBe(0);
    expect(() => model.withThreshold(1.5)).toThrow(RangeError);
  });

  it('is deterministic for a given seed', async () => {
    const again = await trainIntentClassifier({ examples, encoder, seed: 7 });
    const [a, b] = [await classifyAll(model, probes), await classifyAll(again, probes)];
    expect(b.map((r) => r.ranking)).toEqual(a.map((r) => r.ranking));
    expect(again.threshold).toBe(model.threshold);
  });

  it('rejects too few intents and empty texts', async () => {
    await expect(trainIntentClassifier({ examples: [{ text: 'hi', label: 'greeting' }], encoder })).rejects.toMatchObject({ code: 'TRAINING_DATA_INVALID' });
    await expect(trainIntentClassifier({ examples: [...examples, { text: ' \u200b ', label: 'greeting' }], encoder })).rejects.toThrow(/example 28/);
  });
});

describe('intent artifact', () => {
  it('round-trips: the loaded model gives identical rankings and out-of-scope flags', async () => {
    const { version, dir } = await saveIntentArtifact(model, modelsDir);
    expect(dir).toBe(join(modelsDir, version));
    expect(listIntentArtifacts(modelsDir)).toEqual([version]);
    const loaded = await loadIntentArtifact(modelsDir, { expectedEncoderId: 'hashing-256' });
    const texts = [...probes, 'my order SM-1234 has not arrived', 'hey hey'];
    const [before, after] = [await classifyAll(model, texts), await classifyAll(loaded, texts)];
    expect(after).toEqual(before);
    expect(loaded.threshold).toBe(model.threshold);
    expect(loaded.version).toBe(version);
    expect((await loadIntentArtifact(dir)).version).toBe(version);
  });

  it('round-trips a model with a nearest-exemplar term', async () => {
    const m = model.model;
    const knn = new TrainedIntentClassifier(new IntentModel({ ...m, intents: m.intents, knnWeight: 10 }), model.detector, model.threshold, {
      ...model.meta,
      version: `${model.version}-knn`,
    });
    const texts = [...probes, 'cancel it', 'parcel parcel'];
    const otherDir = mkdtempSync(join(tmpdir(), 'shopmate-intent-knn-'));
    try {
      const { dir } = await saveIntentArtifact(knn, otherDir);
      const loaded = await loadIntentArtifact(dir);
      expect(loaded.model.knnWeight).toBe(10);
      expect(await classifyAll(loaded, texts)).toEqual(await classifyAll(knn, texts));
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('reads a format-3 artifact (before the nearest-exemplar term) and predicts exactly as it did', async () => {
    const source = join(modelsDir, listIntentArtifacts(modelsDir)[0]);
    const dir = mkdtempSync(join(tmpdir(), 'shopmate-intent-format3-'));
    try {
      cpSync(source, dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const { knnWeight, ...format3 } = { ...manifest, format: 3 };
      delete format3.metrics.knnWeight;
      expect(knnWeight).toBe(model.model.knnWeight);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(format3));
      const loaded = await loadIntentArtifact(dir);
      expect(loaded.model.knnWeight).toBe(0);
      const m = model.model;
      const withoutKnn = new TrainedIntentClassifier(new IntentModel({ ...m, intents: m.intents, knnWeight: 0 }), model.detector, model.threshold, model.meta);
      expect(await classifyAll(loaded, probes)).toEqual(await classifyAll(withoutKnn, probes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a logistic detector fitted on other signals than this version computes', async () => {
    const source = join(modelsDir, listIntentArtifacts(modelsDir)[0]);
    const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
    expect(manifest.detector.signals).toEqual([...OOS_FEATURES]);
    const dir = mkdtempSync(join(tmpdir(), 'shopmate-intent-old-detector-'));
    try {
      cpSync(source, dir, { recursive: true });
      const old = OOS_FEATURES.slice(0, 6);
      const zeros = old.map(() => 0);
      manifest.detector = { signals: old, kind: 'logistic', mean: zeros, std: old.map(() => 1), weights: zeros, bias: 0 };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      await expect(loadIntentArtifact(dir)).rejects.toMatchObject({ code: 'ARTIFACT_INVALID', message: expect.stringContaining('retrain') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a missing model, an encoder mismatch and a corrupt weight file', async () => {
    await expect(loadIntentArtifact(join(modelsDir, 'nothing-here'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(loadIntentArtifact(modelsDir, { expectedEncoderId: 'use-lite-1' })).rejects.toMatchObject({
      code: 'ARTIFACT_INVALID',
      message: expect.stringContaining('hashing-256'),
    });
    const dir = join(modelsDir, listIntentArtifacts(modelsDir)[0]);
    writeFileSync(join(dir, 'head-bias.f32'), Buffer.alloc(12));
    await expect(loadIntentArtifact(dir)).rejects.toMatchObject({ code: 'ARTIFACT_INVALID', message: expect.stringContaining('head-bias.f32') });
    writeFileSync(join(dir, 'manifest.json'), '{"format": 99}');
    await expect(loadIntentArtifact(dir)).rejects.toMatchObject({ code: 'ARTIFACT_INVALID', message: expect.stringContaining('format') });
  });
});
