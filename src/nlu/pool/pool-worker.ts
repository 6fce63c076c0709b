import type { Worker } from 'node:worker_threads';
import { ShopmateError } from '../../core/errors.ts';
import type { EmbedPiece } from './pending-embed.ts';
import type { FromEncoderWorker, ToEncoderWorker, WorkerMemory } from './encoder-worker-protocol.ts';

export interface PoolWorkerEvents {
  /** The batch this worker was given came back (vectors or a coded failure); the worker is idle again. */
  done(worker: PoolWorker): void;
  /** The thread ended without the pool asking it to. */
  exited(worker: PoolWorker, code: number, error: Error | undefined): void;
}

interface Batch {
  id: number;
  pieces: EmbedPiece[];
}

/**
 * One worker thread of the pool and the batch it is embedding (at most one). The thread is referenced only while it
 * loads or embeds, so an idle pool never keeps a finished CLI command or test process alive.
 */
export class PoolWorker {
  readonly ready: Promise<{ modelId: string; dim: number }>;
  isReady = false;
  private batch: Batch | null = null;
  private readonly memoryWaiters: Array<{ resolve: (m: WorkerMemory) => void; reject: (e: Error) => void }> = [];
  private lastError: Error | undefined;
  private stopping = false;

  constructor(
    private readonly thread: Worker,
    private readonly dim: number,
    private readonly events: PoolWorkerEvents,
  ) {
    this.ready = new Promise((resolve, reject) => {
      thread.on('message', (m: FromEncoderWorker) => {
        if (m.type === 'ready') {
          this.isReady = true;
          thread.unref();
          resolve({ modelId: m.modelId, dim: m.dim });
        } else if (m.type === 'load-failed') {
          reject(new ShopmateError(m.code, `encoder worker could not load its model: ${m.message}`));
        } else {
          this.onMessage(m);
        }
      });
      thread.on('error', (e) => (this.lastError = e));
      thread.on('exit', (code) => {
        for (const w of this.memoryWaiters.splice(0)) w.reject(new ShopmateError('ENCODER_WORKER_EXITED', `encoder worker exited with code ${code}`));
        reject(new ShopmateError('ENCODER_WORKER_EXITED', `encoder worker exited with code ${code} while loading`, { cause: this.lastError }));
        if (!this.stopping) events.exited(this, code, this.lastError);
      });
    });
    // A failed load is reported through `ready` (to start()) or `exited` (to the pool); never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get threadId(): number {
    return this.thread.threadId;
  }

  get idle(): boolean {
    return this.isReady && this.batch === null;
  }

  /** Whether the batch in flight holds part of a bulk call (see EncoderPool's reserve for live messages). */
  get busyWithBulk(): boolean {
    return this.batch?.pieces.some((p) => p.bulk) ?? false;
  }

  embed(id: number, pieces: EmbedPiece[]): void {
    this.batch = { id, pieces };
    this.thread.ref();
    this.send({ type: 'embed', id, texts: pieces.flatMap((p) => p.texts) });
  }

  /** Fails the batch in flight (if any): its worker is gone. */
  failBatch(e: ShopmateError): void {
    for (const p of this.batch?.pieces ?? []) p.call.fail(e);
    this.batch = null;
  }

  memory(): Promise<WorkerMemory> {
    return new Promise((resolve, reject) => {
      this.memoryWaiters.push({ resolve, reject });
      this.send({ type: 'memory' });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.thread.terminate();
  }

  private send(message: ToEncoderWorker): void {
    this.thread.postMessage(message);
  }

  private onMessage(m: Exclude<FromEncoderWorker, { type: 'ready' | 'load-failed' }>): void {
    if (m.type === 'memory') {
      this.memoryWaiters.shift()?.resolve(m.memory);
      return;
    }
    const batch = this.batch;
    if (!batch || batch.id !== m.id) return;
    this.batch = null;
    this.thread.unref();
    if (m.type === 'failed') {
      for (const p of batch.pieces) p.call.fail(new ShopmateError(m.code, `encoder worker: ${m.message}`));
    } else {
      this.deliver(batch.pieces, m.data);
    }
    this.events.done(this);
  }

  private deliver(pieces: EmbedPiece[], data: Float32Array): void {
    let row = 0;
    for (const p of pieces) {
      // Copies, not views: a cached vector must not keep the whole batch buffer alive.
      const vectors = p.texts.map(() => data.slice(row * this.dim, ++row * this.dim));
      p.call.fill(p.offset, vectors);
    }
  }
}
