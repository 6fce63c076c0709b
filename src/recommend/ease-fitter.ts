import { Worker } from 'node:worker_threads';
import { ShopmateError } from '../core/errors.ts';
import { easeWeights } from './ease-weights.ts';

export interface EaseFitInput {
  /** n x n row-major (decayed) co-occurrence matrix, item counts on the diagonal. */
  gram: Float64Array;
  n: number;
  lambda: number;
}

/** Computes the EASE weights B (n x n, row-major) for one refit. Injected, so tests can count and control fits. */
export type EaseFitter = (input: EaseFitInput) => Promise<Float64Array>;

/** Up to this many products a fit takes milliseconds, less than starting a worker thread. */
export const IN_PROCESS_FIT_MAX_PRODUCTS = 300;

/** Fits on this thread, after the current request has been answered (the fit is never awaited by a request). */
export const inProcessEaseFitter: EaseFitter = async ({ gram, n, lambda }) => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return easeWeights(gram, n, lambda);
};

/**
 * Small models in process, larger ones in a worker thread: a fit is O(n^3) (seconds for a couple of thousand
 * products) and must not stall the serving thread. ease-worker-entry.mjs registers tsx in the worker.
 */
export const threadedEaseFitter: EaseFitter = (input) => {
  if (input.n <= IN_PROCESS_FIT_MAX_PRODUCTS) return inProcessEaseFitter(input);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ease-worker-entry.mjs', import.meta.url), {
      workerData: input,
      transferList: [input.gram.buffer as ArrayBuffer],
    });
    // A background fit must not keep a stopping server alive.
    worker.unref();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (weights: Float64Array) => finish(() => resolve(weights)));
    worker.once('error', (e) => finish(() => reject(new ShopmateError('INTERNAL', `EASE worker failed: ${e.message}`, { cause: e }))));
    worker.once('exit', (code) => finish(() => reject(new ShopmateError('INTERNAL', `EASE worker exited with code ${code} before reporting`))));
  });
};
