import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { trainNluModels } from '../../src/nlu/train-nlu-models.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Changes to the training data or to the NLU code invalidate the cached test models. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of [...filesUnder(join(ROOT, 'intents')), ...filesUnder(join(ROOT, 'src', 'nlu'))].sort()) {
    h.update(f.slice(ROOT.length)).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * A config whose data dir holds models trained on the shipped intents/, trained once and shared by every test
 * file (vitest globalSetup calls prepareTrainedModels before the workers start).
 */
export function trainedConfig(): Config {
  const dataDir = join(ROOT, '.cache', 'test-models', fingerprint());
  return loadConfig({ env: { SHOPMATE_LOG_LEVEL: 'silent' }, cwd: ROOT, overrides: { dataDir } });
}

export async function prepareTrainedModels(): Promise<Config> {
  const config = trainedConfig();
  if (existsSync(join(config.dataDir, 'models', 'intent', 'current.json')) && existsSync(join(config.dataDir, 'models', 'sentiment', 'current.json'))) {
    return config;
  }
  // The embedding cache is shared across fingerprints so retraining after a code change does not re-embed.
  const encoder = await createEncoder({ config, logger: silentLogger, cachePath: join(ROOT, '.cache', 'test-models', 'embeddings-use-lite-1.bin') });
  await trainNluModels({ config, logger: silentLogger, encoder });
  return config;
}
