/** Worker-thread entry of threadedEaseFitter: one fit, the weights posted back without a copy. */
import { parentPort, workerData } from 'node:worker_threads';
import type { EaseFitInput } from './ease-fitter.ts';
import { easeWeights } from './ease-weights.ts';

const { gram, n, lambda } = workerData as EaseFitInput;
const weights = easeWeights(gram, n, lambda);
parentPort!.postMessage(weights, [weights.buffer as ArrayBuffer]);
