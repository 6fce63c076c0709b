import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { CachedEncoder } from './cached-encoder.ts';
import { FileEmbeddingCache } from './embedding-cache.ts';
import { initBackend } from './tf-backend.ts';
import { LazyEncoder } from './lazy-encoder.ts';
import { USE_LITE_DIM, USE_LITE_MODEL_ID, UseLiteEncoder } from './use-lite-encoder.ts';

/** The production encoder stack: backend selection, verified USE lite weights, persistent embedding cache. */
export interface CreateEncoderOptions {
  config: Config;
  logger: Logger;
  cachePath?: string;
  serving?: boolean;
  /** Load the model weights only when a text misses the cache (the training worker); serving loads at boot. */
  lazy?: boolean;
}

export async function createEncoder(options: CreateEncoderOptions): Promise<CachedEncoder> {
  const { config, logger } = options;
  await initBackend({ preference: config.nlu.backend, logger });
  const started = Date.now();
  const load = async () => {
    const t0 = Date.now();
    const encoder = await UseLiteEncoder.load({ batchSize: config.nlu.batchSize });
    if (options.lazy) logger.info('encoder weights loaded on first cache miss', { loadMs: Date.now() - t0 });
    return encoder;
  };
  const use = options.lazy ? new LazyEncoder({ modelId: USE_LITE_MODEL_ID, dim: USE_LITE_DIM, load }) : await load();
  const cachePath = options.cachePath ?? join(config.dataDir, 'cache', `embeddings-${use.modelId}.bin`);
  const cache = new FileEmbeddingCache(cachePath, use.dim);
  logger.info('encoder ready', { modelId: use.modelId, lazy: options.lazy ?? false, loadMs: Date.now() - started, cachedVectors: cache.size });
  // Serving keeps live customer messages out of the on-disk cache (see CachedEncoderOptions.persistSingles).
  return new CachedEncoder(use, cache, { persistSingles: !options.serving });
}
