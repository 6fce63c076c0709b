import { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { ShopmateError, type ErrorCode } from '../core/errors.ts';
import type { LabeledText } from '../nlu/intent/intent-classifier.ts';
import type { TrainingData } from './build-training-data.ts';
import type { Candidate, Trainer } from './trainer.ts';

/** Which encoder the worker builds; functions cannot cross a thread boundary, so this is a description. */
export type WorkerEncoderSpec =
  | { kind: 'production'; config: Config; cachePath?: string }
  /** The test encoder: deterministic, no model download. */
  | { kind: 'hashing'; dim: number };

export interface TrainWorkerInput {
  encoder: WorkerEncoderSpec;
  modelsDir: string;
  examples: LabeledText[];
  seed: number;
  maxInputChars?: number;
}

export type TrainWorkerOutput = { ok: true; candidate: Candidate } | { ok: false; code: ErrorCode; message: string };

/**
 * Trains in a worker thread, so the serving thread keeps answering while a candidate trains (training is seconds of
 * CPU-bound JavaScript). The project runs TypeScript through tsx; train-worker-entry.mjs registers it in the worker.
 */
export class WorkerThreadTrainer implements Trainer {
  constructor(private readonly options: { encoder: WorkerEncoderSpec; modelsDir: string; maxInputChars?: number }) {}

  train(data: TrainingData): Promise<Candidate> {
    const input: TrainWorkerInput = {
      encoder: this.options.encoder,
      modelsDir: this.options.modelsDir,
      examples: data.examples,
      seed: data.seed,
      maxInputChars: this.options.maxInputChars,
    };
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./train-worker-entry.mjs', import.meta.url), { workerData: input });
      let settled = false;
      const fail = (message: string, cause?: unknown) => {
        if (settled) return;
        settled = true;
        reject(new ShopmateError('INTERNAL', `training worker failed: ${message}`, { cause }));
      };
      worker.once('message', (out: TrainWorkerOutput) => {
        settled = true;
        if (out.ok) resolve(out.candidate);
        else reject(new ShopmateError(out.code, `training worker: ${out.message}`));
        void worker.terminate();
      });
      worker.once('error', (e) => fail(e.message, e));
      worker.once('exit', (code) => fail(`exited with code ${code} before reporting`));
    });
  }
}
