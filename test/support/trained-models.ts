import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { setPriority } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.ts';

/**
 * The fixture models: the intent and sentiment models trained on the shipped intents/ exactly as `shopmate train`
 * trains them, once per change of their inputs, in `.cache/test-models/<fingerprint>/`. The model project's global
 * setup starts the training (fixture-global-setup.ts) and every test that needs trained models waits for it here.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURE_ROOT = join(ROOT, '.cache', 'test-models');
/** Trained models, plus the knowledge texts' embeddings every app built on them needs (a warm cache, not a model). */
export type FixturePart = 'intent' | 'sentiment' | 'knowledge';
export const FIXTURE_PARTS: readonly FixturePart[] = ['intent', 'sentiment', 'knowledge'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The installed TF.js and USE packages decide the numbers too, not only our code and data. */
function packageVersions(): string {
  const names = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-layers', 'universal-sentence-encoder-node'];
  return names.map((n) => `${n}@${JSON.parse(readFileSync(join(ROOT, 'node_modules', n, 'package.json'), 'utf8')).version}`).join(',');
}

/**
 * Changes to the training data, the NLU code, the code that trains the fixture or the TF.js packages invalidate the
 * fixture (this file only schedules the training: changing it does not).
 */
export function fingerprint(): string {
  const h = createHash('sha256').update(packageVersions());
  const files = [...filesUnder(join(ROOT, 'intents')), ...filesUnder(join(ROOT, 'src', 'nlu')), join(ROOT, 'test', 'support', 'train-fixture-part.ts')];
  for (const f of files.sort()) h.update(f.slice(ROOT.length)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/**
 * A config whose data dir holds (or will hold) the fixture models. It embeds on the test's own thread: the many apps
 * the model tests build would each start a pool of USE copies on two shared cores (the pool has its own tests, and
 * test/serve.test.ts serves through one).
 */
export function trainedConfig(): Config {
  const dataDir = join(FIXTURE_ROOT, fingerprint());
  return loadConfig({ env: { SHOPMATE_LOG_LEVEL: 'silent' }, cwd: ROOT, overrides: { dataDir, nlu: { encoderWorkers: 0 } } });
}

/** A change to knowledge/ only embeds the knowledge again; it does not retrain the models. */
export function knowledgeFingerprint(): string {
  const h = createHash('sha256');
  for (const f of filesUnder(join(ROOT, 'knowledge')).sort()) h.update(f.slice(ROOT.length)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}
export const knowledgeMarker = (dataDir: string) => join(dataDir, 'cache', 'knowledge-embedded');

function partReady(dataDir: string, part: FixturePart): boolean {
  if (part !== 'knowledge') return existsSync(join(dataDir, 'models', part, 'current.json'));
  return existsSync(knowledgeMarker(dataDir)) && readFileSync(knowledgeMarker(dataDir), 'utf8') === knowledgeFingerprint();
}

export function fixtureReady(dataDir: string, parts: readonly FixturePart[] = FIXTURE_PARTS): boolean {
  return parts.every((p) => partReady(dataDir, p));
}

/** Held while the fixture is being trained; whoever holds it trains, everyone else waits. */
export const lockOf = (dataDir: string) => dataDir + '.lock';
/** Written when a training part fails, so waiting test files fail at once with the reason instead of timing out. */
export const failureOf = (dataDir: string) => dataDir + '.failed';

/** mkdir is atomic: true for exactly one caller. A lock left by a killed run is broken after ten minutes. */
export function tryLock(dataDir: string): boolean {
  mkdirSync(FIXTURE_ROOT, { recursive: true });
  const lock = lockOf(dataDir);
  const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
  if (age > 600_000) rmSync(lock, { recursive: true, force: true });
  try {
    mkdirSync(lock);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the missing parts of the fixture, each in its own process (each embeds its own texts and trains its own
 * model, so they keep both cores busy on a cold start). The caller holds the lock; it is released when all are done.
 */
export function trainFixture(dataDir: string): Promise<void> {
  rmSync(failureOf(dataDir), { force: true });
  const parts = FIXTURE_PARTS.filter((p) => !fixtureReady(dataDir, [p]));
  const runs = parts.map(
    (part) =>
      new Promise<void>((done, fail) => {
        const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/support/train-fixture-part.ts', part, dataDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        // The unit tests run meanwhile, some against timeouts (browsers): they go first, the training takes what is left.
        if (child.pid) setPriority(child.pid, 10);
        let stderr = '';
        child.stderr.on('data', (c) => void (stderr = (stderr + c).slice(-4000)));
        child.on('error', fail);
        child.on('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`training the ${part} fixture model failed (${signal ?? code}): ${stderr}`))));
      }),
  );
  return Promise.all(runs)
    .then(() => undefined)
    .catch((e: Error) => {
      writeFileSync(failureOf(dataDir), e.message);
      throw e;
    })
    .finally(() => rmSync(lockOf(dataDir), { recursive: true, force: true }));
}

/**
 * The config of the fixture models, once they are trained. Normally the model project's global setup is training
 * them already and this waits for it; a test file run some other way trains them itself (under the same lock).
 */
export async function prepareTrainedModels(): Promise<Config> {
  const config = trainedConfig();
  for (;;) {
    if (fixtureReady(config.dataDir)) return config;
    // A failure of this run's training ends the wait; one left by an earlier run is retried below.
    const failedAt = statSync(failureOf(config.dataDir), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (failedAt > performance.timeOrigin && !existsSync(lockOf(config.dataDir))) throw new Error(readFileSync(failureOf(config.dataDir), 'utf8'));
    if (tryLock(config.dataDir)) {
      await trainFixture(config.dataDir);
      continue;
    }
    await sleep(200);
  }
}
