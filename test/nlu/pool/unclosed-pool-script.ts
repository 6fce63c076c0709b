// Run by encoder-pool.test.ts: embeds with a pool and never closes it; the process must still end on its own.
import { silentLogger } from '../../../src/core/logger.ts';
import { EncoderPool } from '../../../src/nlu/pool/encoder-pool.ts';

const pool = await EncoderPool.start({ size: 2, spec: { kind: 'hashing', dim: 64 }, modelId: 'hashing-64', dim: 64, batchSize: 8, maxWaitMs: 2, logger: silentLogger });
const vectors = await pool.embed(['one', 'two', 'three']);
process.stdout.write(JSON.stringify({ vectors: vectors.length, dim: vectors[0]!.length }));
