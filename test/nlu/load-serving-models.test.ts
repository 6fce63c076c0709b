import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { loadServingModels } from '../../src/nlu/load-serving-models.ts';
import { trainNluModels } from '../../src/nlu/train-nlu-models.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';
import { smallIntentsDir } from '../support/small-intents.ts';

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
