import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { HashingEncoder } from '../../../src/nlu/hashing-encoder.ts';
import { loadSentimentArtifact, saveSentimentArtifact } from '../../../src/nlu/sentiment/sentiment-artifact.ts';
import type { SentimentModel } from '../../../src/nlu/sentiment/sentiment-model.ts';
import { trainSentimentModel } from '../../../src/nlu/sentiment/train-sentiment-model.ts';
import { PROBE_TEXTS, TINY_EXAMPLES, TOY_OPTIONS } from './sentiment-fixtures.ts';

const encoder = new HashingEncoder(128);
const train = (seed: number) =>
  trainSentimentModel({ examples: TINY_EXAMPLES, encoder, seed, logger: silentLogger, options: TOY_OPTIONS });

describe('sentiment model (hashing encoder)', () => {
  let model: SentimentModel;
  let modelsDir: string;

  beforeAll(async () => {
    model = await train(7);
    modelsDir = mkdtempSync(join(tmpdir(), 'shopmate-sentiment-'));
  });
  afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

  it('learns the tiny training set and returns the documented shape', async () => {
    const [pos, neu, angry] = model.predict(await encoder.embed(PROBE_TEXTS.slice(0, 3)), PROBE_TEXTS.slice(0, 3));
    expect(pos.label).toBe('positive');
    expect(neu.label).toBe('neutral');
    expect(angry).toMatchObject({ label: 'negative', angry: true });
    expect(angry.angerScore).toBeGreaterThan(0.5);
    expect(pos.angry).toBe(false);
    expect(model.info.metrics.trainAccuracy).toBeGreaterThan(0.9);
  });

  it('gives probabilities that sum to 1 for every input', async () => {
    for (const r of model.predict(await encoder.embed(PROBE_TEXTS), PROBE_TEXTS)) {
      const { negative, neutral, positive } = r.scores;
      expect(negative + neutral + positive).toBeCloseTo(1, 12);
      for (const p of [negative, neutral, positive, r.angerScore]) expect(p).toBeGreaterThanOrEqual(0);
    }
    expect(model.predict([], [])).toEqual([]);
  });

  it('is deterministic for a seed', async () => {
    const again = await train(7);
    expect(again.weights().map((w) => Array.from(w.values))).toEqual(model.weights().map((w) => Array.from(w.values)));
    again.dispose();
  });

  it('round-trips through save and load with identical predictions', async () => {
    const { dir, version } = saveSentimentArtifact(model, modelsDir);
    expect(dir).toBe(join(modelsDir, version));
    expect(JSON.parse(readFileSync(join(modelsDir, 'current.json'), 'utf8'))).toEqual({ version });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ formatVersion: 1, encoderId: 'hashing-128', counts: { total: TINY_EXAMPLES.length, angry: 5 } });
    expect(manifest.features.lexicalFeatureNames).toContain('afinn');
    const vectors = await encoder.embed(PROBE_TEXTS);
    for (const source of [modelsDir, dir]) {
      const loaded = loadSentimentArtifact(source, { expectedEncoderId: encoder.modelId });
      expect(loaded.version).toBe(version);
      expect(loaded.predict(vectors, PROBE_TEXTS)).toEqual(model.predict(vectors, PROBE_TEXTS));
      loaded.dispose();
    }
  });

  it('rejects vectors that do not match the texts or the encoder size', async () => {
    const [v] = await encoder.embed(['hello']);
    expect(() => model.predict([v], ['a', 'b'])).toThrow(expect.objectContaining({ code: 'ENCODER_INPUT' }));
    expect(() => model.predict([v.slice(0, 10)], ['a'])).toThrow(/expects 128/);
  });
});
