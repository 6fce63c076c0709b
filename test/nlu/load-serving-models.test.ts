import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { memoryLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { loadServingModels } from '../../src/nlu/load-serving-models.ts';
import { trainNluModels } from '../../src/nlu/train-nlu-models.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';
import { TINY_EXAMPLES } from './sentiment/sentiment-fixtures.ts';

/**
 * Small training data in the shape of intents/ (four intents with out-of-scope examples, and sentiment with anger):
 * the retraining on upgrade is the loader's behaviour under test, and training the shipped models again here would
 * re-embed and retrain thousands of sentences (a minute of CPU) to show the same thing.
 */
function smallIntentsDir(root: string): string {
  const dir = join(root, 'intents');
  cpSync(join(import.meta.dirname, 'intent', 'fixtures', 'intents'), dir, { recursive: true, filter: (src) => !/[\\/]sentiment([\\/]|$)/.test(src) });
  mkdirSync(join(dir, 'sentiment'));
  for (const [name, label, angry] of [['positive', 'positive', false], ['neutral', 'neutral', false], ['negative', 'negative', false], ['angry', 'negative', true]] as const) {
    const examples = TINY_EXAMPLES.filter((e) => e.label === label && e.angry === angry).map((e) => e.text);
    writeFileSync(join(dir, 'sentiment', `${name}.yaml`), stringify({ label, ...(angry ? { angry } : {}), examples }));
  }
  return dir;
}

describe('loadServingModels', () => {
  // In a hook: the first test run after a change to src/nlu trains the shared models here, which outlasts a test's timeout.
  let trained: Awaited<ReturnType<typeof prepareTrainedModels>>;
  beforeAll(async () => {
    trained = await prepareTrainedModels();
  });

  it('retrains instead of refusing to start when the saved intent model is from an older format', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopmate-upgrade-'));
    try {
      cpSync(trained.dataDir, dataDir, { recursive: true });
      const intentDir = join(dataDir, 'models', 'intent');
      const { version } = JSON.parse(readFileSync(join(intentDir, 'current.json'), 'utf8'));
      const manifestPath = join(intentDir, version, 'manifest.json');
      writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), format: 1 }));
      const config = { ...trained, dataDir, intentsDir: smallIntentsDir(dataDir) };
      const logger = memoryLogger();
      const encoder = await createEncoder({ config, logger });
      const models = await loadServingModels({ config, logger, encoder, train: () => trainNluModels({ config, logger, encoder }) });
      expect(models.intents.current().version).not.toBe(version);
      expect(logger.lines.some((l) => /cannot be used by this version: retraining/.test(String(l.msg)))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
