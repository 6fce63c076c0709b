import { Worker } from 'node:worker_threads';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Encoder } from '../encoder.ts';
import type { EncoderWorkerSpec, WorkerMemory } from './encoder-worker-protocol.ts';
import { PendingEmbed, type EmbedPiece } from './pending-embed.ts';
import { PoolWorker } from './pool-worker.ts';

/** How long after a live message one worker stays reserved for live messages. */
const LIVE_RESERVE_MS = 1000;

export type WorkerFactory = (spec: EncoderWorkerSpec) => Worker;

/** Starts the real worker thread (TypeScript through tsx, see encoder-worker-entry.mjs). */
export const spawnEncoderWorker: WorkerFactory = (spec) =>
  new Worker(new URL('./encoder-worker-entry.mjs', import.meta.url), { workerData: spec });

export interface EncoderPoolOptions {
  size: number;
  spec: EncoderWorkerSpec;
  modelId: string;
  dim: number;
  /** Most texts one worker embeds in one go (config.nlu.batchSize). */
  batchSize: number;
  /** Longest a queued text waits for others to share its batch (only while another batch is being embedded). */
  maxWaitMs: number;
  logger: Logger;
  spawn?: WorkerFactory;
}

export interface EncoderPoolStats {
  /** Batches sent to workers, and the texts in them: texts / batches is the achieved batch size. */
  batches: number;
  texts: number;
  /** Workers that died and were replaced. */
  replaced: number;
}

/**
 * Embeds on N worker threads, each with its own TF.js backend and USE lite copy, so every core embeds. Concurrent
 * embed calls are gathered into batches of up to batchSize texts (a batch of 32 costs far less than 32 batches of 1)
 * and each batch goes to an idle worker; each worker embeds one batch at a time, so the queue stays here, where it
 * can keep growing into fuller batches while every worker is busy. Single-text calls (live messages) go before bulk
 * calls. A worker that dies fails its batch with ENCODER_WORKER_EXITED and is replaced.
 */
export class EncoderPool implements Encoder {
  readonly modelId: string;
  readonly dim: number;
  readonly stats: EncoderPoolStats = { batches: 0, texts: 0, replaced: 0 };
  private workers: PoolWorker[] = [];
  /** Calls of one text (a customer message, a search query) go first; calls of several wait behind them. */
  private readonly live: EmbedPiece[] = [];
  private readonly bulk: EmbedPiece[] = [];
  private lastLiveAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private pumpScheduled = false;
  private nextBatchId = 1;
  private closed = false;
  private readonly spawn: WorkerFactory;

  private constructor(private readonly options: EncoderPoolOptions) {
    this.modelId = options.modelId;
    this.dim = options.dim;
    this.spawn = options.spawn ?? spawnEncoderWorker;
  }

  /** Starts every worker and waits until each has loaded its model; a worker that cannot load fails the start. */
  static async start(options: EncoderPoolOptions): Promise<EncoderPool> {
    if (options.size < 1) throw new ShopmateError('CONFIG_INVALID', `an encoder pool needs at least one worker, got ${options.size}`);
    const pool = new EncoderPool(options);
    const workers = Array.from({ length: options.size }, () => pool.addWorker());
    try {
      await Promise.all(workers.map((w) => pool.checkedReady(w)));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  get threadIds(): number[] {
    return this.workers.map((w) => w.threadId);
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(new ShopmateError('UNAVAILABLE', 'the encoder pool is closed'));
    if (this.workers.length === 0) return Promise.reject(this.noWorkers());
    return new Promise((resolve, reject) => {
      const call = new PendingEmbed(texts.length, resolve, reject);
      const now = performance.now();
      const bulk = texts.length > 1;
      if (!bulk) this.lastLiveAt = now;
      for (let offset = 0; offset < texts.length; offset += this.options.batchSize) {
        (bulk ? this.bulk : this.live).push({ call, bulk, offset, texts: texts.slice(offset, offset + this.options.batchSize), queuedAt: now });
      }
      this.schedulePump();
    });
  }

  /** Per-worker memory of each running worker's isolate. */
  memory(): Promise<WorkerMemory[]> {
    return Promise.all(this.workers.filter((w) => w.isReady).map((w) => w.memory()));
  }

  /** Fails what is queued or in flight with UNAVAILABLE and terminates every worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const closing = new ShopmateError('UNAVAILABLE', 'the encoder pool was closed');
    this.failQueue(closing);
    const workers = this.workers.splice(0);
    for (const w of workers) w.failBatch(closing);
    await Promise.all(workers.map((w) => w.stop()));
  }

  private addWorker(): PoolWorker {
    const worker = new PoolWorker(this.spawn(this.options.spec), this.dim, {
      done: () => this.pump(),
      exited: (w, code, error) => this.onExit(w, code, error),
    });
    this.workers.push(worker);
    void worker.ready.then(() => this.pump(), () => undefined);
    return worker;
  }

  private async checkedReady(worker: PoolWorker): Promise<void> {
    const { modelId, dim } = await worker.ready;
    if (modelId !== this.modelId || dim !== this.dim) {
      throw new ShopmateError('INTERNAL', `encoder worker loaded ${modelId} (${dim}-d), the pool expects ${this.modelId} (${this.dim}-d)`);
    }
  }

  /** Calls made in the same tick share a batch: the pump runs once they are all queued. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Sends batches while there are queued texts and idle workers, unless waiting may fill the batch better. */
  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let sent = 0;
    while (!this.closed && this.live.length + this.bulk.length > 0) {
      const worker = this.workers.find((w) => w.idle);
      if (!worker) return; // the next worker to finish pumps again
      const withBulk = this.bulkAllowed();
      if (this.live.length === 0 && !withBulk) return;
      // Once this pass split the queue among idle workers, the rest of it goes now rather than waiting for company.
      const wait = sent === 0 ? this.waitLeft(withBulk) : 0;
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      const pieces = this.takeBatch(withBulk, this.fairShare(withBulk));
      if (pieces.length === 0) continue; // every piece taken belonged to a failed call
      this.stats.batches += 1;
      this.stats.texts += pieces.reduce((n, p) => n + p.texts.length, 0);
      worker.embed(this.nextBatchId++, pieces);
      sent += 1;
    }
  }

  /**
   * Bulk work may use every worker, except while customers are writing (a live message in the last second): then one
   * worker stays free of it, so a message never waits behind seconds of start-up, training or gate embedding.
   */
  private bulkAllowed(): boolean {
    if (this.bulk.length === 0) return false;
    const recentLive = performance.now() - this.lastLiveAt < LIVE_RESERVE_MS;
    const limit = recentLive ? Math.max(1, this.workers.length - 1) : this.workers.length;
    return this.workers.filter((w) => w.busyWithBulk).length < limit;
  }

  /**
   * How much longer the oldest queued text may wait for company. Only while another batch is in flight: an idle
   * pool means a quiet server, where waiting would only add latency.
   */
  private waitLeft(withBulk: boolean): number {
    const queued = [...this.live, ...(withBulk ? this.bulk : [])];
    if (queued.reduce((n, p) => n + p.texts.length, 0) >= this.options.batchSize) return 0;
    if (!this.workers.some((w) => w.isReady && !w.idle)) return 0;
    return Math.min(...queued.map((p) => p.queuedAt)) + this.options.maxWaitMs - performance.now();
  }

  /**
   * The texts one idle worker takes: the queue shared evenly among the idle workers (at most batchSize). Taking a
   * full batch greedily would leave the other workers idle: 32 waiting messages went to one worker as one batch of
   * 32 while the second core idled (pool of 2 at 32 concurrent callers: 116 texts/s, batches of 32).
   */
  private fairShare(withBulk: boolean): number {
    const queued = [...this.live, ...(withBulk ? this.bulk : [])].reduce((n, p) => n + p.texts.length, 0);
    const idle = this.workers.filter((w) => w.idle).length;
    return Math.min(this.options.batchSize, Math.max(1, Math.ceil(queued / Math.max(1, idle))));
  }

  /**
   * Whole pieces, live ones first, up to `limit` texts (a piece bigger than the limit goes alone); pieces of an
   * already failed call are dropped.
   */
  private takeBatch(withBulk: boolean, limit: number): EmbedPiece[] {
    const batch: EmbedPiece[] = [];
    let n = 0;
    for (const queue of withBulk ? [this.live, this.bulk] : [this.live]) {
      while (queue.length > 0 && (n === 0 || n + queue[0]!.texts.length <= limit)) {
        const piece = queue.shift()!;
        if (piece.call.settled) continue;
        batch.push(piece);
        n += piece.texts.length;
      }
    }
    return batch;
  }

  private onExit(worker: PoolWorker, code: number, error: Error | undefined): void {
    this.workers = this.workers.filter((w) => w !== worker);
    const wasReady = worker.isReady;
    worker.failBatch(new ShopmateError('ENCODER_WORKER_EXITED', `encoder worker exited with code ${code} while embedding`, { cause: error }));
    this.options.logger.error('encoder worker exited', { threadId: worker.threadId, code, error: error?.message, replacing: wasReady });
    // A worker that never loaded would fail again at once: replacing it would only loop.
    if (wasReady) {
      this.stats.replaced += 1;
      const replacement = this.addWorker();
      void this.checkedReady(replacement).catch((e: unknown) => this.options.logger.error('replacement encoder worker failed', { error: String(e) }));
    }
    if (this.workers.length === 0) this.failQueue(this.noWorkers());
    else this.pump();
  }

  private failQueue(e: ShopmateError): void {
    for (const piece of [...this.live.splice(0), ...this.bulk.splice(0)]) piece.call.fail(e);
  }

  private noWorkers(): ShopmateError {
    return new ShopmateError('ENCODER_WORKER_EXITED', 'no encoder worker is running (every worker exited; see the error log)');
  }
}
