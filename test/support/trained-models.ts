import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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
 * A config whose data dir holds models trained on the shipped intents/, trained once (per change of the data or
 * the NLU code) and shared by every test file that needs them; see prepareTrainedModels.
 */
export function trainedConfig(): Config {
  const dataDir = join(ROOT, '.cache', 'test-models', fingerprint());
  return loadConfig({ env: { SHOPMATE_LOG_LEVEL: 'silent' }, cwd: ROOT, overrides: { dataDir } });
}

function ready(config: Config): boolean {
  return ['intent', 'sentiment'].every((k) => existsSync(join(config.dataDir, 'models', k, 'current.json')));
}

/** Trains the shipped models unless an identical training already exists; parallel test workers wait on a lock. */
export async function prepareTrainedModels(): Promise<Config> {
  const config = trainedConfig();
  const lock = config.dataDir + '.lock';
  mkdirSync(join(config.dataDir, '..'), { recursive: true });
  for (;;) {
    if (ready(config)) return config;
    try {
      mkdirSync(lock); // atomic: exactly one worker trains
      break;
    } catch {
      // A lock left by a killed run would block forever; no training takes ten minutes.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (!ready(config)) await train(config);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return config;
}

async function train(config: Config): Promise<void> {
  // The embedding cache is shared across fingerprints so retraining after a code change does not re-embed.
  const encoder = await createEncoder({ config, logger: silentLogger, cachePath: join(ROOT, '.cache', 'test-models', 'embeddings-use-lite-1.bin') });
  await trainNluModels({ config, logger: silentLogger, encoder });
}
