/**
 * Entry of an EncoderPool worker thread: builds its own encoder (its own TF.js backend and USE lite weights, checked
 * as on the main thread), says `ready`, then embeds batch after batch. One batch at a time: the pool never sends a
 * second one before the first is answered, so nothing queues here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { isShopmateError, type ErrorCode } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import type { Encoder } from '../encoder.ts';
import { HashingEncoder } from '../hashing-encoder.ts';
import { initBackend } from '../tf-backend.ts';
import { UseLiteEncoder } from '../use-lite-encoder.ts';
import type { EncoderWorkerSpec, FromEncoderWorker, ToEncoderWorker } from './encoder-worker-protocol.ts';

const port = parentPort!;
const post = (message: FromEncoderWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const codeOf = (e: unknown): ErrorCode => (isShopmateError(e) ? e.code : 'INTERNAL');
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function build(spec: EncoderWorkerSpec): Promise<Encoder> {
  if (spec.kind === 'hashing') return delayed(new HashingEncoder(spec.dim), spec.delayMs ?? 0);
  // The main thread already logged its backend choice; a worker logs only warnings (e.g. a forced backend missing).
  await initBackend({ preference: spec.backend, logger: createLogger({ level: 'warn' }) });
  return UseLiteEncoder.load({ batchSize: spec.batchSize, modelDir: spec.modelDir });
}

function delayed(encoder: Encoder, delayMs: number): Encoder {
  if (delayMs === 0) return encoder;
  return { modelId: encoder.modelId, dim: encoder.dim, embed: async (texts) => (await sleep(delayMs), encoder.embed(texts)) };
}

async function embed(encoder: Encoder, id: number, texts: string[]): Promise<void> {
  try {
    const vectors = await encoder.embed(texts);
    const data = new Float32Array(texts.length * encoder.dim);
    vectors.forEach((v, i) => data.set(v, i * encoder.dim));
    post({ type: 'vectors', id, data }, [data.buffer]);
  } catch (e) {
    post({ type: 'failed', id, code: codeOf(e), message: messageOf(e) });
  }
}

function memory(): void {
  const m = process.memoryUsage();
  post({ type: 'memory', memory: { heapUsedBytes: m.heapUsed, externalBytes: m.external } });
}

/**
 * A fresh isolate runs the wasm kernels and TF.js's JavaScript unoptimised (about three times the CPU of a warm one
 * for the first few dozen sentences); a few batches before `ready` move that cost to start-up, off customers' turns.
 */
const WARM_UP = ['where is my order', 'can I return the lamp I bought last week', 'do you ship to Austria', 'hello'];

async function warmUp(encoder: Encoder, spec: EncoderWorkerSpec): Promise<void> {
  if (spec.kind !== 'use-lite') return;
  const full = Array.from({ length: spec.batchSize }, (_, i) => WARM_UP[i % WARM_UP.length]!);
  for (let round = 0; round < 3; round++) {
    await encoder.embed(full);
    for (const text of WARM_UP) await encoder.embed([text]);
  }
}

try {
  const spec = workerData as EncoderWorkerSpec;
  const encoder = await build(spec);
  await warmUp(encoder, spec);
  port.on('message', (message: ToEncoderWorker) => {
    if (message.type === 'embed') void embed(encoder, message.id, message.texts);
    else memory();
  });
  post({ type: 'ready', modelId: encoder.modelId, dim: encoder.dim });
} catch (e) {
  post({ type: 'load-failed', code: codeOf(e), message: messageOf(e) });
  port.close();
}
