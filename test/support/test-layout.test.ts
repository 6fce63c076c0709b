import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_TESTS } from '../../vitest.config.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const testFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? testFiles(p) : p.endsWith('.test.ts') ? [relative(ROOT, p)] : [];
  });

/** What makes a test file a model test: it loads the encoder or the fixture models, or trains a model. */
const NEEDS_MODELS = /prepareTrainedModels|createEncoder|buildApp\(|\bserve\(|trainIntentClassifier|trainSentimentModel|testLoop\(|WorkerThreadTrainer|bench\/intent\/run/;

describe('the test layout (vitest.config.ts)', () => {
  it('runs every test file that needs models in the model project, and only those', () => {
    const all = testFiles(join(ROOT, 'test')).filter((f) => f !== relative(ROOT, import.meta.filename));
    const needing = all.filter((f) => NEEDS_MODELS.test(readFileSync(join(ROOT, f), 'utf8'))).sort();
    expect(needing).toEqual([...MODEL_TESTS].sort());
  });
});
