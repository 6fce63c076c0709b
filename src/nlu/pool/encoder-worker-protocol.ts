import type { Backend } from '../../config/config.ts';
import type { ErrorCode } from '../../core/errors.ts';

/** Which encoder a pool worker builds; functions cannot cross a thread boundary, so this is a description. */
export type EncoderWorkerSpec =
  | { kind: 'use-lite'; backend: Backend; batchSize: number; modelDir?: string }
  /**
   * The test encoder: deterministic, no model to load. `delayMs` makes each batch take that long, as a real model's
   * batches do, so tests can hold a worker busy (batching while busy, a crash during a batch).
   */
  | { kind: 'hashing'; dim: number; delayMs?: number };

/** Main thread -> worker. */
export type ToEncoderWorker =
  | { type: 'embed'; id: number; texts: string[] }
  | { type: 'memory' };

/** What a worker's own isolate holds (the process RSS is shared by every thread, so it cannot tell them apart). */
export interface WorkerMemory {
  heapUsedBytes: number;
  /** Off-heap memory of this isolate: the wasm backend's linear memory (weights, activations) lives here. */
  externalBytes: number;
}

/** Worker -> main thread. Vectors travel as one transferred Float32Array of texts.length * dim values. */
export type FromEncoderWorker =
  | { type: 'ready'; modelId: string; dim: number }
  | { type: 'load-failed'; code: ErrorCode; message: string }
  | { type: 'vectors'; id: number; data: Float32Array }
  | { type: 'failed'; id: number; code: ErrorCode; message: string }
  | { type: 'memory'; memory: WorkerMemory };
