import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { CachedEncoder } from './cached-encoder.ts';
import type { Encoder } from './encoder.ts';
import { FileEmbeddingCache } from './embedding-cache.ts';
import { initBackend } from './tf-backend.ts';
import { LazyEncoder } from './lazy-encoder.ts';
import { EncoderPool } from './pool/encoder-pool.ts';
import { USE_LITE_DIM, USE_LITE_MODEL_ID, UseLiteEncoder } from './use-lite-encoder.ts';

/** The production encoder stack: backend selection, verified USE lite weights, persistent embedding cache. */
export interface CreateEncoderOptions {
  config: Config;
  logger: Logger;
  cachePath?: string;
  serving?: boolean;
  /**
   * Load the model weights only when a text misses the cache (the training worker); serving loads at boot. A lazy
   * encoder embeds on its own thread, never on a pool: the training worker is a thread already.
   */
  lazy?: boolean;
}

/** USE lite on config.nlu.encoderWorkers worker threads (micro-batched), or on this thread when that is 0. */
async function loadUseLite(config: Config, logger: Logger): Promise<Encoder> {
  const { encoderWorkers, batchSize, batchWaitMs, backend } = config.nlu;
  if (encoderWorkers === 0) return UseLiteEncoder.load({ batchSize });
  const pool = await EncoderPool.start({
    size: encoderWorkers,
    spec: { kind: 'use-lite', backend, batchSize },
    modelId: USE_LITE_MODEL_ID,
    dim: USE_LITE_DIM,
    batchSize,
    maxWaitMs: batchWaitMs,
    logger,
  });
  logger.info('encoder workers started', { workers: encoderWorkers, batchSize, batchWaitMs });
  return pool;
}

export async function createEncoder(options: CreateEncoderOptions): Promise<CachedEncoder> {
  const { config, logger } = options;
  await initBackend({ preference: config.nlu.backend, logger });
  const started = Date.now();
  const load = async () => {
    const t0 = Date.now();
    const encoder = await UseLiteEncoder.load({ batchSize: config.nlu.batchSize });
    logger.info('encoder weights loaded on first cache miss', { loadMs: Date.now() - t0 });
    return encoder;
  };
  const use = options.lazy ? new LazyEncoder({ modelId: USE_LITE_MODEL_ID, dim: USE_LITE_DIM, load }) : await loadUseLite(config, logger);
  const cachePath = options.cachePath ?? join(config.dataDir, 'cache', `embeddings-${use.modelId}.bin`);
  const cache = new FileEmbeddingCache(cachePath, use.dim);
  logger.info('encoder ready', { modelId: use.modelId, lazy: options.lazy ?? false, loadMs: Date.now() - started, cachedVectors: cache.size });
  // Serving keeps live customer messages out of the on-disk cache (see CachedEncoderOptions.persistSingles).
  return new CachedEncoder(use, cache, { persistSingles: !options.serving });
}
