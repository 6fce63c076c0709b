/**
 * Worker-thread entry of WorkerThreadTrainer: builds its own encoder (the production one reads the persistent
 * embedding cache in the data dir, so examples the server already embedded cost nothing), trains, saves the
 * candidate and posts its description back. Runs off the serving thread so classification latency is unaffected.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isShopmateError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { HashingEncoder } from '../nlu/hashing-encoder.ts';
import { trainIntentClassifier } from '../nlu/intent/train-intent-classifier.ts';
import { saveCandidateArtifact } from './candidate-artifacts.ts';
import type { TrainWorkerInput, TrainWorkerOutput } from './worker-thread-trainer.ts';

async function encoderFor(input: TrainWorkerInput): Promise<Encoder> {
  if (input.encoder.kind === 'hashing') return new HashingEncoder(input.encoder.dim);
  const logger = createLogger({ level: input.encoder.config.logLevel, write: (line) => process.stderr.write(line + '\n') });
  return createEncoder({ config: input.encoder.config, logger, cachePath: input.encoder.cachePath, lazy: true });
}

async function run(input: TrainWorkerInput): Promise<TrainWorkerOutput> {
  const encoder = await encoderFor(input);
  const model = await trainIntentClassifier({ examples: input.examples, encoder, seed: input.seed, maxInputChars: input.maxInputChars });
  return { ok: true, candidate: await saveCandidateArtifact(model, input.modelsDir) };
}

run(workerData as TrainWorkerInput).then(
  (out) => parentPort!.postMessage(out),
  (e: unknown) => {
    // Keep a coded error's code (e.g. TRAINING_DATA_INVALID) so the caller can tell bad data from a crash.
    const code = isShopmateError(e) ? e.code : 'INTERNAL';
    parentPort!.postMessage({ ok: false, code, message: e instanceof Error ? e.message : String(e) } satisfies TrainWorkerOutput);
  },
);
