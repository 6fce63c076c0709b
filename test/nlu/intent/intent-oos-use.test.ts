import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { CachedEncoder } from '../../../src/nlu/cached-encoder.ts';
import { createEncoder } from '../../../src/nlu/create-encoder.ts';
import { loadIntentFiles, toLabeledTexts } from '../../../src/nlu/intent/intent-data.ts';
import { trainIntentClassifier } from '../../../src/nlu/intent/train-intent-classifier.ts';
import type { TrainedIntentClassifier } from '../../../src/nlu/intent/trained-intent-classifier.ts';

// The one intent test on the real USE lite encoder: out-of-scope detection is about meaning, which the hashing
// test encoder (shared function words = similar) cannot show.
describe('out-of-scope detection with USE lite on a small shop set', () => {
  let dataDir: string;
  let encoder: CachedEncoder;
  let model: TrainedIntentClassifier;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shopmate-intent-use-'));
    encoder = await createEncoder({ config: loadConfig({ env: {}, overrides: { dataDir, nlu: { encoderWorkers: 0 } } }), logger: silentLogger });
    const examples = toLabeledTexts(loadIntentFiles(join(import.meta.dirname, 'fixtures', 'intents')));
    model = await trainIntentClassifier({ examples, encoder, seed: 7 });
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('flags unrelated questions and keeps shop questions in scope', async () => {
    const texts = ['where is my parcel', 'i want to return these shoes', 'hello there', 'what is the capital of mongolia', 'how do I bake sourdough bread'];
    const results = model.classifyBatch(await encoder.embed(texts), texts);
    expect(results.map((r) => r.outOfScope)).toEqual([false, false, false, true, true]);
    expect(results.slice(0, 3).map((r) => r.ranking[0].intent)).toEqual(['track_order', 'return_item', 'greeting']);
  });
});
