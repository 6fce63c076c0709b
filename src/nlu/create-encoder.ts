import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { CachedEncoder } from './cached-encoder.ts';
import { FileEmbeddingCache } from './embedding-cache.ts';
import { initBackend } from './tf-backend.ts';
import { UseLiteEncoder } from './use-lite-encoder.ts';

/** The production encoder stack: backend selection, verified USE lite weights, persistent embedding cache. */
export async function createEncoder(options: { config: Config; logger: Logger; cachePath?: string; serving?: boolean }): Promise<CachedEncoder> {
  const { config, logger } = options;
  await initBackend({ preference: config.nlu.backend, logger });
  const started = Date.now();
  const use = await UseLiteEncoder.load({ batchSize: config.nlu.batchSize });
  const cachePath = options.cachePath ?? join(config.dataDir, 'cache', `embeddings-${use.modelId}.bin`);
  const cache = new FileEmbeddingCache(cachePath, use.dim);
  logger.info('encoder ready', { modelId: use.modelId, loadMs: Date.now() - started, cachedVectors: cache.size });
  // Serving keeps live customer messages out of the on-disk cache (see CachedEncoderOptions.persistSingles).
  return new CachedEncoder(use, cache, { persistSingles: !options.serving });
}
